#include "service/server/server_credentials.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/slice.h>

namespace advisor::server {
namespace {

absl::string_view SliceView(const grpc_slice& slice) {
  return absl::string_view(reinterpret_cast<const char*>(GRPC_SLICE_START_PTR(slice)),
                           GRPC_SLICE_LENGTH(slice));
}

// grpc_auth_metadata_processor.process: called by gRPC's server auth filter
// once per call with the client's initial metadata. Answers synchronously.
void ProcessCallMetadata(void* state, grpc_auth_context* /*context*/, const grpc_metadata* md,
                         size_t num_md, grpc_process_auth_metadata_done_cb done, void* user_data) {
  // Installed late (GatedServerCredentials::EnableGate), a call may see the
  // new function before its state: let it through to the handler, which
  // applies the same drain rule.
  if (state == nullptr) {
    done(user_data, nullptr, 0, nullptr, 0, GRPC_STATUS_OK, nullptr);
    return;
  }
  absl::string_view method;
  absl::string_view authorization;
  absl::string_view request_id;
  const grpc_metadata* authorization_entry = nullptr;
  for (size_t i = 0; i < num_md; ++i) {
    const absl::string_view key = SliceView(md[i].key);
    if (key == ":path") {
      method = SliceView(md[i].value);
    } else if (key == "authorization") {
      authorization = SliceView(md[i].value);
      authorization_entry = &md[i];
    } else if (key == "x-request-id") {
      request_id = SliceView(md[i].value);
    }
  }
  const CallGate::Decision decision =
      static_cast<CallGate*>(state)->Admit(method, authorization, request_id);
  // An admitted call's token is consumed: gRPC removes it from the call, so
  // no handler, interceptor or log ever sees it.
  const bool consume = decision.status_code == GRPC_STATUS_OK && authorization_entry != nullptr;
  done(user_data, consume ? authorization_entry : nullptr, consume ? 1 : 0, nullptr, 0,
       static_cast<grpc_status_code>(decision.status_code), decision.message);
}

// gRPC's file-watcher certificate provider behind TLS credentials: the
// core API of what grpc::experimental::TlsServerCredentials wraps, since
// the gate needs the core credentials.
grpc_server_credentials* MakeWatchingCredentials(const ServerTls& tls) {
  const bool mutual = !tls.client_ca_file.empty();
  const auto seconds = static_cast<unsigned int>(std::max<int64_t>(
      1, absl::ToInt64Seconds(absl::Ceil(tls.refresh_interval, absl::Seconds(1)))));
  grpc_tls_certificate_provider* provider = grpc_tls_certificate_provider_file_watcher_create(
      tls.private_key_file.c_str(), tls.certificate_chain_file.c_str(),
      mutual ? tls.client_ca_file.c_str() : nullptr, seconds);
  grpc_tls_credentials_options* options = grpc_tls_credentials_options_create();
  // The options take their own reference to the provider.
  grpc_tls_credentials_options_set_certificate_provider(options, provider);
  grpc_tls_certificate_provider_release(provider);
  grpc_tls_credentials_options_watch_identity_key_cert_pairs(options);
  if (mutual) grpc_tls_credentials_options_watch_root_certs(options);
  grpc_tls_credentials_options_set_cert_request_type(
      options, mutual ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
                      : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  // Takes ownership of the options.
  return grpc_tls_server_credentials_create(options);
}

grpc_server_credentials* MakeCoreCredentials(const ServerTls& tls) {
  if (!tls.certificate_chain_file.empty()) return MakeWatchingCredentials(tls);
  grpc_ssl_pem_key_cert_pair pair{tls.private_key.c_str(), tls.certificate_chain.c_str()};
  const bool mutual = !tls.client_ca.empty();
  // gRPC copies the PEM text.
  return grpc_ssl_server_credentials_create_ex(
      mutual ? tls.client_ca.c_str() : nullptr, &pair, 1,
      mutual ? GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY
             : GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE,
      nullptr);
}

}  // namespace

GatedServerCredentials::GatedServerCredentials(grpc_server_credentials* credentials, CallGate* gate)
    : credentials_(credentials), gate_(gate) {}

GatedServerCredentials::~GatedServerCredentials() { grpc_server_credentials_release(credentials_); }

void GatedServerCredentials::EnableGate() {
  if (gate_enabled_.exchange(true)) return;
  grpc_server_credentials_set_auth_metadata_processor(
      credentials_, grpc_auth_metadata_processor{ProcessCallMetadata, nullptr, gate_});
}

int GatedServerCredentials::AddPortToServer(const std::string& addr, grpc_server* server) {
  return grpc_server_add_http2_port(server, addr.c_str(), credentials_);
}

std::shared_ptr<GatedServerCredentials> MakeServerCredentials(const ServerTls* tls,
                                                              CallGate* gate) {
  grpc_server_credentials* core =
      tls == nullptr ? grpc_insecure_server_credentials_create() : MakeCoreCredentials(*tls);
  return std::shared_ptr<GatedServerCredentials>(new GatedServerCredentials(core, gate));
}

}  // namespace advisor::server

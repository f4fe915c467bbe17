#include "service/server/operations_flags.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"

#include "service/server/json_logger.h"
#include "service/server/tls_check.h"

ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM file with the server's TLS certificate chain. With --tls_key_file it turns TLS on; "
          "both empty (the default) serves plaintext.");
ABSL_FLAG(std::string, tls_key_file, "", "PEM file with the private key of --tls_cert_file.");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM file with the CA certificates that sign client certificates. Set, it turns on "
          "mutual TLS: clients without a certificate this CA verifies are refused. Needs "
          "--tls_cert_file and --tls_key_file.");
ABSL_FLAG(absl::Duration, tls_refresh_interval, absl::Seconds(60),
          "With TLS, how often the certificate, key and client CA files are read again; "
          "renewed ones serve new handshakes (open connections keep theirs), so a rotation "
          "needs no restart. Whole seconds, at least 1s. Replace the files atomically (a "
          "Kubernetes Secret volume swaps its ..data symlink) and only with valid ones: an "
          "invalid file fails new handshakes until a valid one is back.");
ABSL_FLAG(std::string, auth_tokens_file, "",
          "File of accepted bearer tokens, one per line (blank lines and # comments ignored). "
          "Set, every call needs `authorization: Bearer <token>` or gets UNAUTHENTICATED; "
          "grpc.health.v1.Health stays open. Re-read on SIGHUP. Empty: no authentication. Use "
          "it with TLS, or tokens cross the network in clear text.");
ABSL_FLAG(bool, auth_reflection, true,
          "With --auth_tokens_file, whether server reflection needs a token too; false leaves "
          "it open (it describes the API, not the data).");
ABSL_FLAG(int, max_calls_in_flight, 0,
          "Advisor calls the server works on at once (handlers running, streams open), over "
          "all connections; calls beyond it are answered at once with RESOURCE_EXHAUSTED "
          "\"server overloaded...\" (health and reflection are never counted or refused). "
          "0: no cap.");
ABSL_FLAG(int, max_concurrent_streams, 100,
          "Concurrent calls (HTTP/2 streams) per client connection; further calls wait in the "
          "client until one ends. 0: gRPC's default (no limit).");
ABSL_FLAG(int64_t, max_memory_bytes, 0,
          "Memory gRPC may use for connections and calls (a resource quota); past it, new work "
          "is refused instead of growing the process. 0: unbounded.");
ABSL_FLAG(absl::Duration, knowledge_base_poll_interval, absl::Seconds(2),
          "With --knowledge_base, how often to check whether the file's content changed and "
          "reload it (this also catches a Kubernetes ConfigMap update, which swaps a symlink). "
          "0 disables polling; SIGHUP always reloads.");

namespace advisor::server {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& flag, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int error = errno;
    const std::string message =
        absl::StrCat("--", flag, ": cannot read ", path, ": ", std::strerror(error));
    return error == EACCES ? absl::PermissionDeniedError(message) : absl::NotFoundError(message);
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

absl::Status ApplyTls(AdvisorServerOptions& options) {
  const std::string cert = absl::GetFlag(FLAGS_tls_cert_file);
  const std::string key = absl::GetFlag(FLAGS_tls_key_file);
  const std::string client_ca = absl::GetFlag(FLAGS_tls_client_ca_file);
  if (cert.empty() && key.empty()) {
    if (!client_ca.empty()) {
      return absl::InvalidArgumentError(
          "--tls_client_ca_file needs --tls_cert_file and --tls_key_file");
    }
    return absl::OkStatus();
  }
  if (cert.empty() || key.empty()) {
    return absl::InvalidArgumentError("--tls_cert_file and --tls_key_file go together");
  }
  ServerTls tls;
  absl::StatusOr<std::string> text = ReadFile("tls_cert_file", cert);
  if (!text.ok()) return text.status();
  tls.certificate_chain = *std::move(text);
  text = ReadFile("tls_key_file", key);
  if (!text.ok()) return text.status();
  tls.private_key = *std::move(text);
  if (!client_ca.empty()) {
    text = ReadFile("tls_client_ca_file", client_ca);
    if (!text.ok()) return text.status();
    tls.client_ca = *std::move(text);
  }
  // gRPC watches the files from here on.
  tls.certificate_chain_file = cert;
  tls.private_key_file = key;
  tls.client_ca_file = client_ca;
  if (absl::Status checked = CheckTlsMaterial(tls); !checked.ok()) return checked;
  tls.refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  if (tls.refresh_interval < absl::Seconds(1) ||
      absl::Trunc(tls.refresh_interval, absl::Seconds(1)) != tls.refresh_interval) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tls_refresh_interval must be whole seconds, at least 1s, got ",
                     absl::FormatDuration(tls.refresh_interval)));
  }
  options.tls = std::move(tls);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const BearerTokens>> LoadTokensFromFlags() {
  const std::string path = absl::GetFlag(FLAGS_auth_tokens_file);
  if (path.empty()) return std::shared_ptr<const BearerTokens>();
  absl::StatusOr<BearerTokens> tokens = BearerTokens::Load(path);
  if (!tokens.ok()) return tokens.status();
  return std::make_shared<const BearerTokens>(*std::move(tokens));
}

absl::Status ApplyOperationsFlags(AdvisorServerOptions& options) {
  if (absl::Status tls = ApplyTls(options); !tls.ok()) return tls;
  absl::StatusOr<std::shared_ptr<const BearerTokens>> tokens = LoadTokensFromFlags();
  if (!tokens.ok()) return tokens.status();
  options.tokens = *std::move(tokens);
  options.auth_reflection = absl::GetFlag(FLAGS_auth_reflection);
  options.max_calls_in_flight = absl::GetFlag(FLAGS_max_calls_in_flight);
  options.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  options.max_memory_bytes = absl::GetFlag(FLAGS_max_memory_bytes);
  if (options.max_calls_in_flight < 0 || options.max_concurrent_streams < 0 ||
      options.max_memory_bytes < 0) {
    return absl::InvalidArgumentError(
        "--max_calls_in_flight, --max_concurrent_streams and --max_memory_bytes must not be "
        "negative (0 means no limit)");
  }
  if (KnowledgeBasePollInterval() < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--knowledge_base_poll_interval must not be negative");
  }
  return absl::OkStatus();
}

void HandleSighup(KnowledgeBaseReloader* reloader, AdvisorServer& server) {
  LogEvent(Severity::kInfo, "received SIGHUP, reloading");
  // The reloader reports its outcome to the observers, which log it.
  if (reloader != nullptr) reloader->Reload().IgnoreError();
  absl::StatusOr<std::shared_ptr<const BearerTokens>> tokens = LoadTokensFromFlags();
  if (!tokens.ok()) {
    LogEvent(Severity::kError, "bearer tokens not reloaded; the previous ones stay valid",
             {{"error", tokens.status().message()}});
  } else if (*tokens != nullptr) {
    server.SetTokens(*std::move(tokens));
    LogEvent(Severity::kInfo, "bearer tokens reloaded");
  }
}

absl::Duration KnowledgeBasePollInterval() {
  return absl::GetFlag(FLAGS_knowledge_base_poll_interval);
}

}  // namespace advisor::server

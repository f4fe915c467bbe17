#ifndef ADVISOR_SERVICE_SERVER_SERVER_CREDENTIALS_H_
#define ADVISOR_SERVICE_SERVER_SERVER_CREDENTIALS_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/time/time.h"

#include "service/api/wire/grpc_internals.h"
#include "service/server/call_gate.h"
#include <grpc/grpc.h>
#include <grpcpp/security/server_credentials.h>

#if !ADVISOR_GRPC_INTERNALS_CHECKED
#error \
    "GatedServerCredentials leans on gRPC internals checked on gRPC 1.51 only: see service/api/wire/grpc_internals.h"
#endif

namespace advisor::server {

// TLS material for the listening port, as PEM text, and optionally the
// files it came from, which the server then watches.
struct ServerTls {
  // The server's certificate chain and its private key. Required.
  std::string certificate_chain;
  std::string private_key;
  // CA certificates that sign client certificates. Non-empty means mutual
  // TLS: every client must present a certificate this CA verifies.
  std::string client_ca;
  // Files holding the three above. Set (certificate and key; the CA with
  // mutual TLS), gRPC re-reads them every `refresh_interval` and uses what
  // it finds for new handshakes; connections already open keep theirs. A
  // missing file keeps the previous material; an invalid one fails new
  // handshakes until it is valid again.
  // Empty: the PEM text above serves until the server stops.
  std::string certificate_chain_file;
  std::string private_key_file;
  std::string client_ca_file;
  absl::Duration refresh_interval = absl::Seconds(60);
};

// Credentials for the listening port (plaintext, TLS or mutual TLS) that
// can put a CallGate on the path of every call: the gate then decides on
// each call in gRPC's server auth filter, before any handler runs.
//
// Why not grpc::AuthMetadataProcessor: in gRPC 1.51 the C++
// InsecureServerCredentials() aborts on SetAuthMetadataProcessor (a
// GPR_ASSERT), so a token check on a plaintext port, and one that also
// covers gRPC's own reflection service, needs the core API underneath:
// grpc_insecure_server_credentials_create() or
// grpc_ssl_server_credentials_create_ex() with
// grpc_server_credentials_set_auth_metadata_processor(). The processor runs
// inline (never on a thread pool) and sees the call's ":path".
class GatedServerCredentials final : public grpc::ServerCredentials {
 public:
  ~GatedServerCredentials() override;

  GatedServerCredentials(const GatedServerCredentials&) = delete;
  GatedServerCredentials& operator=(const GatedServerCredentials&) = delete;

  // Puts the gate on the path of every call that arrives from now on; later
  // calls do nothing. gRPC 1.51's auth filter reads the processor of its
  // credentials on every call, so this works on a running server. The
  // processor is set while calls read it (gRPC gives no synchronised way):
  // a call sees no gate, or the gate's function with or without its state,
  // and ProcessCallMetadata lets the last kind through to the handlers,
  // which apply the same drain rule. This is a data race that stays until
  // the gate can be on every call (docs/adr/0005-the-auth-gate.md says why
  // it cannot yet).
  void EnableGate();

  // The gate is installed by EnableGate instead; nothing else in the
  // server calls this.
  void SetAuthMetadataProcessor(
      const std::shared_ptr<grpc::AuthMetadataProcessor>& /*processor*/) override {}

 private:
  friend std::shared_ptr<GatedServerCredentials> MakeServerCredentials(const ServerTls* tls,
                                                                       CallGate* gate);

  // Takes ownership of `credentials`.
  GatedServerCredentials(grpc_server_credentials* credentials, CallGate* gate);

  int AddPortToServer(const std::string& addr, grpc_server* server) override;

  grpc_server_credentials* const credentials_;
  CallGate* const gate_;
  std::atomic<bool> gate_enabled_{false};
};

// Plaintext credentials when `tls` is null, TLS or mutual TLS otherwise
// (watching `tls`'s files when it names them), with `gate` (which must
// outlive the server) not yet enabled.
std::shared_ptr<GatedServerCredentials> MakeServerCredentials(const ServerTls* tls, CallGate* gate);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_SERVER_CREDENTIALS_H_

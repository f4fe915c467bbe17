#ifndef ADVISOR_SERVICE_SERVER_SERVER_CREDENTIALS_H_
#define ADVISOR_SERVICE_SERVER_SERVER_CREDENTIALS_H_

#include <memory>
#include <string>

#include "service/server/call_gate.h"
#include <grpcpp/security/server_credentials.h>

namespace advisor::server {

// TLS material for the listening port, as PEM text (not file names).
struct ServerTls {
  // The server's certificate chain and its private key. Required.
  std::string certificate_chain;
  std::string private_key;
  // CA certificates that sign client certificates. Non-empty means mutual
  // TLS: every client must present a certificate this CA verifies.
  std::string client_ca;
};

// Credentials for the listening port: plaintext when `tls` is null, TLS or
// mutual TLS otherwise; when `gate` is non-null it decides on every call
// before any handler runs.
//
// Why not grpc::AuthMetadataProcessor: in gRPC 1.51 the C++
// InsecureServerCredentials() aborts on SetAuthMetadataProcessor (a
// GPR_ASSERT), so a token check on a plaintext port, and one that also
// covers gRPC's own reflection service, needs the core API underneath:
// grpc_insecure_server_credentials_create() or
// grpc_ssl_server_credentials_create_ex() with
// grpc_server_credentials_set_auth_metadata_processor(). The processor runs
// inline (never on a thread pool) and sees the call's ":path".
// `gate` must outlive the server.
std::shared_ptr<grpc::ServerCredentials> MakeServerCredentials(const ServerTls* tls,
                                                               CallGate* gate);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_SERVER_CREDENTIALS_H_

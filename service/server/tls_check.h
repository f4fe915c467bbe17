#ifndef ADVISOR_SERVICE_SERVER_TLS_CHECK_H_
#define ADVISOR_SERVICE_SERVER_TLS_CHECK_H_

#include "absl/status/status.h"

#include "service/server/server_credentials.h"

namespace advisor::server {

// Checks TLS material before the server starts, so a bad file is a clear
// configuration error rather than a server whose every handshake fails
// (gRPC's file watcher accepts anything at start). INVALID_ARGUMENT,
// naming the flag and file, when the certificate chain holds no PEM
// certificate, the key no PEM private key, the key does not belong to the
// chain's first certificate, or a non-empty client CA holds no certificate.
absl::Status CheckTlsMaterial(const ServerTls& tls);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_TLS_CHECK_H_

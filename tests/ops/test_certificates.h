#ifndef ADVISOR_TESTS_OPS_TEST_CERTIFICATES_H_
#define ADVISOR_TESTS_OPS_TEST_CERTIFICATES_H_

#include <string>

#include "absl/status/statusor.h"

namespace advisor::testing {

// Files of a throwaway PKI made with the `openssl` command: a CA, a server
// certificate for localhost and 127.0.0.1 signed by it, and a client
// certificate signed by it. Paths, plus the PEM text of each file.
struct TestCertificates {
  std::string ca_file, server_cert_file, server_key_file, client_cert_file, client_key_file;
  std::string ca_pem, client_cert_pem, client_key_pem;
  // The server's, for writing them elsewhere (e.g. a Secret mount).
  std::string server_cert_pem, server_key_pem;
};

// Creates them under `directory` (P-256 keys, valid for a day), the CA
// named `name`-ca and the client `name`-client, so two sets made with
// different names are two unrelated PKIs (as before and after a CA
// rotation). INTERNAL with openssl's output when a step fails.
absl::StatusOr<TestCertificates> MakeTestCertificates(const std::string& directory,
                                                      const std::string& name = "advisor-test");

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_OPS_TEST_CERTIFICATES_H_

#include "tests/ops/test_certificates.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace advisor::testing {
namespace {

std::string ReadText(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<TestCertificates> MakeTestCertificates(const std::string& directory,
                                                      const std::string& name) {
  const std::string& d = directory;
  const std::string log = d + "/openssl.log";
  std::ofstream(d + "/server.ext") << "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                      "extendedKeyUsage=serverAuth\n";
  std::ofstream(d + "/client.ext") << "extendedKeyUsage=clientAuth\n";
  const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::vector<std::string> steps = {
      absl::StrCat("openssl req -x509 ", key, " -keyout ", d, "/ca.key -out ", d,
                   "/ca.pem -days 1 -subj /CN=", name, "-ca"),
      absl::StrCat("openssl req ", key, " -keyout ", d, "/server.key -out ", d,
                   "/server.csr -subj /CN=localhost"),
      absl::StrCat("openssl x509 -req -in ", d, "/server.csr -CA ", d, "/ca.pem -CAkey ", d,
                   "/ca.key -CAcreateserial -out ", d, "/server.pem -days 1 -extfile ", d,
                   "/server.ext"),
      absl::StrCat("openssl req ", key, " -keyout ", d, "/client.key -out ", d,
                   "/client.csr -subj /CN=", name, "-client"),
      absl::StrCat("openssl x509 -req -in ", d, "/client.csr -CA ", d, "/ca.pem -CAkey ", d,
                   "/ca.key -CAcreateserial -out ", d, "/client.pem -days 1 -extfile ", d,
                   "/client.ext"),
  };
  for (const std::string& step : steps) {
    if (std::system(absl::StrCat(step, " >>", log, " 2>&1").c_str()) != 0) {
      return absl::InternalError(absl::StrCat("failed: ", step, "\n", ReadText(log)));
    }
  }
  TestCertificates certificates;
  certificates.ca_file = d + "/ca.pem";
  certificates.server_cert_file = d + "/server.pem";
  certificates.server_key_file = d + "/server.key";
  certificates.client_cert_file = d + "/client.pem";
  certificates.client_key_file = d + "/client.key";
  certificates.ca_pem = ReadText(certificates.ca_file);
  certificates.client_cert_pem = ReadText(certificates.client_cert_file);
  certificates.client_key_pem = ReadText(certificates.client_key_file);
  certificates.server_cert_pem = ReadText(certificates.server_cert_file);
  certificates.server_key_pem = ReadText(certificates.server_key_file);
  return certificates;
}

}  // namespace advisor::testing

// The SDK's TLS options against a fake server with a test certificate.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "advisor/client/client.h"
#include "tests/client/fake_advisor_server.h"
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

std::string ReadTestdata(const std::string& name) {
  const char* source_dir = std::getenv("ADVISOR_SOURCE_DIR");
  std::string const path =
      std::string(source_dir == nullptr ? "." : source_dir) + "/tests/client/testdata/" + name;
  std::ifstream in(path);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::shared_ptr<grpc::ServerCredentials> ServerTls() {
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({ReadTestdata("server.key"), ReadTestdata("server.pem")});
  return grpc::SslServerCredentials(options);
}

class TlsChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(ReadTestdata("ca.pem").empty()) << "testdata missing: set ADVISOR_SOURCE_DIR";
  }

  ClientOptions Options() const {
    ClientOptions options;
    options.target = server_.target();
    options.timeout = absl::Seconds(10);
    return options;
  }

  testing::FakeAdvisorServer server_{ServerTls()};
};

TEST_F(TlsChannelTest, TrustedRootsConnect) {
  ClientOptions options = Options();
  options.use_tls = true;
  options.tls.root_certs = ReadTestdata("ca.pem");
  options.bearer_token = "over-tls";
  AdvisorClient client(MakeAdvisorConnection(options));
  auto keras = client.GetFramework("keras");
  ASSERT_TRUE(keras.ok()) << keras.status();
  EXPECT_EQ(keras->display_name(), "Keras");
  EXPECT_EQ(server_.last_authorization(), "Bearer over-tls");
}

TEST_F(TlsChannelTest, PlaintextClientIsRefused) {
  AdvisorClient client(MakeAdvisorConnection(Options()));
  EXPECT_EQ(client.GetFramework("keras").status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(TlsChannelTest, UntrustedCertificateIsRefused) {
  ClientOptions options = Options();
  options.use_tls = true;
  options.tls.root_certs = ReadTestdata("other_ca.pem");  // Did not sign server.pem.
  AdvisorClient client(MakeAdvisorConnection(options));
  EXPECT_EQ(client.GetFramework("keras").status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace advisor::client

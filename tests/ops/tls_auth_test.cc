// Transport security and authentication over real channels: TLS and
// mutual TLS with certificates made by `openssl`, bearer tokens over
// plaintext and TLS (SDK, raw stubs, reflection, health, the CLI), and the
// observers told about refused calls.

#include <csignal>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/client/client.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/server/advisor_server.h"
#include "tests/ops/ops_test_support.h"
#include "tests/ops/test_certificates.h"
#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/in_process_server.h"
#include "tests/support/reflection_probe.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "s3cret-token-for-tests";

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A directory of its own: CTest runs each test of this file as a
    // separate process, possibly at the same time.
    directory_ = new TempDirectory("tls");
    const std::string directory = directory_->path();
    absl::StatusOr<TestCertificates> made = MakeTestCertificates(directory);
    ASSERT_TRUE(made.ok()) << made.status();
    certificates_ = new TestCertificates(*std::move(made));
    tokens_file_ = new std::string(directory_->Write(
        "tokens.txt", absl::StrCat("# test tokens\n\nother-token\n", kToken, "\n")));
  }
  static void TearDownTestSuite() {
    delete certificates_;
    delete tokens_file_;
    delete directory_;  // With the keys and certificates in it.
  }

  static std::vector<std::string> TlsFlags() {
    return {"--tls_cert_file=" + certificates_->server_cert_file,
            "--tls_key_file=" + certificates_->server_key_file};
  }

  // An SDK client; `tls` adds the CA, `client_certificate` the client's
  // certificate and key.
  static client::AdvisorClient Client(const std::string& address, bool tls,
                                      bool client_certificate = false,
                                      const std::string& token = "") {
    client::ClientOptions options;
    options.target = address;
    options.timeout = absl::Seconds(10);
    options.retry.max_attempts = 1;
    options.use_tls = tls;
    options.tls.root_certs = certificates_->ca_pem;
    if (client_certificate) {
      options.tls.cert_chain = certificates_->client_cert_pem;
      options.tls.private_key = certificates_->client_key_pem;
    }
    options.bearer_token = token;
    return client::AdvisorClient(client::MakeAdvisorConnection(options));
  }

  static absl::StatusCode GetKeras(client::AdvisorClient client) {
    return client.GetFramework("keras").status().code();
  }

  static TestCertificates* certificates_;
  static std::string* tokens_file_;
  static TempDirectory* directory_;
};

TestCertificates* TlsTest::certificates_ = nullptr;
std::string* TlsTest::tokens_file_ = nullptr;
TempDirectory* TlsTest::directory_ = nullptr;

TEST_F(TlsTest, ServesTheSdkOverTlsAndRefusesPlaintext) {
  std::unique_ptr<ServerProcess> server = StartServerProcess(TlsFlags());
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(GetKeras(Client(server->address(), /*tls=*/true)), absl::StatusCode::kOk);
  EXPECT_EQ(GetKeras(Client(server->address(), /*tls=*/false)), absl::StatusCode::kUnavailable);
}

TEST_F(TlsTest, MutualTlsNeedsAClientCertificate) {
  std::vector<std::string> flags = TlsFlags();
  flags.push_back("--tls_client_ca_file=" + certificates_->ca_file);
  std::unique_ptr<ServerProcess> server = StartServerProcess(flags);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(GetKeras(Client(server->address(), /*tls=*/true, /*client_certificate=*/false)),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(GetKeras(Client(server->address(), /*tls=*/true, /*client_certificate=*/true)),
            absl::StatusCode::kOk);
}

TEST_F(TlsTest, TokensOverTlsCoverEveryServiceButHealth) {
  std::vector<std::string> flags = TlsFlags();
  flags.push_back("--auth_tokens_file=" + *tokens_file_);
  std::unique_ptr<ServerProcess> server = StartServerProcess(flags);
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(GetKeras(Client(server->address(), true, false, kToken)), absl::StatusCode::kOk);
  EXPECT_EQ(GetKeras(Client(server->address(), true, false, "other-token")), absl::StatusCode::kOk);
  EXPECT_EQ(GetKeras(Client(server->address(), true, false, "wrong")),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(GetKeras(Client(server->address(), true)), absl::StatusCode::kUnauthenticated);

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = certificates_->ca_pem;
  auto anonymous = grpc::CreateChannel(server->address(), grpc::SslCredentials(ssl));
  auto with_token = grpc::CreateChannel(
      server->address(), grpc::CompositeChannelCredentials(grpc::SslCredentials(ssl),
                                                           grpc::AccessTokenCredentials(kToken)));
  // Reflection needs the token by default.
  EXPECT_EQ(ListServices(anonymous).status().code(), absl::StatusCode::kUnauthenticated);
  absl::StatusOr<std::vector<std::string>> services = ListServices(with_token);
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, Contains("advisor.v1.FrameworkService"));
  // Health stays open for probes.
  grpc::health::v1::HealthCheckResponse health;
  EXPECT_TRUE(grpc::health::v1::Health::NewStub(anonymous)
                  ->Check(CallContext().get(), grpc::health::v1::HealthCheckRequest(), &health)
                  .ok());
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  // The CLI passes the CA and the token (from the environment).
  setenv("ADVISOR_TOKEN", kToken, 1);
  absl::StatusOr<CommandResult> cli =
      RunCommand({ADVISOR_CLI_PATH, "--target=" + server->address(),
                  "--tls_ca=" + certificates_->ca_file, "lookup", "keras"});
  unsetenv("ADVISOR_TOKEN");
  ASSERT_TRUE(cli.ok()) << cli.status();
  EXPECT_EQ(cli->exit_code, 0) << cli->err;
  EXPECT_THAT(cli->out, HasSubstr("Keras"));

  anonymous.reset();
  with_token.reset();
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  ASSERT_TRUE(server->WaitForExit(kProcessTimeout).ok());
  EXPECT_THAT(server->Stderr(), Not(HasSubstr(kToken)));
}

TEST_F(TlsTest, ReflectionCanStayOpen) {
  std::vector<std::string> flags = TlsFlags();
  flags.push_back("--auth_tokens_file=" + *tokens_file_);
  flags.push_back("--auth_reflection=false");
  std::unique_ptr<ServerProcess> server = StartServerProcess(flags);
  ASSERT_NE(server, nullptr);
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = certificates_->ca_pem;
  auto anonymous = grpc::CreateChannel(server->address(), grpc::SslCredentials(ssl));
  EXPECT_TRUE(ListServices(anonymous).ok());
  EXPECT_EQ(GetKeras(Client(server->address(), true)), absl::StatusCode::kUnauthenticated);
}

TEST_F(TlsTest, InvalidTlsFlagsAreAConfigurationError) {
  for (const std::vector<std::string>& flags : std::vector<std::vector<std::string>>{
           {"--tls_cert_file=" + certificates_->server_cert_file},
           {"--tls_client_ca_file=" + certificates_->ca_file},
           {"--tls_cert_file=/no/such.pem", "--tls_key_file=/no/such.key"},
           {"--auth_tokens_file=/no/such/tokens"}}) {
    SCOPED_TRACE(flags[0]);
    absl::StatusOr<ServerExit> run = RunServerBinaryToExit(flags);
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->exit.exit_code, 2) << run->stderr_output;
  }
}

// SIGHUP re-reads the tokens file: a new token works at once, a removed one
// stops working, and an invalid file keeps the previous tokens.
TEST(TokenReloadTest, SighupReadsTheTokensFileAgain) {
  const TempDirectory directory("tokens");
  auto write = [&directory](const std::string& contents) {
    return directory.Write("tokens.txt", contents);
  };
  const std::string path = write("old-token\n");
  std::unique_ptr<ServerProcess> server = StartServerProcess({"--auth_tokens_file=" + path});
  ASSERT_NE(server, nullptr);
  auto stub = advisor::v1::FrameworkService::NewStub(
      grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
  auto code = [&stub](const std::string& token) {
    std::unique_ptr<grpc::ClientContext> context = CallContext();
    context->AddMetadata("authorization", "Bearer " + token);
    advisor::v1::GetFrameworkRequest request;
    request.set_name("keras");
    advisor::v1::GetFrameworkResponse response;
    return stub->GetFramework(context.get(), request, &response).error_code();
  };
  EXPECT_EQ(code("old-token"), grpc::StatusCode::OK);
  EXPECT_EQ(code("new-token"), grpc::StatusCode::UNAUTHENTICATED);

  write("new-token\n");
  ASSERT_TRUE(server->Signal(SIGHUP).ok());
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (code("new-token") != grpc::StatusCode::OK && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(code("new-token"), grpc::StatusCode::OK);
  EXPECT_EQ(code("old-token"), grpc::StatusCode::UNAUTHENTICATED);

  write("# no token left\n");
  ASSERT_TRUE(server->Signal(SIGHUP).ok());
  while (server->Stderr().find("bearer tokens not reloaded") == std::string::npos &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_THAT(server->Stderr(), HasSubstr("bearer tokens not reloaded"));
  EXPECT_EQ(code("new-token"), grpc::StatusCode::OK);
  stub.reset();
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_THAT(server->Stderr(), Not(HasSubstr("old-token")));
}

// Plaintext tokens in-process, where a recording observer shows that
// refused calls are counted too.
TEST(PlaintextAuthTest, RefusesCallsWithoutAValidTokenAndTellsTheObservers) {
  absl::StatusOr<server::BearerTokens> tokens = server::BearerTokens::Parse(kToken, "test");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  auto observer = std::make_shared<RecordingObserver>();
  server::AdvisorServerOptions options;
  options.observers.push_back(observer);
  options.tokens = std::make_shared<const server::BearerTokens>(*std::move(tokens));
  absl::StatusOr<InProcessServer> started = StartInProcessServer(std::move(options));
  ASSERT_TRUE(started.ok()) << started.status();
  const std::shared_ptr<grpc::Channel>& channel = started->channel;
  auto stub = advisor::v1::FrameworkService::NewStub(channel);

  auto call = [&](const std::string& authorization) {
    std::unique_ptr<grpc::ClientContext> context = CallContext();
    if (!authorization.empty()) context->AddMetadata("authorization", authorization);
    context->AddMetadata("x-request-id", "auth-" + authorization);
    advisor::v1::GetFrameworkRequest request;
    request.set_name("keras");
    advisor::v1::GetFrameworkResponse response;
    return stub->GetFramework(context.get(), request, &response);
  };
  const grpc::Status missing = call("");
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(missing.error_message(), HasSubstr("missing bearer token"));
  EXPECT_EQ(call("Bearer wrong").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(call(absl::StrCat("Basic ", kToken)).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(call(absl::StrCat("Bearer ", kToken, "x")).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(call(absl::StrCat("Bearer ", kToken)).ok());
  grpc::health::v1::HealthCheckResponse health;
  EXPECT_TRUE(grpc::health::v1::Health::NewStub(channel)
                  ->Check(CallContext().get(), grpc::health::v1::HealthCheckRequest(), &health)
                  .ok());

  // The five GetFramework calls; health checks are not observed.
  ASSERT_TRUE(observer->WaitForFinished(5, absl::Seconds(30)));
  const std::vector<RecordingObserver::Call> calls = observer->finished();
  ASSERT_EQ(calls.size(), 5U);
  EXPECT_EQ(observer->started(), 5);
  int refused = 0;
  for (const RecordingObserver::Call& finished : calls) {
    if (finished.status_code == static_cast<int>(grpc::StatusCode::UNAUTHENTICATED)) {
      ++refused;
      EXPECT_EQ(finished.method, "/advisor.v1.FrameworkService/GetFramework");
      EXPECT_THAT(finished.request_id, ::testing::StartsWith("auth-"));
    }
  }
  EXPECT_EQ(refused, 4);
}

}  // namespace
}  // namespace advisor::testing

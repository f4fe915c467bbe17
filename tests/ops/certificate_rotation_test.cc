// Certificate rotation without a restart: advisor_server watches its
// certificate, key and client-CA files (--tls_refresh_interval), here in a
// directory laid out as a Kubernetes Secret volume and swapped through its
// ..data symlink, as kubelet does when cert-manager renews a certificate.
// Under steady mutual-TLS load: no call fails, a new connection after the
// refresh sees the new server certificate (a client trusting only the new
// CA fails before and succeeds after), and a client certificate whose CA
// was removed from the client-CA file is refused for new handshakes.

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "tests/ops/secret_mount.h"
#include "tests/ops/steady_load.h"
#include "tests/ops/test_certificates.h"
#include "tests/support/call_context.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace advisor::testing {
namespace {

// How long the test waits for a rotation to show; the server reads the
// files every second, so only a broken watch comes near it.
constexpr absl::Duration kRotationTimeout = absl::Seconds(20);

std::shared_ptr<grpc::ChannelCredentials> Credentials(const std::string& roots,
                                                      const TestCertificates& client) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = roots;
  options.pem_cert_chain = client.client_cert_pem;
  options.pem_private_key = client.client_key_pem;
  return grpc::SslCredentials(options);
}

// One call on a new connection of its own (its own subchannel pool), so
// it makes a fresh TLS handshake: true if it succeeds.
bool NewConnectionSucceeds(const std::string& address, const std::string& roots,
                           const TestCertificates& client) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto stub = advisor::v1::FrameworkService::NewStub(
      grpc::CreateCustomChannel(address, Credentials(roots, client), arguments));
  advisor::v1::GetFrameworkRequest request;
  request.set_name("keras");
  advisor::v1::GetFrameworkResponse response;
  return stub->GetFramework(CallContext(absl::Seconds(5)).get(), request, &response).ok();
}

// Polls new connections until one's outcome is `expected`; the time it
// took, or InfiniteDuration() when it never was.
absl::Duration WaitUntilNewConnection(bool expected, const std::string& address,
                                      const std::string& roots, const TestCertificates& client) {
  const absl::Time start = absl::Now();
  while (absl::Now() - start < kRotationTimeout) {
    if (NewConnectionSucceeds(address, roots, client) == expected) return absl::Now() - start;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::InfiniteDuration();
}

TEST(CertificateRotationTest, RenewedFilesServeNewHandshakesWithoutFailingACall) {
  TempDirectory directory("rotation");
  std::filesystem::create_directory(directory.Path("old"));
  std::filesystem::create_directory(directory.Path("new"));
  std::filesystem::create_directory(directory.Path("secret"));
  absl::StatusOr<TestCertificates> made_old =
      MakeTestCertificates(directory.Path("old"), "advisor-old");
  ASSERT_TRUE(made_old.ok()) << made_old.status();
  absl::StatusOr<TestCertificates> made_new =
      MakeTestCertificates(directory.Path("new"), "advisor-new");
  ASSERT_TRUE(made_new.ok()) << made_new.status();
  const TestCertificates& old_pki = *made_old;
  const TestCertificates& new_pki = *made_new;

  SecretMount secret(directory.Path("secret"), {{"tls.crt", old_pki.server_cert_pem},
                                                {"tls.key", old_pki.server_key_pem},
                                                {"ca.crt", old_pki.ca_pem}});
  std::unique_ptr<ServerProcess> server = StartServerProcess(
      {"--tls_cert_file=" + secret.Path("tls.crt"), "--tls_key_file=" + secret.Path("tls.key"),
       "--tls_client_ca_file=" + secret.Path("ca.crt"), "--tls_refresh_interval=1s"});
  ASSERT_NE(server, nullptr);
  const std::string& address = server->address();

  // Before: the old PKI works; a client trusting only the new CA, or
  // holding a certificate of the new CA, does not.
  EXPECT_TRUE(NewConnectionSucceeds(address, old_pki.ca_pem, old_pki));
  EXPECT_FALSE(NewConnectionSucceeds(address, new_pki.ca_pem, old_pki));
  EXPECT_FALSE(NewConnectionSucceeds(address, old_pki.ca_pem, new_pki));

  // Clients that trust both CAs, as a fleet does while a CA rotates; their
  // connections, opened with the old certificate, stay open throughout.
  SteadyLoad load(address, 4, Credentials(old_pki.ca_pem + new_pki.ca_pem, old_pki));
  ASSERT_TRUE(load.WaitForMoreOkCalls(100, absl::Seconds(30))) << load.failure_messages();
  const int calls_before = load.ok_calls();

  // Renewal: a new certificate and key, and a client-CA bundle with both.
  secret.Update({{"tls.crt", new_pki.server_cert_pem},
                 {"tls.key", new_pki.server_key_pem},
                 {"ca.crt", old_pki.ca_pem + new_pki.ca_pem}});
  const absl::Duration certificate_lag =
      WaitUntilNewConnection(true, address, new_pki.ca_pem, new_pki);
  ASSERT_NE(certificate_lag, absl::InfiniteDuration()) << "the new certificate never served";
  // New connections see the new certificate only; old client certificates
  // still pass while their CA is in the bundle.
  EXPECT_FALSE(NewConnectionSucceeds(address, old_pki.ca_pem, old_pki));
  EXPECT_TRUE(NewConnectionSucceeds(address, new_pki.ca_pem, old_pki));

  // The old CA removed from the client-CA file: its client certificates
  // are refused on new handshakes.
  secret.Update({{"tls.crt", new_pki.server_cert_pem},
                 {"tls.key", new_pki.server_key_pem},
                 {"ca.crt", new_pki.ca_pem}});
  const absl::Duration ca_lag = WaitUntilNewConnection(false, address, new_pki.ca_pem, old_pki);
  ASSERT_NE(ca_lag, absl::InfiniteDuration()) << "the removed CA is still accepted";
  EXPECT_TRUE(NewConnectionSucceeds(address, new_pki.ca_pem, new_pki));

  ASSERT_TRUE(load.WaitForMoreOkCalls(100, absl::Seconds(30))) << load.failure_messages();
  load.Stop();
  EXPECT_THAT(load.failures(), ::testing::IsEmpty()) << load.failure_messages();
  EXPECT_TRUE(server->IsRunning()) << server->Stderr();
  std::printf(
      "certificate rotation (--tls_refresh_interval=1s): new certificate served %s after the "
      "swap, removed client CA refused %s after it; %d calls during the rotations, %d before, "
      "0 failed of %d\n",
      absl::FormatDuration(absl::Trunc(certificate_lag, absl::Milliseconds(1))).c_str(),
      absl::FormatDuration(absl::Trunc(ca_lag, absl::Milliseconds(1))).c_str(),
      load.ok_calls() - calls_before, calls_before, load.ok_calls());
}

// A refresh that finds a file missing (an operator's mistake; a Secret
// volume never shows one) keeps serving with what it had.
TEST(CertificateRotationTest, AMissingFileAtARefreshKeepsThePreviousCertificate) {
  TempDirectory directory("rotation-missing");
  absl::StatusOr<TestCertificates> made = MakeTestCertificates(directory.path());
  ASSERT_TRUE(made.ok()) << made.status();
  const std::string cert = directory.Write("tls.crt", made->server_cert_pem);
  const std::string key = directory.Write("tls.key", made->server_key_pem);
  const std::string ca = directory.Write("ca.crt", made->ca_pem);
  std::unique_ptr<ServerProcess> server =
      StartServerProcess({"--tls_cert_file=" + cert, "--tls_key_file=" + key,
                          "--tls_client_ca_file=" + ca, "--tls_refresh_interval=1s"});
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(NewConnectionSucceeds(server->address(), made->ca_pem, *made));
  std::filesystem::remove(cert);
  std::filesystem::remove(ca);
  absl::SleepFor(absl::Milliseconds(2500));  // Two refreshes without the files.
  EXPECT_TRUE(NewConnectionSucceeds(server->address(), made->ca_pem, *made)) << server->Stderr();
}

// A refresh that finds an invalid certificate (a broken renewal) makes
// gRPC drop the one it had: new handshakes fail until a valid file is
// back, and then serve again without a restart. Connections already open
// are not touched. operations.md warns about it.
TEST(CertificateRotationTest, AnInvalidFileAtARefreshFailsNewHandshakesUntilFixed) {
  TempDirectory directory("rotation-invalid");
  absl::StatusOr<TestCertificates> made = MakeTestCertificates(directory.path());
  ASSERT_TRUE(made.ok()) << made.status();
  const std::string cert = directory.Write("tls.crt", made->server_cert_pem);
  const std::string key = directory.Write("tls.key", made->server_key_pem);
  std::unique_ptr<ServerProcess> server = StartServerProcess(
      {"--tls_cert_file=" + cert, "--tls_key_file=" + key, "--tls_refresh_interval=1s"});
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(NewConnectionSucceeds(server->address(), made->ca_pem, *made));
  SteadyLoad load(server->address(), 1, Credentials(made->ca_pem, *made));
  ASSERT_TRUE(load.WaitForMoreOkCalls(10, absl::Seconds(30))) << load.failure_messages();

  directory.Write("tls.crt", "not a certificate\n");
  EXPECT_NE(WaitUntilNewConnection(false, server->address(), made->ca_pem, *made),
            absl::InfiniteDuration());
  directory.Write("tls.crt", made->server_cert_pem);
  EXPECT_NE(WaitUntilNewConnection(true, server->address(), made->ca_pem, *made),
            absl::InfiniteDuration());
  ASSERT_TRUE(load.WaitForMoreOkCalls(10, absl::Seconds(30))) << load.failure_messages();
  load.Stop();
  EXPECT_THAT(load.failures(), ::testing::IsEmpty()) << load.failure_messages();
}

TEST(CertificateRotationTest, RefreshIntervalIsValidated) {
  TempDirectory directory("rotation-flags");
  absl::StatusOr<TestCertificates> made = MakeTestCertificates(directory.path());
  ASSERT_TRUE(made.ok()) << made.status();
  for (const char* interval : {"0s", "500ms", "1.5s", "-1s"}) {
    SCOPED_TRACE(interval);
    absl::StatusOr<ServerExit> run = RunServerBinaryToExit(
        {"--tls_cert_file=" + made->server_cert_file, "--tls_key_file=" + made->server_key_file,
         std::string("--tls_refresh_interval=") + interval});
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->exit.exit_code, 2);
    EXPECT_THAT(run->stderr_output, ::testing::HasSubstr("--tls_refresh_interval"));
  }
}

TEST(CertificateRotationTest, BadFilesAtStartAreAConfigurationError) {
  TempDirectory directory("rotation-bad");
  absl::StatusOr<TestCertificates> made = MakeTestCertificates(directory.path());
  ASSERT_TRUE(made.ok()) << made.status();
  const std::string garbage = directory.Write("garbage.pem", "not a certificate\n");
  for (const auto& [flags, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--tls_cert_file=" + garbage, "--tls_key_file=" + made->server_key_file},
            "holds no PEM certificate"},
           {{"--tls_cert_file=" + made->server_cert_file, "--tls_key_file=" + garbage},
            "holds no PEM private key"},
           {{"--tls_cert_file=" + made->server_cert_file,
             "--tls_key_file=" + made->client_key_file},
            "is not the private key"},
           {{"--tls_cert_file=" + made->server_cert_file, "--tls_key_file=" + made->server_key_file,
             "--tls_client_ca_file=" + garbage},
            "holds no PEM certificate"}}) {
    SCOPED_TRACE(message);
    absl::StatusOr<ServerExit> run = RunServerBinaryToExit(flags);
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->exit.exit_code, 2);
    EXPECT_THAT(run->stderr_output, ::testing::HasSubstr(message));
  }
}

}  // namespace
}  // namespace advisor::testing

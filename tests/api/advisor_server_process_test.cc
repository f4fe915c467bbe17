// The advisor_server binary as deployments run it: started with --port=0,
// read its port from stdout, called, stopped with a signal. The binary's
// path comes from CMake (ADVISOR_SERVER_PATH).

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/api/reflection_probe.h"
#include "tests/api/server_process.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

// Generous: a loaded CI machine may be slow, only a hang should hit them.
constexpr absl::Duration kStartTimeout = absl::Seconds(30);
constexpr absl::Duration kExitTimeout = absl::Seconds(30);
constexpr std::chrono::seconds kCallTimeout(30);
constexpr absl::string_view kListeningPrefix = "advisor_server listening on ";

// Starts the server on a free port of 127.0.0.1 with `extra` flags.
std::unique_ptr<ServerProcess> StartServer(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> arguments = {"--host=127.0.0.1", "--port=0"};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  absl::StatusOr<std::unique_ptr<ServerProcess>> process =
      ServerProcess::Start(ADVISOR_SERVER_PATH, arguments);
  EXPECT_TRUE(process.ok()) << process.status();
  return process.ok() ? *std::move(process) : nullptr;
}

// The address from the server's first stdout line, or "" (with a failure).
std::string ReadListeningAddress(ServerProcess& server) {
  absl::StatusOr<std::string> line = server.ReadStdoutLine(kStartTimeout);
  EXPECT_TRUE(line.ok()) << line.status() << "\nstderr:\n" << server.Stderr();
  if (!line.ok() || !absl::StartsWith(*line, kListeningPrefix)) {
    ADD_FAILURE() << "unexpected first line: " << line.value_or("");
    return "";
  }
  return std::string(line->substr(kListeningPrefix.size()));
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  return context;
}

// Writes `contents` to a new file in the test's temporary directory.
std::string WriteTempFile(const std::string& name, const std::string& contents) {
  std::string path = absl::StrCat(::testing::TempDir(), name);
  std::ofstream(path) << contents;
  return path;
}

TEST(AdvisorServerProcessTest, ServesOnAFreePortAndExitsCleanlyOnSigterm) {
  // gRPC 1.51 ends a graceful shutdown only once clients close their
  // connections, or at the grace deadline; this test keeps its channel open
  // through SIGTERM, so a short grace keeps it quick.
  std::unique_ptr<ServerProcess> server = StartServer({"--grace_period=1s"});
  ASSERT_NE(server, nullptr);
  const std::string address = ReadListeningAddress(*server);
  ASSERT_TRUE(absl::StartsWith(address, "127.0.0.1:")) << address;
  EXPECT_NE(address, "127.0.0.1:0");

  const std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  advisor::v1::GetFrameworkRequest request;
  request.set_name("torch");
  advisor::v1::GetFrameworkResponse response;
  const grpc::Status status = advisor::v1::FrameworkService::NewStub(channel)->GetFramework(
      Context().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.framework().display_name(), "PyTorch");

  grpc::health::v1::HealthCheckRequest health_request;
  health_request.set_service("advisor.v1.RoleMatchingService");
  grpc::health::v1::HealthCheckResponse health_response;
  ASSERT_TRUE(grpc::health::v1::Health::NewStub(channel)
                  ->Check(Context().get(), health_request, &health_response)
                  .ok());
  EXPECT_EQ(health_response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->signal, 0);
  EXPECT_EQ(exit->exit_code, 0) << server->Stderr();

  absl::StatusOr<advisor::v1::KnowledgeBase> embedded = knowledge_base::LoadDefaultKnowledgeBase();
  ASSERT_TRUE(embedded.ok()) << embedded.status();
  EXPECT_THAT(server->Stderr(),
              HasSubstr(absl::StrCat("listening on ", address, " with knowledge base version ",
                                     embedded->version())));
}

TEST(AdvisorServerProcessTest, ExitsCleanlyOnSigint) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  ASSERT_FALSE(ReadListeningAddress(*server).empty());
  ASSERT_TRUE(server->Signal(SIGINT).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0) << server->Stderr();
}

// Reflection is answered by the binary's own descriptor pool, so this checks
// what the server links, not what the test links.
TEST(AdvisorServerProcessTest, ReflectionListsAndDescribesServices) {
  std::unique_ptr<ServerProcess> server = StartServer();
  ASSERT_NE(server, nullptr);
  const std::string address = ReadListeningAddress(*server);
  ASSERT_FALSE(address.empty());
  const std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());

  absl::StatusOr<std::vector<std::string>> services = ListServices(channel);
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services,
              IsSupersetOf({"advisor.v1.FrameworkService", "advisor.v1.RoleMatchingService",
                            "advisor.v1.FaqService", "grpc.health.v1.Health"}));

  for (const std::string symbol : {"grpc.health.v1.Health", "advisor.v1.FrameworkService",
                                   "advisor.v1.RoleMatchingService", "advisor.v1.FaqService"}) {
    absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> files =
        FileContainingSymbol(channel, symbol);
    ASSERT_TRUE(files.ok()) << symbol << ": " << files.status();
    EXPECT_FALSE(files->empty()) << symbol;
  }
}

TEST(AdvisorServerProcessTest, ServesAKnowledgeBaseFile) {
  const std::string text =
      absl::StrReplaceAll(std::string(knowledge_base::DefaultKnowledgeBaseText()),
                          {{"\nversion: \"", "\nversion: \"process-test-"}});
  ASSERT_NE(text, knowledge_base::DefaultKnowledgeBaseText()) << "version line not found";
  const std::string path = WriteTempFile("process_test_knowledge_base.txtpb", text);

  std::unique_ptr<ServerProcess> server = StartServer({"--knowledge_base=" + path});
  ASSERT_NE(server, nullptr);
  ASSERT_FALSE(ReadListeningAddress(*server).empty());
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_THAT(server->Stderr(), HasSubstr("with knowledge base version process-test-"));
  std::remove(path.c_str());
}

TEST(AdvisorServerProcessTest, BrokenKnowledgeBaseFailsBeforeListeningNamingFileAndLine) {
  // Line 3 opens a framework with a field the schema does not have.
  const std::string path = WriteTempFile("broken_knowledge_base.txtpb",
                                         "version: \"broken\"\n"
                                         "frameworks {\n"
                                         "  no_such_field: \"x\"\n"
                                         "}\n");
  std::unique_ptr<ServerProcess> server = StartServer({"--knowledge_base=" + path});
  ASSERT_NE(server, nullptr);
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 2);
  EXPECT_THAT(server->Stderr(), HasSubstr(absl::StrCat(path, ":3:")));
  // It never got as far as listening.
  EXPECT_EQ(server->ReadStdoutLine(kExitTimeout).status().code(), absl::StatusCode::kOutOfRange);
  std::remove(path.c_str());
}

TEST(AdvisorServerProcessTest, MissingKnowledgeBaseFileFailsNamingIt) {
  const std::string path = absl::StrCat(::testing::TempDir(), "no_such_knowledge_base.txtpb");
  std::unique_ptr<ServerProcess> server = StartServer({"--knowledge_base=" + path});
  ASSERT_NE(server, nullptr);
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 2);
  EXPECT_THAT(server->Stderr(), HasSubstr(path));
}

TEST(AdvisorServerProcessTest, HelpDocumentsEveryFlag) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> help =
      ServerProcess::Start(ADVISOR_SERVER_PATH, {"--help"});
  ASSERT_TRUE(help.ok()) << help.status();
  std::string output;
  while (true) {
    absl::StatusOr<std::string> line = (*help)->ReadStdoutLine(kExitTimeout);
    if (!line.ok()) {
      EXPECT_EQ(line.status().code(), absl::StatusCode::kOutOfRange) << line.status();
      break;
    }
    absl::StrAppend(&output, *line, "\n");
  }
  ASSERT_TRUE((*help)->WaitForExit(kExitTimeout).ok());
  for (const char* flag : {"--host", "--port", "--knowledge_base", "--grace_period"}) {
    EXPECT_THAT(output, HasSubstr(flag));
  }
}

}  // namespace
}  // namespace advisor::testing

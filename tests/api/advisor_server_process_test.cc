// The advisor_server binary as deployments run it: started with --port=0,
// read its port from stdout, called, stopped with a signal. The servers
// start through tests/support (ServerProcess, ChildProcess).

#include <csignal>
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
#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/reflection_probe.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

TEST(AdvisorServerProcessTest, ServesOnAFreePortAndExitsCleanlyOnSigterm) {
  // gRPC 1.51 ends a graceful shutdown only once clients close their
  // connections, or at the grace deadline; this test keeps its channel open
  // through SIGTERM, so a short grace keeps it quick.
  std::unique_ptr<ServerProcess> server = StartServerProcess({"--grace_period=1s"});
  ASSERT_NE(server, nullptr);
  const std::string address = server->address();
  ASSERT_TRUE(absl::StartsWith(address, "127.0.0.1:")) << address;
  EXPECT_NE(address, "127.0.0.1:0");

  const std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  advisor::v1::GetFrameworkRequest request;
  request.set_name("torch");
  advisor::v1::GetFrameworkResponse response;
  const grpc::Status status = advisor::v1::FrameworkService::NewStub(channel)->GetFramework(
      CallContext().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.framework().display_name(), "PyTorch");

  grpc::health::v1::HealthCheckRequest health_request;
  health_request.set_service("advisor.v1.RoleMatchingService");
  grpc::health::v1::HealthCheckResponse health_response;
  ASSERT_TRUE(grpc::health::v1::Health::NewStub(channel)
                  ->Check(CallContext().get(), health_request, &health_response)
                  .ok());
  EXPECT_EQ(health_response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kProcessTimeout);
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
  std::unique_ptr<ServerProcess> server = StartServerProcess();
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->Signal(SIGINT).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0) << server->Stderr();
}

// Reflection is answered by the binary's own descriptor pool, so this checks
// what the server links, not what the test links.
TEST(AdvisorServerProcessTest, ReflectionListsAndDescribesServices) {
  std::unique_ptr<ServerProcess> server = StartServerProcess();
  ASSERT_NE(server, nullptr);
  const std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials());

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
  const TempDirectory directory("process_test");
  const std::string path = directory.Write("knowledge_base.txtpb", text);

  std::unique_ptr<ServerProcess> server = StartServerProcess({"--knowledge_base=" + path});
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_THAT(server->Stderr(), HasSubstr("with knowledge base version process-test-"));
}

TEST(AdvisorServerProcessTest, BrokenKnowledgeBaseFailsBeforeListeningNamingFileAndLine) {
  // Line 3 opens a framework with a field the schema does not have.
  const TempDirectory directory("process_test");
  const std::string path = directory.Write("broken_knowledge_base.txtpb",
                                           "version: \"broken\"\n"
                                           "frameworks {\n"
                                           "  no_such_field: \"x\"\n"
                                           "}\n");
  absl::StatusOr<std::unique_ptr<ChildProcess>> started =
      StartServerBinary({"--knowledge_base=" + path});
  ASSERT_TRUE(started.ok()) << started.status();
  ChildProcess& server = **started;
  absl::StatusOr<ProcessExit> exit = server.WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 2);
  EXPECT_THAT(server.Stderr(), HasSubstr(absl::StrCat(path, ":3:")));
  // It never got as far as listening.
  EXPECT_EQ(server.ReadStdoutLine(kProcessTimeout).status().code(), absl::StatusCode::kOutOfRange);
}

TEST(AdvisorServerProcessTest, MissingKnowledgeBaseFileFailsNamingIt) {
  const TempDirectory directory("process_test");
  const std::string path = directory.Path("no_such_knowledge_base.txtpb");
  absl::StatusOr<std::unique_ptr<ChildProcess>> started =
      StartServerBinary({"--knowledge_base=" + path});
  ASSERT_TRUE(started.ok()) << started.status();
  ChildProcess& server = **started;
  absl::StatusOr<ProcessExit> exit = server.WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 2);
  EXPECT_THAT(server.Stderr(), HasSubstr(path));
}

TEST(AdvisorServerProcessTest, HelpDocumentsEveryFlag) {
  absl::StatusOr<std::unique_ptr<ChildProcess>> help =
      ChildProcess::Start({AdvisorServerPath(), "--help"});
  ASSERT_TRUE(help.ok()) << help.status();
  std::string output;
  while (true) {
    absl::StatusOr<std::string> line = (*help)->ReadStdoutLine(kProcessTimeout);
    if (!line.ok()) {
      EXPECT_EQ(line.status().code(), absl::StatusCode::kOutOfRange) << line.status();
      break;
    }
    absl::StrAppend(&output, *line, "\n");
  }
  ASSERT_TRUE((*help)->WaitForExit(kProcessTimeout).ok());
  for (const char* flag : {"--host", "--port", "--knowledge_base", "--grace_period"}) {
    EXPECT_THAT(output, HasSubstr(flag));
  }
}

}  // namespace
}  // namespace advisor::testing

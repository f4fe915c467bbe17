// The per-call hook over a real channel: request ids, version metadata,
// observers told about every advisor call (not health or reflection),
// and the JSON call log of the advisor_server binary.

#include <csignal>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/server/advisor_server.h"
#include "tests/ops/ops_test_support.h"
#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/in_process_server.h"
#include "tests/support/server_process.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kGetFramework[] = "/advisor.v1.FrameworkService/GetFramework";

class CallHooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::AdvisorServerOptions options;
    options.server_version = "9.8.7-test";
    options.observers.push_back(observer_);
    absl::StatusOr<InProcessServer> started = StartInProcessServer(std::move(options));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::move(started->server);
    channel_ = std::move(started->channel);
    frameworks_ = advisor::v1::FrameworkService::NewStub(channel_);
  }

  grpc::Status GetFramework(grpc::ClientContext& context, const std::string& name,
                            advisor::v1::GetFrameworkResponse* response = nullptr) {
    advisor::v1::GetFrameworkRequest request;
    request.set_name(name);
    advisor::v1::GetFrameworkResponse ignored;
    return frameworks_->GetFramework(&context, request, response ? response : &ignored);
  }

  std::shared_ptr<RecordingObserver> observer_ = std::make_shared<RecordingObserver>();
  std::unique_ptr<server::AdvisorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<advisor::v1::FrameworkService::Stub> frameworks_;
};

TEST_F(CallHooksTest, ReturnsTheClientsRequestIdAndTheVersions) {
  std::unique_ptr<grpc::ClientContext> context = CallContext();
  context->AddMetadata("x-request-id", "client-chosen-id-42");
  advisor::v1::GetFrameworkResponse response;
  ASSERT_TRUE(GetFramework(*context, "keras", &response).ok());
  EXPECT_EQ(MetadataValue(context->GetServerInitialMetadata(), "x-request-id"),
            "client-chosen-id-42");
  EXPECT_EQ(response.served_by().server_version(), "9.8.7-test");
  EXPECT_EQ(response.served_by().knowledge_base_version(), "2024.1");
  // A response names them in the body; the request id is its one metadata entry.
  EXPECT_EQ(context->GetServerInitialMetadata().count("advisor-server-version"), 0U);
  EXPECT_EQ(context->GetServerTrailingMetadata().count("advisor-knowledge-base-version"), 0U);
}

TEST_F(CallHooksTest, GeneratesADifferentRequestIdForEachCallWithoutOne) {
  std::unique_ptr<grpc::ClientContext> first = CallContext();
  std::unique_ptr<grpc::ClientContext> second = CallContext();
  ASSERT_TRUE(GetFramework(*first, "keras").ok());
  // Failed calls carry the request id too, and the versions in trailers
  // (they have no body).
  ASSERT_EQ(GetFramework(*second, "sourdough").error_code(), grpc::StatusCode::NOT_FOUND);
  const std::string first_id = MetadataValue(first->GetServerInitialMetadata(), "x-request-id");
  const std::string second_id = MetadataValue(second->GetServerInitialMetadata(), "x-request-id");
  EXPECT_THAT(first_id, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_THAT(second_id, MatchesRegex("[0-9a-f]{32}"));
  EXPECT_NE(first_id, second_id);
  EXPECT_EQ(MetadataValue(second->GetServerTrailingMetadata(), "advisor-knowledge-base-version"),
            "2024.1");
  EXPECT_EQ(MetadataValue(second->GetServerTrailingMetadata(), "advisor-server-version"),
            "9.8.7-test");
}

TEST_F(CallHooksTest, ReplacesAnOverlongRequestId) {
  std::unique_ptr<grpc::ClientContext> context = CallContext();
  context->AddMetadata("x-request-id", std::string(500, 'a'));
  ASSERT_TRUE(GetFramework(*context, "keras").ok());
  EXPECT_THAT(MetadataValue(context->GetServerInitialMetadata(), "x-request-id"),
              MatchesRegex("[0-9a-f]{32}"));
}

TEST_F(CallHooksTest, ObserversSeeEveryAdvisorCallWithItsCodePeerAndRequestId) {
  std::unique_ptr<grpc::ClientContext> ok = CallContext();
  ok->AddMetadata("x-request-id", "ok-call");
  ASSERT_TRUE(GetFramework(*ok, "torch").ok());
  std::unique_ptr<grpc::ClientContext> missing = CallContext();
  missing->AddMetadata("x-request-id", "missing-call");
  ASSERT_EQ(GetFramework(*missing, "sourdough").error_code(), grpc::StatusCode::NOT_FOUND);
  // The health service is gRPC's own and is not observed: probes are not
  // traffic.
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckResponse health_response;
  ASSERT_TRUE(
      health->Check(CallContext().get(), grpc::health::v1::HealthCheckRequest(), &health_response)
          .ok());
  std::unique_ptr<grpc::ClientContext> after = CallContext();
  after->AddMetadata("x-request-id", "after-health");
  ASSERT_TRUE(GetFramework(*after, "keras").ok());

  ASSERT_TRUE(observer_->WaitForFinished(3, absl::Seconds(30)));
  const std::vector<RecordingObserver::Call> calls = observer_->finished();
  ASSERT_EQ(calls.size(), 3U);
  EXPECT_EQ(observer_->started(), 3);
  EXPECT_EQ(calls[0].method, kGetFramework);
  EXPECT_EQ(calls[0].status_code, 0);
  EXPECT_EQ(calls[0].request_id, "ok-call");
  EXPECT_THAT(calls[0].peer, StartsWith("ipv4:127.0.0.1:"));
  EXPECT_GE(calls[0].latency, absl::ZeroDuration());
  EXPECT_EQ(calls[1].status_code, static_cast<int>(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(calls[1].request_id, "missing-call");
  EXPECT_EQ(calls[2].method, kGetFramework);
  EXPECT_EQ(calls[2].request_id, "after-health");
}

TEST_F(CallHooksTest, ObserversHearOfTheStartUpLoad) {
  const std::vector<RecordingObserver::Load> loads = observer_->loads();
  ASSERT_EQ(loads.size(), 1U);
  EXPECT_TRUE(loads[0].ok);
  EXPECT_EQ(loads[0].serving_version, "2024.1");
}

TEST_F(CallHooksTest, ResponsesAndErrorsNameTheSnapshotTheCallWasServedFrom) {
  absl::StatusOr<advisor::v1::KnowledgeBase> next =
      knowledge_base::ParseKnowledgeBase(KnowledgeBaseWithVersion("2099.9"), "next");
  ASSERT_TRUE(next.ok()) << next.status();
  server_->snapshots().Replace(engines::Snapshot::Build(*std::move(next)));
  advisor::v1::GetFrameworkResponse response;
  ASSERT_TRUE(GetFramework(*CallContext(), "keras", &response).ok());
  EXPECT_EQ(response.served_by().knowledge_base_version(), "2099.9");
  std::unique_ptr<grpc::ClientContext> failed = CallContext();
  ASSERT_EQ(GetFramework(*failed, "sourdough").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(MetadataValue(failed->GetServerTrailingMetadata(), "advisor-knowledge-base-version"),
            "2099.9");
}

TEST_F(CallHooksTest, AnExpiredDeadlineIsDeadlineExceeded) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
  EXPECT_EQ(GetFramework(context, "keras").error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

// The binary's JSON call log: OK calls only at --log_level=debug, failures
// at the default level, and never the authorization metadata. A generated
// request id comes back with every call the log records, and is the one in
// its line; an OK call the default level does not log gets none (a
// metadata entry costs a tenth of a call); a client's id always comes back.
TEST(CallLogTest, LogsOneJsonLinePerCallAtTheConfiguredLevel) {
  for (const bool debug : {false, true}) {
    SCOPED_TRACE(debug ? "debug" : "default level");
    std::unique_ptr<ServerProcess> server = StartServerProcess(
        debug ? std::vector<std::string>{"--log_level=debug"} : std::vector<std::string>{});
    ASSERT_NE(server, nullptr);
    auto stub = advisor::v1::FrameworkService::NewStub(
        grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
    for (const char* name : {"keras", "sourdough"}) {
      std::unique_ptr<grpc::ClientContext> context = CallContext();
      context->AddMetadata("x-request-id", absl::StrCat("log-test-", name));
      context->AddMetadata("authorization", "Bearer never-log-this-secret");
      advisor::v1::GetFrameworkRequest request;
      request.set_name(name);
      advisor::v1::GetFrameworkResponse response;
      stub->GetFramework(context.get(), request, &response);
    }
    auto returned_id = [&stub](const std::string& name, const std::string& client_id) {
      std::unique_ptr<grpc::ClientContext> context = CallContext();
      if (!client_id.empty()) context->AddMetadata("x-request-id", client_id);
      advisor::v1::GetFrameworkRequest request;
      request.set_name(name);
      advisor::v1::GetFrameworkResponse response;
      stub->GetFramework(context.get(), request, &response);
      return MetadataValue(context->GetServerInitialMetadata(), "x-request-id");
    };
    const std::string ok_id = returned_id("keras", "");
    const std::string failed_id = returned_id("sourdough", "");
    EXPECT_EQ(returned_id("keras", "client-id-7"), "client-id-7");
    EXPECT_THAT(failed_id, MatchesRegex("[0-9a-f]{32}"));
    EXPECT_THAT(ok_id, debug ? MatchesRegex("[0-9a-f]{32}") : MatchesRegex(""));
    // Closes the connection: a graceful shutdown waits for open ones.
    stub.reset();
    ASSERT_TRUE(server->Signal(SIGTERM).ok());
    ASSERT_TRUE(server->WaitForExit(kProcessTimeout).ok());
    const std::string log = server->Stderr();
    EXPECT_THAT(log, AllOf(HasSubstr(R"("message":"call","method":")" + std::string(kGetFramework) +
                                     R"(","code":"NOT_FOUND","latency_ms":")"),
                           HasSubstr(R"("peer":"ipv4:127.0.0.1:)"),
                           HasSubstr(R"("request_id":"log-test-sourdough"})")));
    if (debug) {
      EXPECT_THAT(log, HasSubstr(R"("severity":"DEBUG","message":"call")"));
      EXPECT_THAT(log, HasSubstr(R"("code":"OK")"));
      EXPECT_THAT(log, HasSubstr(R"("request_id":"log-test-keras"})"));
    } else {
      EXPECT_THAT(log, Not(HasSubstr("log-test-keras")));
    }
    EXPECT_THAT(log, Not(HasSubstr("never-log-this-secret")));
    EXPECT_THAT(log, HasSubstr(absl::StrCat(R"("request_id":")", failed_id, R"("})")));
    if (debug) {
      EXPECT_THAT(log, HasSubstr(absl::StrCat(R"("request_id":")", ok_id, R"("})")));
    }
  }
}

TEST(CallLogTest, AnUnknownLogLevelIsAConfigurationError) {
  absl::StatusOr<std::unique_ptr<ChildProcess>> server = StartServerBinary({"--log_level=loud"});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<ProcessExit> exit = (*server)->WaitForExit(kProcessTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 2);
  EXPECT_THAT((*server)->Stderr(), HasSubstr("unknown log level 'loud'"));
}

}  // namespace
}  // namespace advisor::testing

// Limits over real channels: the global in-flight cap answers extra calls
// at once with RESOURCE_EXHAUSTED (health excepted), the per-connection
// stream cap makes extra calls wait, a memory quota still serves.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
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
#include "tests/support/in_process_server.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<server::AdvisorServer> StartInProcess(server::AdvisorServerOptions options) {
  absl::StatusOr<InProcessServer> started = StartInProcessServer(std::move(options));
  EXPECT_TRUE(started.ok()) << started.status();
  return started.ok() ? std::move(started->server) : nullptr;
}

// A Health.Watch call held open: its first answer has arrived, so the
// server certainly works on it, and it stays open until destroyed. Health
// calls count as in flight (and use an HTTP/2 stream) but are never refused,
// so they can fill the server up without being refused themselves.
class OpenStream {
 public:
  explicit OpenStream(grpc::health::v1::Health::Stub& stub)
      : context_(CallContext()),
        stream_(stub.Watch(context_.get(), grpc::health::v1::HealthCheckRequest())) {
    grpc::health::v1::HealthCheckResponse response;
    EXPECT_TRUE(stream_->Read(&response));
  }
  ~OpenStream() {
    context_->TryCancel();
    EXPECT_EQ(stream_->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  OpenStream(const OpenStream&) = delete;
  OpenStream& operator=(const OpenStream&) = delete;

 private:
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReader<grpc::health::v1::HealthCheckResponse>> stream_;
};

// A StreamAnswers call held open: one answer has arrived, so the server
// certainly counts it in flight, and it stays open until destroyed, when
// it half-closes and ends OK.
class OpenAnswerStream {
 public:
  explicit OpenAnswerStream(advisor::v1::FaqService::Stub& stub)
      : context_(CallContext()), stream_(stub.StreamAnswers(context_.get())) {
    advisor::v1::StreamAnswersRequest request;
    request.add_questions()->mutable_request()->set_question(
        "Which framework should a beginner learn?");
    EXPECT_TRUE(stream_->Write(request));
    advisor::v1::StreamAnswersResponse response;
    EXPECT_TRUE(stream_->Read(&response));
  }
  ~OpenAnswerStream() {
    EXPECT_TRUE(stream_->WritesDone());
    EXPECT_TRUE(stream_->Finish().ok());
  }
  OpenAnswerStream(const OpenAnswerStream&) = delete;
  OpenAnswerStream& operator=(const OpenAnswerStream&) = delete;

 private:
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<grpc::ClientReaderWriter<advisor::v1::StreamAnswersRequest,
                                           advisor::v1::StreamAnswersResponse>>
      stream_;
};

grpc::Status GetKeras(advisor::v1::FrameworkService::Stub& stub,
                      std::unique_ptr<grpc::ClientContext> context = CallContext()) {
  advisor::v1::GetFrameworkRequest request;
  request.set_name("keras");
  advisor::v1::GetFrameworkResponse response;
  return stub.GetFramework(context.get(), request, &response);
}

TEST(LimitsTest, CallsOverTheInFlightCapAreRefusedAtOnce) {
  auto observer = std::make_shared<RecordingObserver>();
  server::AdvisorServerOptions options;
  options.max_calls_in_flight = 2;
  options.observers.push_back(observer);
  std::unique_ptr<server::AdvisorServer> server = StartInProcess(std::move(options));
  ASSERT_NE(server, nullptr);
  auto channel = grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials());
  auto frameworks = advisor::v1::FrameworkService::NewStub(channel);
  auto faqs = advisor::v1::FaqService::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);
  {
    OpenAnswerStream first(*faqs);
    OpenAnswerStream second(*faqs);
    EXPECT_EQ(server->calls_in_flight(), 2);
    const grpc::Status refused = GetKeras(*frameworks);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(refused.error_message(), HasSubstr("server overloaded"));
    // Health checks are never refused (and not counted in flight).
    grpc::health::v1::HealthCheckResponse serving;
    EXPECT_TRUE(
        health->Check(CallContext().get(), grpc::health::v1::HealthCheckRequest(), &serving).ok());
  }
  // The server lets go of a call shortly after the client has its status.
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (server->calls_in_flight() > 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  EXPECT_TRUE(GetKeras(*frameworks).ok());
  // Refused calls reach the observers as well.
  // The two streams, the refused call and the last one.
  ASSERT_TRUE(observer->WaitForFinished(4, absl::Seconds(30)));
  int exhausted = 0;
  for (const RecordingObserver::Call& call : observer->finished()) {
    if (call.status_code == static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED)) ++exhausted;
  }
  EXPECT_EQ(exhausted, 1);
}

TEST(LimitsTest, CallsOverTheStreamCapOfAConnectionWait) {
  server::AdvisorServerOptions options;
  options.max_concurrent_streams = 1;
  std::unique_ptr<server::AdvisorServer> server = StartInProcess(std::move(options));
  ASSERT_NE(server, nullptr);
  auto channel = grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  auto frameworks = advisor::v1::FrameworkService::NewStub(channel);
  {
    OpenStream open(*health);
    // Same connection: the call cannot start while the stream is open.
    EXPECT_EQ(GetKeras(*frameworks, CallContext(absl::Milliseconds(500))).error_code(),
              grpc::StatusCode::DEADLINE_EXCEEDED);
    // Another connection has its own streams.
    grpc::ChannelArguments separate;
    separate.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto other = advisor::v1::FrameworkService::NewStub(
        grpc::CreateCustomChannel(server->address(), grpc::InsecureChannelCredentials(), separate));
    EXPECT_TRUE(GetKeras(*other).ok());
  }
  EXPECT_TRUE(GetKeras(*frameworks).ok());
}

TEST(LimitsTest, ServesWithinAMemoryQuota) {
  server::AdvisorServerOptions options;
  options.max_memory_bytes = 64 << 20;
  std::unique_ptr<server::AdvisorServer> server = StartInProcess(std::move(options));
  ASSERT_NE(server, nullptr);
  auto frameworks = advisor::v1::FrameworkService::NewStub(
      grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials()));
  EXPECT_TRUE(GetKeras(*frameworks).ok());
}

TEST(LimitsTest, NegativeLimitsAreInvalid) {
  server::AdvisorServerOptions options;
  options.max_calls_in_flight = -1;
  absl::StatusOr<advisor::v1::KnowledgeBase> loaded = knowledge_base::LoadDefaultKnowledgeBase();
  ASSERT_TRUE(loaded.ok());
  options.snapshot = engines::Snapshot::Build(*std::move(loaded));
  EXPECT_EQ(server::AdvisorServer::Start(std::move(options)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::testing

#include "tests/bench/load/load_runner.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

#include "advisor/bench/v1/echo.grpc.pb.h"
#include "tests/bench/echo/echo_service.h"

namespace advisor::bench {
namespace {

using advisor::bench::v1::EchoRequest;
using advisor::bench::v1::EchoResponse;

constexpr char kEchoPath[] = "/advisor.bench.v1.EchoService/Echo";
constexpr char kPing[] = "ping";

// Refuses any message but kPing, so a call that sent other bytes (say, a
// request buffer consumed by an earlier call) shows up as an error.
class PingOnlyService final : public advisor::bench::v1::EchoService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const EchoRequest* request,
                                 EchoResponse* response) override {
    response->set_message(request->message());
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(request->message() == kPing
                        ? grpc::Status::OK
                        : grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "not a ping"));
    return reactor;
  }
};

// Never answers until told to: calls can only end by their deadline.
class SilentService final : public advisor::bench::v1::EchoService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const EchoRequest* /*request*/,
                                 EchoResponse* /*response*/) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    absl::MutexLock lock(&mu_);
    pending_.push_back(reactor);
    return reactor;
  }

  // Ends every call held so far (a reactor must be finished, even late).
  void FinishAll() {
    absl::MutexLock lock(&mu_);
    for (grpc::ServerUnaryReactor* reactor : pending_) reactor->Finish(grpc::Status::OK);
    pending_.clear();
  }

 private:
  absl::Mutex mu_;
  std::vector<grpc::ServerUnaryReactor*> pending_ ABSL_GUARDED_BY(mu_);
};

// An in-process server on a free port of 127.0.0.1.
class ServerFixture {
 public:
  explicit ServerFixture(grpc::Service* service) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(service);
    server_ = builder.BuildAndStart();
  }
  ~ServerFixture() { Stop(); }

  void Stop() {
    if (server_ != nullptr) server_->Shutdown();
    server_.reset();
  }
  std::string target() const { return absl::StrCat("127.0.0.1:", port_); }
  bool started() const { return server_ != nullptr && port_ > 0; }

 private:
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

std::string PingBytes() {
  EchoRequest request;
  request.set_message(kPing);
  return request.SerializeAsString();
}

LoadOptions PingOptions(const std::string& target) {
  LoadOptions options;
  options.target = target;
  options.method_path = kEchoPath;
  options.request_bytes = PingBytes();
  options.concurrency = 4;
  options.warmup = absl::Milliseconds(20);
  options.duration = absl::Milliseconds(200);
  return options;
}

class LoadRunnerTest : public ::testing::Test {
 protected:
  PingOnlyService service_;
  ServerFixture server_{&service_};
};

TEST_F(LoadRunnerTest, DurationRunMeasuresOnlyTheWindowAndEveryCallSendsTheSameBytes) {
  ASSERT_TRUE(server_.started());
  LoadOptions options = PingOptions(server_.target());
  options.connections = 2;
  const absl::StatusOr<LoadResult> result = RunLoad(options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_GT(result->calls(), 0);
  EXPECT_EQ(result->errors(), 0) << result->first_error;
  EXPECT_EQ(result->latency.count(), static_cast<uint64_t>(result->calls()));
  EXPECT_EQ(result->elapsed, absl::Milliseconds(200));
  EXPECT_GT(result->qps(), 0);
}

TEST_F(LoadRunnerTest, TotalCallsRunMakesExactlyThatManyCalls) {
  ASSERT_TRUE(server_.started());
  LoadOptions options = PingOptions(server_.target());
  options.total_calls = 101;
  options.concurrency = 8;
  const absl::StatusOr<LoadResult> result = RunLoad(options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->calls(), 101);
  EXPECT_EQ(result->calls_by_code[0], 101);
}

TEST_F(LoadRunnerTest, FailedCallsAreCountedByCode) {
  ASSERT_TRUE(server_.started());
  LoadOptions options = PingOptions(server_.target());
  options.total_calls = 10;
  EchoRequest other;
  other.set_message("not ping");
  options.request_bytes = other.SerializeAsString();
  const absl::StatusOr<LoadResult> result = RunLoad(options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->calls_by_code[static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT)], 10);
  EXPECT_EQ(result->errors(), 10);
  EXPECT_EQ(result->first_error, "INVALID_ARGUMENT: not a ping");

  options.method_path = "/advisor.bench.v1.EchoService/NoSuchMethod";
  const absl::StatusOr<LoadResult> unknown = RunLoad(options);
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_EQ(unknown->calls_by_code[static_cast<int>(grpc::StatusCode::UNIMPLEMENTED)], 10);
}

TEST_F(LoadRunnerTest, CallOnceReturnsTheResponseBytes) {
  ASSERT_TRUE(server_.started());
  const absl::StatusOr<std::string> bytes = CallOnce(PingOptions(server_.target()));
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EchoResponse response;
  ASSERT_TRUE(response.ParseFromString(*bytes));
  EXPECT_EQ(response.message(), kPing);
}

TEST_F(LoadRunnerTest, CallOnceReturnsTheCallsStatus) {
  ASSERT_TRUE(server_.started());
  LoadOptions options = PingOptions(server_.target());
  options.method_path = "/advisor.bench.v1.EchoService/NoSuchMethod";
  EXPECT_EQ(CallOnce(options).status().code(), absl::StatusCode::kUnimplemented);
}

TEST_F(LoadRunnerTest, NoServerIsUnavailable) {
  ASSERT_TRUE(server_.started());
  const std::string target = server_.target();
  server_.Stop();
  LoadOptions options = PingOptions(target);
  options.connect_timeout = absl::Milliseconds(300);
  EXPECT_EQ(RunLoad(options).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(CallOnce(options).status().code(), absl::StatusCode::kUnavailable);
}

TEST(LoadRunnerDeadlineTest, ServerEnforcesTheCallTimeout) {
  SilentService service;
  ServerFixture server(&service);
  ASSERT_TRUE(server.started());
  LoadOptions options = PingOptions(server.target());
  options.concurrency = 2;
  options.total_calls = 4;
  options.call_timeout = absl::Milliseconds(100);
  const absl::StatusOr<LoadResult> result = RunLoad(options);
  service.FinishAll();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->calls_by_code[static_cast<int>(grpc::StatusCode::DEADLINE_EXCEEDED)], 4);
}

TEST(LoadOptionsTest, BadOptionsAreInvalidArgument) {
  LoadOptions options = PingOptions("127.0.0.1:1");
  options.concurrency = 0;
  EXPECT_EQ(RunLoad(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = PingOptions("127.0.0.1:1");
  options.connections = 0;
  EXPECT_EQ(RunLoad(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = PingOptions("");
  EXPECT_EQ(RunLoad(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = PingOptions("127.0.0.1:1");
  options.duration = absl::ZeroDuration();
  EXPECT_EQ(RunLoad(options).status().code(), absl::StatusCode::kInvalidArgument);
  options = PingOptions("127.0.0.1:1");
  options.call_timeout = absl::ZeroDuration();
  EXPECT_EQ(CallOnce(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EchoServiceTest, ReturnsTheMessage) {
  EchoServiceImpl service;
  ServerFixture server(&service);
  ASSERT_TRUE(server.started());
  const absl::StatusOr<std::string> bytes = CallOnce(PingOptions(server.target()));
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EchoResponse response;
  ASSERT_TRUE(response.ParseFromString(*bytes));
  EXPECT_EQ(response.message(), kPing);
}

TEST(StatusCodeNameTest, NamesEveryCode) {
  EXPECT_EQ(StatusCodeName(0), "OK");
  EXPECT_EQ(StatusCodeName(5), "NOT_FOUND");
  EXPECT_EQ(StatusCodeName(16), "UNAUTHENTICATED");
  EXPECT_EQ(StatusCodeName(17), "UNKNOWN_CODE");
}

}  // namespace
}  // namespace advisor::bench

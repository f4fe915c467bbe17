// libFuzzer target for the RPC handlers: the fuzz input picks one unary
// method of advisor.v1 and is sent, byte for byte, as its request message
// to a real AdvisorServer in this process over 127.0.0.1; a MatchRole or
// AnswerQuestion response, written by a hand-written encoder, must also be
// byte for byte what the generated serializer makes of the same answer.
//
// Why a server and a channel rather than calling the handlers directly:
// the handlers are gRPC callback services whose reactors (and the
// LentFramework* ones that lend snapshot messages to the response) only run
// inside a server, and the request bytes must go through gRPC's own parsing
// (invalid UTF-8, unknown fields, truncation) as they do in production.
// The cost is a loopback round trip per input (a few thousand inputs per
// second), which is plenty for request messages this small.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/stubs/logging.h"

#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"
#include "service/api/answer_conversion.h"
#include "service/api/match_conversion.h"
#include "service/server/advisor_server.h"
#include "tests/fuzz/default_snapshot.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/hostile/raw_unary_call.h"
#include <grpcpp/grpcpp.h>

namespace advisor::fuzz {
namespace {

using grpc::StatusCode;

// One unary method: its path, fresh request and response messages to parse
// the bytes with locally, and the codes it documents besides OK.
struct Method {
  std::string path;
  std::unique_ptr<google::protobuf::Message> request;
  std::unique_ptr<google::protobuf::Message> response;
  std::vector<StatusCode> errors;
};

std::vector<Method> Methods() {
  std::vector<Method> methods;
  auto add = [&](std::string path, google::protobuf::Message* request,
                 google::protobuf::Message* response, std::vector<StatusCode> errors) {
    methods.push_back({std::move(path), std::unique_ptr<google::protobuf::Message>(request),
                       std::unique_ptr<google::protobuf::Message>(response), std::move(errors)});
  };
  const StatusCode kInvalid = StatusCode::INVALID_ARGUMENT;
  const StatusCode kNotFound = StatusCode::NOT_FOUND;
  add("/advisor.v1.FrameworkService/GetFramework", new advisor::v1::GetFrameworkRequest,
      new advisor::v1::GetFrameworkResponse, {kInvalid, kNotFound});
  add("/advisor.v1.FrameworkService/ListFrameworks", new advisor::v1::ListFrameworksRequest,
      new advisor::v1::ListFrameworksResponse, {kInvalid});
  add("/advisor.v1.FrameworkService/CompareFrameworks", new advisor::v1::CompareFrameworksRequest,
      new advisor::v1::CompareFrameworksResponse, {kInvalid, kNotFound});
  add("/advisor.v1.RoleMatchingService/MatchRole", new advisor::v1::MatchRoleRequest,
      new advisor::v1::MatchRoleResponse, {kInvalid});
  add("/advisor.v1.FaqService/AnswerQuestion", new advisor::v1::AnswerQuestionRequest,
      new advisor::v1::AnswerQuestionResponse, {kInvalid});
  add("/advisor.v1.FaqService/ListFaqs", new advisor::v1::ListFaqsRequest,
      new advisor::v1::ListFaqsResponse, {kInvalid});
  return methods;
}

// The server and a channel to it, started once for the whole run and never
// stopped (libFuzzer exits without unwinding).
struct Fixture {
  // What the server serves.
  std::shared_ptr<const engines::Snapshot> snapshot;
  std::unique_ptr<server::AdvisorServer> server;
  std::shared_ptr<grpc::Channel> channel;
  std::vector<Method> methods;
};

Fixture& TheFixture() {
  static Fixture* const fixture = [] {
    auto* f = new Fixture;
    server::AdvisorServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    f->snapshot = DefaultSnapshot();
    options.snapshot = f->snapshot;
    absl::StatusOr<std::unique_ptr<server::AdvisorServer>> server =
        server::AdvisorServer::Start(std::move(options));
    ADVISOR_FUZZ_CHECK(server.ok());
    f->server = *std::move(server);
    f->channel = grpc::CreateChannel(f->server->address(), grpc::InsecureChannelCredentials());
    f->methods = Methods();
    return f;
  }();
  return *fixture;
}

bool Documented(const Method& method, StatusCode code) {
  return std::find(method.errors.begin(), method.errors.end(), code) != method.errors.end();
}

}  // namespace
}  // namespace advisor::fuzz

// Starts the server before fuzzing starts, so its start-up never counts
// against the first input's time limit.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  // Protobuf logs every string with invalid UTF-8 it refuses; most inputs
  // have one, and the log would bury libFuzzer's own output.
  google::protobuf::SetLogHandler(nullptr);
  advisor::fuzz::TheFixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace advisor::fuzz;  // NOLINT(google-build-using-namespace): one entry point.
  Fixture& fixture = TheFixture();
  const SelectedInput input = SplitSelector(data, size);
  Method& method = fixture.methods[input.selector % fixture.methods.size()];

  const advisor::testing::RawReply reply = advisor::testing::RawUnaryCall(
      fixture.channel, method.path, input.payload, absl::Seconds(30));
  const StatusCode code = reply.status.error_code();
  if (std::getenv("ADVISOR_FUZZ_VERBOSE") != nullptr) {
    std::fprintf(stderr, "%s -> %d %s\n", method.path.c_str(), static_cast<int>(code),
                 reply.status.error_message().c_str());
  }
  if (input.payload.size() > static_cast<size_t>(advisor::server::kMaxRequestBytes)) {
    ADVISOR_FUZZ_CHECK(code == StatusCode::RESOURCE_EXHAUSTED);
    return 0;
  }
  // The unary methods are registered raw and parse their requests
  // themselves: exactly the bytes that do not parse as the request (e.g.
  // invalid UTF-8 in a string field) get INVALID_ARGUMENT. Everything else
  // reaches the engines and gets a documented code.
  const bool parses =
      method.request->ParseFromArray(input.payload.data(), static_cast<int>(input.payload.size()));
  if (!parses) {
    ADVISOR_FUZZ_CHECK(code == StatusCode::INVALID_ARGUMENT);
    return 0;
  }
  ADVISOR_FUZZ_CHECK(code == StatusCode::OK || Documented(method, code));
  if (code != StatusCode::OK) return 0;
  ADVISOR_FUZZ_CHECK(method.response->ParseFromString(reply.response));
  // MatchRole's response is written by a hand-written encoder: its bytes
  // must be exactly what the generated serializer makes of FillMatch's
  // message with the same served_by.
  if (auto* matched = dynamic_cast<advisor::v1::MatchRoleResponse*>(method.response.get())) {
    advisor::v1::MatchRoleResponse expected;
    ADVISOR_FUZZ_CHECK(
        advisor::api::FillMatch(*fixture.snapshot,
                                static_cast<const advisor::v1::MatchRoleRequest&>(*method.request),
                                expected)
            .ok());
    *expected.mutable_served_by() = matched->served_by();
    ADVISOR_FUZZ_CHECK(expected.SerializeAsString() == reply.response);
  }
  // So is AnswerQuestion's, checked against FillAnswer's message.
  if (auto* answered = dynamic_cast<advisor::v1::AnswerQuestionResponse*>(method.response.get())) {
    advisor::v1::AnswerQuestionResponse expected;
    ADVISOR_FUZZ_CHECK(advisor::api::FillAnswer(
                           *fixture.snapshot,
                           static_cast<const advisor::v1::AnswerQuestionRequest&>(*method.request),
                           expected)
                           .ok());
    *expected.mutable_served_by() = answered->served_by();
    ADVISOR_FUZZ_CHECK(expected.SerializeAsString() == reply.response);
  }
  return 0;
}

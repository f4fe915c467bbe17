#ifndef ADVISOR_TESTS_BENCH_LOAD_RPC_METHOD_H_
#define ADVISOR_TESTS_BENCH_LOAD_RPC_METHOD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace advisor::bench {

// Finds a unary or bidirectional streaming method among the services
// linked into this binary (the advisor.v1 services, grpc.health.v1.Health
// and the bench echo service). `rpc` is a full name,
// "advisor.v1.FaqService/AnswerQuestion" (a leading "/" or "." instead of
// "/" is fine), or a short alias such as "answer_question" (see
// MethodAliasesHelp). NOT_FOUND for an unknown service or method,
// INVALID_ARGUMENT for a client- or server-only streaming method.
absl::StatusOr<const google::protobuf::MethodDescriptor*> ResolveMethod(absl::string_view rpc);

// One line per alias: "answer_question = advisor.v1.FaqService/AnswerQuestion".
std::string MethodAliasesHelp();

// The HTTP/2 path gRPC calls the method by: "/package.Service/Method".
std::string MethodPath(const google::protobuf::MethodDescriptor& method);

// Parses `json` (proto3 JSON mapping) as the method's request and returns
// it in wire format. INVALID_ARGUMENT when it does not parse.
absl::StatusOr<std::string> SerializeRequestFromJson(
    const google::protobuf::MethodDescriptor& method, absl::string_view json);

// Answers one call (or stream message) of `method` with `request_bytes`
// asks for: the number of entries of the request's repeated `requests` field
// (the Batch* RPCs) or `questions` field (StreamAnswers), else 1. 1 also
// when the bytes do not parse.
int ItemsPerCall(const google::protobuf::MethodDescriptor& method,
                 const std::string& request_bytes);

// Decodes a response of the method from wire format into JSON.
// INVALID_ARGUMENT when the bytes are not such a response.
absl::StatusOr<std::string> ResponseToJson(const google::protobuf::MethodDescriptor& method,
                                           const std::string& wire_bytes);

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_LOAD_RPC_METHOD_H_

#include "tests/bench/load/rpc_method.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/health/v1/health.pb.h"

#include "advisor/bench/v1/echo.pb.h"
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"

namespace advisor::bench {
namespace {

using google::protobuf::MethodDescriptor;

struct MethodAlias {
  const char* alias;
  const char* full_name;
};

constexpr MethodAlias kAliases[] = {
    {"get_framework", "advisor.v1.FrameworkService/GetFramework"},
    {"list_frameworks", "advisor.v1.FrameworkService/ListFrameworks"},
    {"compare_frameworks", "advisor.v1.FrameworkService/CompareFrameworks"},
    {"match_role", "advisor.v1.RoleMatchingService/MatchRole"},
    {"answer_question", "advisor.v1.FaqService/AnswerQuestion"},
    {"list_faqs", "advisor.v1.FaqService/ListFaqs"},
    {"batch_answer_questions", "advisor.v1.FaqService/BatchAnswerQuestions"},
    {"batch_match_roles", "advisor.v1.RoleMatchingService/BatchMatchRoles"},
    {"stream_answers", "advisor.v1.FaqService/StreamAnswers"},
    {"health_check", "grpc.health.v1.Health/Check"},
    {"echo", "advisor.bench.v1.EchoService/Echo"},
};

// The generated pool only knows the .proto files whose code is linked in,
// and a static library contributes only the objects something refers to:
// naming one message of each file keeps them all in the binary.
void KeepServiceDescriptorsLinked() {
  advisor::v1::GetFrameworkRequest::descriptor();
  advisor::v1::MatchRoleRequest::descriptor();
  advisor::v1::AnswerQuestionRequest::descriptor();
  grpc::health::v1::HealthCheckRequest::descriptor();
  advisor::bench::v1::EchoRequest::descriptor();
}

// A fresh, empty message of `type`, owned by the caller; `factory` must
// outlive it.
std::unique_ptr<google::protobuf::Message> NewMessage(
    google::protobuf::DynamicMessageFactory& factory, const google::protobuf::Descriptor& type) {
  return std::unique_ptr<google::protobuf::Message>(factory.GetPrototype(&type)->New());
}

}  // namespace

absl::StatusOr<const MethodDescriptor*> ResolveMethod(absl::string_view rpc) {
  KeepServiceDescriptorsLinked();
  std::string full_name(absl::StripPrefix(rpc, "/"));
  for (const MethodAlias& alias : kAliases) {
    if (full_name == alias.alias) full_name = alias.full_name;
  }
  // "pkg.Service/Method" and "pkg.Service.Method" both name the method.
  full_name = absl::StrReplaceAll(full_name, {{"/", "."}});
  const MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
  if (method == nullptr) {
    return absl::NotFoundError(absl::StrCat("unknown rpc \"", rpc,
                                            "\": give package.Service/Method or one of:\n",
                                            MethodAliasesHelp()));
  }
  if (method->client_streaming() != method->server_streaming()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rpc \"", rpc,
        "\" streams one way only; only unary and bidirectional methods can be loaded"));
  }
  return method;
}

std::string MethodAliasesHelp() {
  std::string help;
  for (const MethodAlias& alias : kAliases) {
    absl::StrAppend(&help, "  ", alias.alias, " = ", alias.full_name, "\n");
  }
  return help;
}

std::string MethodPath(const MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

absl::StatusOr<std::string> SerializeRequestFromJson(const MethodDescriptor& method,
                                                     absl::string_view json) {
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> request = NewMessage(factory, *method.input_type());
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), request.get());
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("request is not a valid ",
                                                   method.input_type()->full_name(),
                                                   " in JSON: ", parsed.message().as_string()));
  }
  return request->SerializeAsString();
}

int ItemsPerCall(const MethodDescriptor& method, const std::string& request_bytes) {
  const google::protobuf::FieldDescriptor* items = method.input_type()->FindFieldByName("requests");
  if (items == nullptr) items = method.input_type()->FindFieldByName("questions");
  if (items == nullptr || !items->is_repeated()) return 1;
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> request = NewMessage(factory, *method.input_type());
  if (!request->ParseFromString(request_bytes)) return 1;
  return request->GetReflection()->FieldSize(*request, items);
}

absl::StatusOr<std::string> ResponseToJson(const MethodDescriptor& method,
                                           const std::string& wire_bytes) {
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> response = NewMessage(factory, *method.output_type());
  if (!response->ParseFromString(wire_bytes)) {
    return absl::InvalidArgumentError(
        absl::StrCat("response is not a valid ", method.output_type()->full_name()));
  }
  std::string json;
  const auto printed = google::protobuf::util::MessageToJsonString(*response, &json);
  if (!printed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot print response as JSON: ", printed.message().as_string()));
  }
  return json;
}

}  // namespace advisor::bench

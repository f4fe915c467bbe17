#include "client/cli/file_commands.h"

#include <cstddef>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace advisor::cli {
namespace {

// Each BatchMatchRoles call stays below the server's 64 KiB request limit
// and the API's 1000 items.
constexpr std::size_t kBatchBytes = std::size_t{48} * 1024;
constexpr std::size_t kBatchItems = 1000;

// `text` as a JSON string literal, quoted and escaped by protobuf's own
// JSON printer.
std::string JsonQuote(const std::string& text) {
  google::protobuf::Value value;
  value.set_string_value(text);
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(value, &json).ok()) return "\"\"";
  return json;
}

std::string CompactJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "{}";
  return json;
}

// Writes one item's JSON line; remembers the first item error.
template <typename Response>
void WriteItem(std::ostream& out, const InputLine& line, const char* field,
               const absl::StatusOr<Response>& result, absl::Status& first_error) {
  out << "{\"line\":" << line.number << ",\"" << field << "\":" << JsonQuote(line.text);
  if (result.ok()) {
    out << ",\"response\":" << CompactJson(*result) << "}\n";
  } else {
    out << ",\"error\":{\"code\":\"" << absl::StatusCodeToString(result.status().code())
        << "\",\"message\":" << JsonQuote(std::string(result.status().message())) << "}}\n";
    if (first_error.ok()) first_error = result.status();
  }
  out.flush();
}

absl::StatusOr<v1::MatchRoleResponse> ToMatchOrError(const v1::MatchRoleResult& result) {
  if (result.has_response()) return result.response();
  if (result.has_error() && result.error().code() != 0) return client::ItemStatus(result.error());
  return absl::InternalError("the server sent a result with neither match nor error");
}

}  // namespace

void WriteAnswerLine(std::ostream& out, const InputLine& line,
                     const absl::StatusOr<v1::AnswerQuestionResponse>& answer,
                     absl::Status& first_error) {
  WriteItem(out, line, "question", answer, first_error);
}

std::vector<InputLine> ReadInputLines(std::istream& input) {
  std::vector<InputLine> lines;
  std::string text;
  for (int number = 1; std::getline(input, text); ++number) {
    absl::string_view line = absl::StripSuffix(text, "\r");
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    lines.push_back({number, std::string(line)});
  }
  return lines;
}

absl::Status AskFromLines(client::AdvisorClient& client, const std::vector<InputLine>& lines,
                          std::ostream& out, ProgressBar* progress) {
  std::vector<std::string> questions;
  questions.reserve(lines.size());
  for (const auto& line : lines) questions.push_back(line.text);
  absl::Status first_error;
  absl::Status stream =
      client.ForEachAnswer(questions, [&](std::size_t index, client::AnswerOrError answer) {
        WriteAnswerLine(out, lines[index], answer, first_error);
        if (progress != nullptr) progress->Update(index + 1);
      });
  return stream.ok() ? first_error : stream;
}

absl::Status MatchRolesFromLines(client::AdvisorClient& client, const std::vector<InputLine>& lines,
                                 std::ostream& out, ProgressBar* progress) {
  absl::Status first_error;
  std::size_t begin = 0;
  while (begin < lines.size()) {
    v1::BatchMatchRolesRequest request;
    std::size_t bytes = 0;
    std::size_t end = begin;
    while (end < lines.size() && end - begin < kBatchItems &&
           (end == begin || bytes + lines[end].text.size() < kBatchBytes)) {
      bytes += lines[end].text.size() + 8;  // The field's tag and lengths.
      request.add_requests()->set_description(lines[end].text);
      ++end;
    }
    auto batch = client.BatchMatchRoles(request);
    if (!batch.ok()) return batch.status();
    if (batch->results_size() != static_cast<int>(end - begin)) {
      return absl::InternalError(absl::StrCat("the server returned ", batch->results_size(),
                                              " results for ", end - begin, " descriptions"));
    }
    for (std::size_t i = begin; i < end; ++i) {
      WriteItem(out, lines[i], "description",
                ToMatchOrError(batch->results(static_cast<int>(i - begin))), first_error);
    }
    if (progress != nullptr) progress->Update(end);
    begin = end;
  }
  return first_error;
}

}  // namespace advisor::cli

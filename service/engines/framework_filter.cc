#include "service/engines/framework_filter.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.h"

namespace advisor::engines {
namespace {

using advisor::v1::Framework;

// The longest filter read: a handful of comparisons fit many times over.
constexpr size_t kMaxFilterBytes = 1024;

// The enum value named `name` (case-insensitive, with or without the enum's
// prefix, e.g. "active" or "STATUS_ACTIVE"), other than UNSPECIFIED.
const google::protobuf::EnumValueDescriptor* FindValue(const google::protobuf::EnumDescriptor& type,
                                                       absl::string_view prefix,
                                                       absl::string_view name) {
  const std::string upper = absl::AsciiStrToUpper(name);
  const std::string full = absl::StartsWith(upper, prefix) ? upper : absl::StrCat(prefix, upper);
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByName(full);
  return value != nullptr && value->number() != 0 ? value : nullptr;
}

std::string ValueNames(const google::protobuf::EnumDescriptor& type, absl::string_view prefix) {
  std::vector<std::string> names;
  for (int i = 1; i < type.value_count(); ++i) {
    names.push_back(std::string(absl::StripPrefix(type.value(i)->name(), prefix)));
  }
  return absl::StrJoin(names, ", ");
}

}  // namespace

absl::StatusOr<FrameworkFilter> FrameworkFilter::Parse(absl::string_view filter) {
  FrameworkFilter parsed;
  if (filter.size() > kMaxFilterBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter is longer than ", kMaxFilterBytes, " bytes"));
  }
  filter = absl::StripAsciiWhitespace(filter);
  if (filter.empty()) return parsed;
  if (filter.find_first_of("()") != absl::string_view::npos) {
    return absl::InvalidArgumentError("filter: parentheses are not supported; join with AND");
  }
  std::vector<absl::string_view> words = absl::StrSplit(filter, ' ', absl::SkipEmpty());
  // Comparisons may be written without spaces around the operator.
  std::vector<std::string> tokens;
  for (absl::string_view word : words) {
    size_t start = 0;
    while (start < word.size()) {
      const size_t op = word.find_first_of("!=", start);
      if (op == absl::string_view::npos) {
        tokens.emplace_back(word.substr(start));
        break;
      }
      if (op > start) tokens.emplace_back(word.substr(start, op - start));
      const size_t length = word[op] == '!' && op + 1 < word.size() && word[op + 1] == '=' ? 2 : 1;
      tokens.emplace_back(word.substr(op, length));
      start = op + length;
    }
  }
  for (size_t i = 0; i < tokens.size(); i += 4) {
    if (i + 3 > tokens.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: expected FIELD = VALUE after \"",
                       absl::StrJoin(tokens.begin(), tokens.begin() + i, " "), "\""));
    }
    const std::string field = absl::AsciiStrToLower(tokens[i]);
    const std::string& op = tokens[i + 1];
    const std::string& value = tokens[i + 2];
    Comparison comparison;
    if (field == "status") {
      comparison.on_status = true;
    } else if (field != "kind") {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: unknown field \"", tokens[i], "\"; filter on kind or status"));
    }
    if (op != "=" && op != "!=") {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: unsupported operator \"", op, "\"; use = or !="));
    }
    comparison.equal = op == "=";
    const google::protobuf::EnumDescriptor& type =
        comparison.on_status ? *Framework::Status_descriptor() : *Framework::Kind_descriptor();
    const absl::string_view prefix = comparison.on_status ? "STATUS_" : "KIND_";
    const google::protobuf::EnumValueDescriptor* found = FindValue(type, prefix, value);
    if (found == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("filter: unknown ", field, " \"", value,
                                                     "\"; one of ", ValueNames(type, prefix)));
    }
    comparison.value = found->number();
    parsed.comparisons_.push_back(comparison);
    if (i + 3 < tokens.size() && absl::AsciiStrToUpper(tokens[i + 3]) != "AND") {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: expected AND, not \"", tokens[i + 3], "\" (OR is not supported)"));
    }
    if (i + 3 < tokens.size() && i + 4 == tokens.size()) {
      return absl::InvalidArgumentError("filter: AND ends the filter");
    }
  }
  return parsed;
}

bool FrameworkFilter::Matches(const Framework& framework) const {
  for (const Comparison& comparison : comparisons_) {
    const int value = comparison.on_status ? static_cast<int>(framework.status())
                                           : static_cast<int>(framework.kind());
    if ((value == comparison.value) != comparison.equal) return false;
  }
  return true;
}

}  // namespace advisor::engines

#include "tests/eval/eval_sets.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace advisor::eval {
namespace {

// The name a status is compared by: its code's canonical name.
std::string CodeName(const absl::Status& status) { return absl::StatusCodeToString(status.code()); }

}  // namespace

absl::StatusOr<std::vector<LabelledCase>> ParseLabelledCases(absl::string_view text, SetKind kind,
                                                             absl::string_view source) {
  std::vector<LabelledCase> cases;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripSuffix(line, "\r");
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    const size_t tab = line.find('\t');
    if (tab == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number, ": expected two tab-separated columns"));
    }
    absl::string_view first = line.substr(0, tab);
    absl::string_view second = line.substr(tab + 1);
    // Only the first two columns matter; later ones are comments.
    second = second.substr(0, second.find('\t'));
    LabelledCase labelled;
    labelled.line = line_number;
    if (kind == SetKind::kLookup) {
      labelled.input = static_cast<std::string>(first);
      labelled.expected = static_cast<std::string>(second);
    } else {
      labelled.expected = static_cast<std::string>(first);
      labelled.input = static_cast<std::string>(second);
    }
    cases.push_back(std::move(labelled));
  }
  return cases;
}

absl::StatusOr<std::vector<LabelledCase>> ReadLabelledCases(const std::string& path, SetKind kind) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << file.rdbuf();
  return ParseLabelledCases(text.str(), kind, path);
}

FaqResult RunFaqSet(const std::vector<LabelledCase>& cases, EvalBackend& backend) {
  FaqResult result;
  for (const LabelledCase& labelled : cases) {
    const bool off_topic = labelled.expected == kNoAnswer;
    Tally& tally = off_topic ? result.off_topic : result.answerable;
    ++tally.total;
    absl::StatusOr<FaqReply> reply = backend.AskFaq(labelled.input);
    if (!reply.ok()) {
      result.misses.push_back({labelled, reply.status().ToString(), -1});
      continue;
    }
    const std::string got =
        reply->faq_id.empty() ? static_cast<std::string>(kNoAnswer) : reply->faq_id;
    result.outcomes.push_back({labelled, got, reply->confidence});
    if (got == labelled.expected) {
      ++tally.correct;
      continue;
    }
    if (!reply->faq_id.empty()) ++result.wrong_answers;
    result.misses.push_back({labelled, got, reply->confidence});
  }
  return result;
}

SetResult RunRolesSet(const std::vector<LabelledCase>& cases, EvalBackend& backend) {
  SetResult result;
  for (const LabelledCase& labelled : cases) {
    ++result.cases.total;
    absl::StatusOr<std::string> top = backend.TopFrameworkForRole(labelled.input);
    const std::string got = top.ok() ? *top : top.status().ToString();
    if (top.ok() && got == labelled.expected) {
      ++result.cases.correct;
    } else {
      result.misses.push_back({labelled, got, -1});
    }
  }
  return result;
}

SetResult RunLookupSet(const std::vector<LabelledCase>& cases, EvalBackend& backend) {
  SetResult result;
  for (const LabelledCase& labelled : cases) {
    ++result.cases.total;
    absl::StatusOr<std::string> name = backend.LookupFramework(labelled.input);
    const std::string got = name.ok() ? *name : CodeName(name.status());
    if (got == labelled.expected) {
      ++result.cases.correct;
    } else {
      result.misses.push_back({labelled, name.ok() ? got : name.status().ToString(), -1});
    }
  }
  return result;
}

}  // namespace advisor::eval

#include "tests/eval/eval_sets.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace advisor::eval {
namespace {

// The name a status is compared by: its code's canonical name.
std::string CodeName(const absl::Status& status) { return absl::StatusCodeToString(status.code()); }

// How much of an answer a miss quotes: enough to see what answered.
constexpr size_t kMissAnswerBytes = 120;
// How much of an answer the --show_all listing quotes: one line's worth.
constexpr size_t kOutcomeAnswerBytes = 80;

// A source name for a report; an answer without one is worth noticing.
absl::string_view ShownSourceName(const std::string& name) {
  return name.empty() ? "(no source)" : absl::string_view(name);
}

// A FAQ reply as the report shows it: the entry's id, NONE, or what else
// answered.
std::string DescribeFaqReply(const FaqReply& reply) {
  if (!reply.faq_id.empty()) return reply.faq_id;
  if (!reply.answered) return std::string(kNoAnswer);
  return absl::StrCat("(not a FAQ entry) ", ShownSourceName(reply.source_name));
}

bool IsUtf8Continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

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

absl::StatusOr<std::string> ReadSetText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

absl::StatusOr<std::vector<LabelledCase>> ReadLabelledCases(const std::string& path, SetKind kind) {
  absl::StatusOr<std::string> text = ReadSetText(path);
  if (!text.ok()) return text.status();
  return ParseLabelledCases(*text, kind, path);
}

absl::StatusOr<std::vector<Override>> ParseOverrides(absl::string_view text,
                                                     absl::string_view source) {
  std::vector<Override> overrides;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<absl::string_view> columns = absl::StrSplit(line, '\t');
    Override row;
    if (columns.size() != 5 || !absl::SimpleAtoi(columns[1], &row.line) || row.line <= 0 ||
        columns[0].empty() || columns[3].empty() || !absl::StartsWith(columns[4], "https://")) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_number,
                       ": expected set, line, was, now and an https source, tab-separated"));
    }
    row.set = std::string(columns[0]);
    row.was = std::string(columns[2]);
    row.now = std::string(columns[3]);
    row.source = std::string(columns[4]);
    overrides.push_back(std::move(row));
  }
  return overrides;
}

absl::StatusOr<std::vector<Override>> ReadOverrides(const std::string& path) {
  absl::StatusOr<std::string> text = ReadSetText(path);
  if (!text.ok()) return text.status();
  return ParseOverrides(*text, path);
}

absl::Status ApplyOverrides(const std::vector<Override>& overrides, absl::string_view path,
                            std::vector<LabelledCase>* cases) {
  const size_t slash = path.find_last_of('/');
  const absl::string_view name = slash == absl::string_view::npos ? path : path.substr(slash + 1);
  for (const Override& row : overrides) {
    if (row.set != name) continue;
    const auto it = std::find_if(cases->begin(), cases->end(), [&](const LabelledCase& labelled) {
      return labelled.line == row.line;
    });
    if (it == cases->end() || it->expected != row.was) {
      return absl::FailedPreconditionError(absl::StrCat(path, ":", row.line,
                                                        " is not a row expecting \"", row.was,
                                                        "\"; the overrides are out of date"));
    }
    it->expected = row.now;
    it->overridden = true;
  }
  return absl::OkStatus();
}

std::vector<std::string> SplitExpectedPhrases(absl::string_view expected) {
  std::vector<std::string> phrases;
  for (absl::string_view phrase : absl::StrSplit(expected, '|')) {
    phrase = absl::StripAsciiWhitespace(phrase);
    if (!phrase.empty()) phrases.emplace_back(phrase);
  }
  return phrases;
}

bool ContainsIgnoringAsciiCase(absl::string_view text, absl::string_view phrase) {
  if (phrase.empty()) return true;
  // absl::ascii_tolower leaves bytes >= 0x80 alone, so UTF-8 compares raw.
  return std::search(text.begin(), text.end(), phrase.begin(), phrase.end(), [](char a, char b) {
           return absl::ascii_tolower(static_cast<unsigned char>(a)) ==
                  absl::ascii_tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

bool ContainsAnyPhrase(absl::string_view answer, const std::vector<std::string>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [answer](const std::string& phrase) {
    return ContainsIgnoringAsciiCase(answer, phrase);
  });
}

std::string TruncateUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  while (cut > 0 && IsUtf8Continuation(text[cut])) --cut;
  return absl::StrCat(text.substr(0, cut), "...");
}

std::string DescribeAskReply(const AskReply& reply, size_t max_answer_bytes) {
  if (!reply.answered) return std::string(kNoAnswer);
  return absl::StrCat("\"", TruncateUtf8(reply.answer, max_answer_bytes), "\" from ",
                      ShownSourceName(reply.source_name));
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
    const std::string got = DescribeFaqReply(*reply);
    result.outcomes.push_back({labelled, got, reply->confidence});
    if (off_topic ? !reply->answered : reply->faq_id == labelled.expected) {
      ++tally.correct;
      continue;
    }
    // Answered from something other than a FAQ entry is a miss of a FAQ
    // row, not a wrong entry; answering a NONE row is wrong either way.
    if (reply->answered && (off_topic || !reply->faq_id.empty())) {
      ++result.wrong_answers;
      if (reply->confidence >= kConfidentAnswer) ++result.confident_wrong_answers;
    }
    result.misses.push_back({labelled, got, reply->confidence});
  }
  return result;
}

bool IsRightAskReply(const LabelledCase& labelled, const AskReply& reply) {
  if (labelled.expected == kNoAnswer) return !reply.answered;
  return reply.answered && ContainsAnyPhrase(reply.answer, SplitExpectedPhrases(labelled.expected));
}

AskResult RunAskSet(const std::vector<LabelledCase>& cases, EvalBackend& backend) {
  AskResult result;
  for (const LabelledCase& labelled : cases) {
    const bool not_covered = labelled.expected == kNoAnswer;
    Tally& tally = labelled.overridden ? result.overridden
                                       : (not_covered ? result.not_covered : result.answerable);
    ++tally.total;
    absl::StatusOr<AskReply> reply = backend.Ask(labelled.input);
    if (!reply.ok()) {
      result.misses.push_back({labelled, reply.status().ToString(), -1});
      continue;
    }
    result.outcomes.push_back(
        {labelled, DescribeAskReply(*reply, kOutcomeAnswerBytes), reply->confidence});
    if (IsRightAskReply(labelled, *reply)) {
      ++tally.correct;
      continue;
    }
    if (reply->answered && reply->confidence >= kConfidentAnswer) {
      ++result.confident_wrong_answers;
    }
    result.misses.push_back(
        {labelled, DescribeAskReply(*reply, kMissAnswerBytes), reply->confidence});
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
    Tally& tally = labelled.overridden ? result.overridden : result.cases;
    ++tally.total;
    absl::StatusOr<std::string> name = backend.LookupFramework(labelled.input);
    const std::string got = name.ok() ? *name : CodeName(name.status());
    if (got == labelled.expected) {
      ++tally.correct;
    } else {
      result.misses.push_back({labelled, name.ok() ? got : name.status().ToString(), -1});
    }
  }
  return result;
}

}  // namespace advisor::eval

#include "service/engines/expected_answer.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "absl/strings/ascii.h"

namespace advisor::engines {
namespace {

// Words that say something came out; near a year, they state a release.
bool IsReleaseWord(absl::string_view word) {
  static constexpr absl::string_view kWords[] = {
      "release",   "released",  "releases", "launch",   "launched", "introduced", "debut",
      "debuted",   "published", "came",     "come",     "out",      "appeared",   "first",
      "announced", "shipped",   "born",     "unveiled", "initial",  "available"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

bool IsYear(absl::string_view word) {
  if (word.size() != 4 || !std::all_of(word.begin(), word.end(), absl::ascii_isdigit)) {
    return false;
  }
  const int year =
      (word[0] - '0') * 1000 + (word[1] - '0') * 100 + (word[2] - '0') * 10 + (word[3] - '0');
  return year >= 1950 && year <= 2099;
}

// Whether `text` states a count or amount: a number in digits that is not
// a year, not part of a version ("Apache 2.0") and not part of a word.
bool StatesAmount(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!absl::ascii_isdigit(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && absl::ascii_isdigit(text[end])) ++end;
    const bool in_version =
        (i > 0 && text[i - 1] == '.') ||
        (end + 1 < text.size() && text[end] == '.' && absl::ascii_isdigit(text[end + 1]));
    const bool in_word =
        (i > 0 && absl::ascii_isalpha(text[i - 1])) ||
        (end < text.size() && (absl::ascii_isalpha(text[end]) || text[end] == '_'));
    if (!in_version && !in_word && !IsYear(text.substr(i, end - i))) return true;
    i = end;
  }
  return false;
}

// How many words apart a year and a release word may stand and still be
// one statement ("first released in 2015": 2).
constexpr size_t kReleaseWindow = 4;

}  // namespace

ExpectedAnswer ExpectedAnswerOf(const text::FoldedWords& question) {
  const std::vector<absl::string_view>& words = question.words;
  bool year = false;
  bool release = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const absl::string_view word = words[i];
    const absl::string_view next = i + 1 < words.size() ? words[i + 1] : absl::string_view();
    if (word == "how" && (next == "much" || next == "many" || next == "long")) {
      return ExpectedAnswer::kAmount;
    }
    if ((word == "what" || word == "which") &&
        (next == "percentage" || next == "percent" || next == "share")) {
      return ExpectedAnswer::kAmount;
    }
    if (word == "when" || ((word == "what" || word == "which") && next == "year") ||
        (word == "since" && next == "when")) {
      year = true;
    }
    if (IsReleaseWord(word)) release = true;
  }
  if (!year) return ExpectedAnswer::kAnything;
  return release ? ExpectedAnswer::kReleaseYear : ExpectedAnswer::kYear;
}

bool HoldsExpectedAnswer(absl::string_view text, ExpectedAnswer expected) {
  if (expected == ExpectedAnswer::kAnything) return true;
  if (expected == ExpectedAnswer::kAmount) return StatesAmount(text);
  thread_local text::FoldedWords folded;
  text::FoldWordsInto(text, &folded);
  const std::vector<absl::string_view>& words = folded.words;
  for (size_t i = 0; i < words.size(); ++i) {
    switch (expected) {
      case ExpectedAnswer::kYear:
        if (IsYear(words[i])) return true;
        break;
      case ExpectedAnswer::kReleaseYear: {
        if (!IsYear(words[i])) break;
        const size_t first = i > kReleaseWindow ? i - kReleaseWindow : 0;
        const size_t last = std::min(words.size(), i + kReleaseWindow + 1);
        for (size_t j = first; j < last; ++j) {
          if (IsReleaseWord(words[j])) return true;
        }
        break;
      }
      case ExpectedAnswer::kAmount:
      case ExpectedAnswer::kAnything:
        return true;
    }
  }
  return false;
}

absl::string_view ExpectedAnswerName(ExpectedAnswer expected) {
  switch (expected) {
    case ExpectedAnswer::kYear:
      return "a year";
    case ExpectedAnswer::kReleaseYear:
      return "a release year";
    case ExpectedAnswer::kAmount:
      return "an amount";
    case ExpectedAnswer::kAnything:
      break;
  }
  return "anything";
}

}  // namespace advisor::engines

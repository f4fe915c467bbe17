#ifndef ADVISOR_SERVICE_ENGINES_EXPECTED_ANSWER_H_
#define ADVISOR_SERVICE_ENGINES_EXPECTED_ANSWER_H_

#include "absl/strings/string_view.h"

#include "service/text/tokenizer.h"

namespace advisor::engines {

// The kind of value a question asks for, when its wording says so: an
// answer that does not hold such a value does not answer it, however well
// its words match ("when was PyTorch first released" is not answered by a
// note on PyTorch's 2022 move to a foundation; "how much do TensorFlow
// developers make" not by "Google").
enum class ExpectedAnswer {
  // The wording does not say: the words decide.
  kAnything,
  // "when", "what year", "since when": a year.
  kYear,
  // A year with a release word ("when was X released", "what year did X
  // come out"): a year stated as a release.
  kReleaseYear,
  // "how much", "how many", "what percentage", "how long": a number.
  kAmount,
};

// What the question proper (folded words, as text::FoldWordsInto gives
// them) asks for.
ExpectedAnswer ExpectedAnswerOf(const text::FoldedWords& question);

// Whether `text` (a candidate answer) holds the kind of value `expected`
// asks for: a year from 1950 to 2099 (kYear); such a year within a few
// words of a release word (kReleaseYear: "first released in 2015", "Keras
// 3, released in 2023"); a number in digits (kAmount). True for kAnything.
bool HoldsExpectedAnswer(absl::string_view text, ExpectedAnswer expected);

// For people: "a year", "a release year", "an amount", "anything".
absl::string_view ExpectedAnswerName(ExpectedAnswer expected);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_EXPECTED_ANSWER_H_

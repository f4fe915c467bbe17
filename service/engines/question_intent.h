#ifndef ADVISOR_SERVICE_ENGINES_QUESTION_INTENT_H_
#define ADVISOR_SERVICE_ENGINES_QUESTION_INTENT_H_

#include <string>

#include "absl/strings/string_view.h"

#include "service/text/tokenizer.h"

namespace advisor::engines {

// What kind of fact a question asks for, when its wording says so.
enum class AskedFor {
  // Nothing in particular: the words decide.
  kAnything,
  // Who develops, created or maintains something ("who made PyTorch",
  // "TensorFlow comes from which company").
  kDeveloper,
  // Where to find it online ("official site of Keras", "TF docs").
  kWebsite,
  // What it is ("what is Keras", "describe PyTorch", "TensorFlow overview").
  kSummary,
  // How things compare ("PyTorch vs TensorFlow", "difference between").
  kComparison,
  // Which framework suits someone ("which framework do banks use", "best
  // library for a startup"): the hiring pattern of whoever is named.
  kFrameworkChoice,
  // What something is for ("what is Keras best for", "who is TensorFlow
  // suited for"): a framework's best uses.
  kUse,
  // When it came out and how it came about ("when was TensorFlow
  // released", "Keras history"): a framework's notes.
  kHistory,
};

// A question's kind and what is left of it once the words that only say
// the kind are taken out.
struct QuestionIntent {
  AskedFor asked_for = AskedFor::kAnything;
  // The question's folded words without those that signalled `asked_for`,
  // joined by spaces: what the fact asked for must still account for.
  // Empty when it is kAnything (nothing to account for).
  std::string rest;
};

// The question proper: `question` without a preamble about the asker ("I
// have used TensorFlow for years. Do employers expect more?" -> "Do
// employers expect more?"). The part from the sentence that ends in the
// last question mark (else the last sentence) to the end; all of
// `question` when it is one sentence.
absl::string_view QuestionProper(absl::string_view question);

// Reads the kind of a question from its wording (English cue words and
// phrases, after Unicode folding). Plain rules, no knowledge base: whether
// the question names a framework is for the caller to check.
QuestionIntent ReadQuestionIntent(absl::string_view question);

// As above, for a question already folded into words (text::FoldWordsInto).
QuestionIntent ReadQuestionIntent(const text::FoldedWords& folded);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_QUESTION_INTENT_H_

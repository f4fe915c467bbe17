#ifndef ADVISOR_SERVICE_TEXT_TEXT_ANALYZER_H_
#define ADVISOR_SERVICE_TEXT_TEXT_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

#include "service/text/tokenizer.h"

namespace advisor::text {

// Identifies a term in one TextAnalyzer's lexicon: a word's stem, or the
// meaning shared by a synonym group ("dl", "deep-learning" and "deep
// learning" are one term). Dense: 0 <= id < TextAnalyzer::term_count().
using TermId = int32_t;

// One meaningful term found in a text.
struct AnalyzedTerm {
  TermId id = 0;
  // True when the word was misspelt and read as the closest known word.
  bool corrected = false;
};

// The meaningful content of a text: what matching compares.
struct Analysis {
  // Known terms in text order (repeats kept); stop words removed.
  std::vector<AnalyzedTerm> terms;
  // Words that are neither stop words nor in the lexicon (folded). They
  // tell a question the knowledge base cannot answer from one it can.
  std::vector<std::string> unknown_words;

  void Clear() {
    terms.clear();
    unknown_words.clear();
  }
};

// Turns free text into terms for matching: Unicode folding (see FoldText),
// tokenising, typo correction against the lexicon's vocabulary, stemming,
// synonym and multi-word phrase mapping (longest phrase wins) and stop word
// removal. Built once by TextAnalyzer::Builder, then immutable and safe to
// share between threads.
class TextAnalyzer {
 public:
  class Builder;

  TextAnalyzer(TextAnalyzer&& other) noexcept;
  TextAnalyzer& operator=(TextAnalyzer&& other) noexcept;
  ~TextAnalyzer();

  // Analyses `text` (UTF-8; invalid bytes separate words) into `out`,
  // reusing its buffers.
  void AnalyzeInto(absl::string_view text, Analysis* out) const;

  // As AnalyzeInto, for text already folded into words by FoldWordsInto
  // (so a caller that reads the words too folds them once).
  void AnalyzeFoldedInto(const FoldedWords& words, Analysis* out) const;

  // As AnalyzeInto, returning a fresh Analysis.
  Analysis Analyze(absl::string_view text) const;

  // The terms of `text` as readable strings (see TermText), for tests and
  // diagnostics; unknown words follow, prefixed with "?".
  std::vector<std::string> AnalyzeToStrings(absl::string_view text) const;

  // A readable form of a term: the synonym group's canonical text, or the
  // word's stem. Empty for an id out of range.
  const std::string& TermText(TermId id) const;

  // Number of terms in the lexicon.
  int term_count() const;

  // The term a phrase (e.g. a synonym's canonical text) is read as, or -1
  // when it is not exactly one known term.
  TermId FindTerm(absl::string_view phrase) const;

 private:
  struct Lexicon;
  explicit TextAnalyzer(std::unique_ptr<const Lexicon> lexicon);

  std::unique_ptr<const Lexicon> lexicon_;
};

// Collects the lexicon of a TextAnalyzer. Not thread-safe; use once.
class TextAnalyzer::Builder {
 public:
  // Starts empty: no stop words, synonyms or vocabulary (the answerer adds
  // the built-in lexicon's and the knowledge base's).
  Builder();
  ~Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  // Makes one word a stop word: it never counts for matching.
  Builder& AddStopWord(absl::string_view word);

  // Makes every term (a word or a multi-word phrase) read as `canonical`.
  // Stop words inside a phrase are kept ("new to", "more than one"). When a
  // term is in several groups, the first group wins.
  Builder& AddSynonyms(absl::string_view canonical, const std::vector<std::string>& terms);

  // Makes the words of `text` known: they get terms, and misspellings are
  // corrected towards them.
  Builder& AddVocabulary(absl::string_view text);

  // The finished analyzer. Texts that are not valid UTF-8 were ignored.
  TextAnalyzer Build();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_TEXT_ANALYZER_H_

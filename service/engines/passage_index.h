#ifndef ADVISOR_SERVICE_ENGINES_PASSAGE_INDEX_H_
#define ADVISOR_SERVICE_ENGINES_PASSAGE_INDEX_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "service/text/text_analyzer.h"

namespace advisor::engines {

// The texts of one passage, by how much a match in them says.
struct PassageFields {
  // Says most about what the passage answers: a FAQ entry's question, a
  // section heading, a framework's name.
  std::string title;
  // The passage itself: what an answer is taken from.
  std::string text;
  // Related wording that helps match other phrasings but weighs least.
  std::vector<std::string> context;
};

// How much a term of a question's preamble counts, as a share of its
// weight: it may say who asks, but the question proper says what is asked.
inline constexpr double kContextTermShare = 0.25;

// A passage that may answer a question.
struct PassageMatch {
  int32_t passage = 0;
  // In [0, 1]; see PassageIndex.
  double confidence = 0;
  // Which of the question's distinct terms (in increasing TermId order, the
  // first 64) the passage's title or text holds: bit i for the i-th.
  uint64_t matched_terms = 0;
};

// An inverted index of passages with BM25F weights (title > text >
// context), built once, then immutable and safe to share between threads;
// a search visits only the postings of the question's terms.
//
// The confidence is calibrated rather than a raw score: it is high only
// when the passage explains most of the question's weight (words no passage
// holds, like "pasta" or "install", count against it), the matched words
// are specific enough (one common word is not), and the BM25F score
// approaches that of the passage's own title. Hence ~1 for a FAQ entry's
// own question, ~0.3-0.8 for paraphrases and < 0.1 for unrelated questions.
class PassageIndex {
 public:
  // Indexes `passages` with `analyzer`, which must know their vocabulary.
  // `emphasized` terms (framework names) weigh at least
  // kEmphasizedWeightShare of the rarest word: with few passages, idf
  // underrates what every passage names.
  PassageIndex(const text::TextAnalyzer& analyzer, const std::vector<PassageFields>& passages,
               const std::vector<text::TermId>& emphasized);

  // The best `limit` passages for a question's analysis, best first (ties
  // in passage order), each with a confidence of at least `min_confidence`.
  // The first `context_terms` terms of the analysis only set the scene (a
  // preamble about the asker): they count kContextTermShare of their weight
  // unless the question proper holds them too. Only passages that could
  // reach `candidate_confidence` through the words they hold are looked for
  // (others may still be returned when found through their heavier words):
  // the higher it is, the fewer common words' postings a search walks.
  void Search(const text::Analysis& question, size_t limit, double min_confidence,
              std::vector<PassageMatch>* out, size_t context_terms = 0,
              double candidate_confidence = 0) const;

  // How much a term of a question counts (idf with floors); a term no
  // passage holds counts as unknown_weight().
  double QuestionWeight(text::TermId term) const;
  // How much a question word no passage holds counts against every passage.
  double unknown_weight() const { return unknown_weight_; }
  // True when some passage holds `term`.
  bool Holds(text::TermId term) const;
  size_t size() const { return self_score_.size(); }

 private:
  // One passage holding a term, with everything a question needs.
  struct Posting {
    int32_t passage = 0;
    // BM25F's saturated, field-weighted term frequency: times idf, the
    // term's score for the passage.
    float saturated = 0;
    // Coverage credit of the best field holding the term.
    float credit = 0;
    // Whether the title or text holds it, not only the context.
    bool stated = false;
  };

  // How sure matched weight `covered` makes a passage, in [0, 1): the
  // confidence's evidence factor, which CoveredNeeded bounds too.
  double Evidence(double covered) const;

  // The least matched weight with which a passage of a question weighing
  // `total_weight` could reach `confidence`; more than total_weight when
  // none can.
  double CoveredNeeded(double confidence, double total_weight, double word_factor) const;

  // The first posting from `from` on (in passage order) of `passage` or a
  // later passage; `end` when there is none.
  static std::vector<Posting>::const_iterator FindPostingFrom(
      std::vector<Posting>::const_iterator from, std::vector<Posting>::const_iterator end,
      int32_t passage);
  // The posting of `passage` in a term's `postings` (in passage order), or
  // null when the passage does not hold the term.
  static const Posting* FindPosting(const std::vector<Posting>& postings, int32_t passage);

  // By term: the passages holding it, in passage order.
  std::vector<std::vector<Posting>> postings_;
  // By term: inverse document frequency; 0 when no passage holds it.
  std::vector<double> idf_;
  // By term: how much it counts for coverage and evidence (idf with floors).
  std::vector<double> weight_;
  // By passage: the BM25F score of its own title, the most a paraphrase
  // can be expected to reach (its text's when it has no title).
  std::vector<double> self_score_;
  double unknown_weight_ = 1;
  // Matched weight at which the evidence for a passage is about 63 % sure;
  // below it evidence falls fast (quadratically), so one common word is
  // never enough.
  double evidence_scale_ = 1;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_PASSAGE_INDEX_H_

#include "service/engines/passage_index.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

namespace advisor::engines {
namespace {

using text::TermId;

// The fields of a passage a question is matched against.
enum Field { kTitle = 0, kText = 1, kContext = 2, kFieldCount = 3 };

// BM25F: a term in the passage's title says most about what it answers;
// the text and context help with other wordings.
constexpr std::array<double, kFieldCount> kFieldWeight = {3.0, 1.5, 1.0};
constexpr std::array<double, kFieldCount> kLengthNormalisation = {0.5, 0.75, 0.75};
constexpr double kSaturation = 1.2;  // BM25's k1.

// How much of a question word a passage explains when it has the word in a
// field, for the coverage part of the confidence.
constexpr std::array<double, kFieldCount> kCoverageCredit = {1.0, 0.9, 0.75};
// A word of a long text says less about what the text answers than one of
// a sentence: past this many terms, the text's credit falls with the
// square root of its length (a 80-term paragraph gets half).
constexpr double kPreciseTextLength = 20;
// A corrected misspelling is slightly less certain than the word itself.
constexpr double kCorrectedCredit = 0.9;
// Weight of a question word no passage holds, as a share of the rarest
// indexed word's: high, since foreign words are the sign of a question the
// knowledge base does not cover, but not so high that one filler word
// ("place", "teams") sinks a paraphrase.
constexpr double kUnknownWeightShare = 0.8;
// Terms found in every passage still carry a little weight.
constexpr double kMinTermWeightShare = 0.05;
// Emphasized terms (framework names) weigh at least this share of the
// rarest word.
constexpr double kEmphasizedWeightShare = 0.75;
// Matched weight (as a share of the rarest word's) at which the evidence
// for a passage is about 63 % sure.
constexpr double kEvidenceScaleShare = 0.7;
// How many postings scanning one costs as much as looking up one passage.
constexpr size_t kLookupCost = 16;
// A question of one word ("keras?", "startups") is too vague to be sure of
// any passage, however well that word matches.
constexpr double kSingleWordFactor = 0.5;

// One distinct term of a question.
struct QueryTerm {
  TermId id = 0;
  bool corrected = false;
  // Only in the preamble.
  bool context = false;
  // Its bit in PassageMatch::matched_terms (0 past the 64th term).
  uint64_t bit = 0;
  // Its weight for coverage and evidence, corrections discounted.
  double weight = 0;
  // Whether a search walks its postings for candidates.
  bool essential = false;
};

// Distinct terms of an analysis, by id; a term counts as corrected only
// when every occurrence was, as context only when every occurrence is one
// of the first `context_terms`.
void DistinctTerms(const text::Analysis& analysis, size_t context_terms,
                   std::vector<QueryTerm>* out) {
  out->clear();
  for (size_t i = 0; i < analysis.terms.size(); ++i) {
    const text::AnalyzedTerm& term = analysis.terms[i];
    out->push_back({term.id, term.corrected, i < context_terms});
  }
  std::sort(out->begin(), out->end(), [](const QueryTerm& a, const QueryTerm& b) {
    if (a.id != b.id) return a.id < b.id;
    if (a.context != b.context) return b.context;  // The question proper's first.
    return !a.corrected && b.corrected;            // Uncorrected first.
  });
  out->erase(std::unique(out->begin(), out->end(),
                         [](const QueryTerm& a, const QueryTerm& b) { return a.id == b.id; }),
             out->end());
  for (size_t i = 0; i < out->size() && i < 64; ++i) (*out)[i].bit = uint64_t{1} << i;
}

int DistinctCount(std::vector<std::string>* words) {
  std::sort(words->begin(), words->end());
  return static_cast<int>(std::unique(words->begin(), words->end()) - words->begin());
}

// What a search adds up for one passage; together, so a posting touches
// one cache line.
struct Accumulator {
  double score = 0;
  double covered = 0;
  uint64_t matched = 0;
};

// Per-thread buffers for one search, so searching allocates little.
struct Scratch {
  std::vector<std::string> unknown_words;
  std::vector<QueryTerm> terms;
  // By passage, zero between searches.
  std::vector<Accumulator> accumulators;
  std::vector<int32_t> touched;
  std::vector<PassageMatch> candidates;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

PassageIndex::PassageIndex(const text::TextAnalyzer& analyzer,
                           const std::vector<PassageFields>& passages,
                           const std::vector<TermId>& emphasized) {
  const auto term_count = static_cast<size_t>(analyzer.term_count());
  const auto passage_count = static_cast<int32_t>(passages.size());
  postings_.resize(term_count);
  std::vector<std::array<float, kFieldCount>> field_length(passages.size());

  // Term frequencies per field first; postings need the average lengths.
  struct Frequencies {
    int32_t passage;
    std::array<float, kFieldCount> count;
  };
  std::vector<std::vector<Frequencies>> frequencies(term_count);
  std::array<double, kFieldCount> total_length = {0, 0, 0};
  std::array<text::Analysis, kFieldCount> fields;
  text::Analysis passage_context;
  for (int32_t p = 0; p < passage_count; ++p) {
    const PassageFields& passage = passages[p];
    analyzer.AnalyzeInto(passage.title, &fields[kTitle]);
    analyzer.AnalyzeInto(passage.text, &fields[kText]);
    fields[kContext].Clear();
    for (const std::string& context : passage.context) {
      analyzer.AnalyzeInto(context, &passage_context);
      fields[kContext].terms.insert(fields[kContext].terms.end(), passage_context.terms.begin(),
                                    passage_context.terms.end());
    }
    for (int field = 0; field < kFieldCount; ++field) {
      field_length[p][field] = static_cast<float>(fields[field].terms.size());
      total_length[field] += static_cast<double>(fields[field].terms.size());
      for (const text::AnalyzedTerm& term : fields[field].terms) {
        std::vector<Frequencies>& list = frequencies[term.id];
        if (list.empty() || list.back().passage != p) list.push_back({p, {0, 0, 0}});
        list.back().count[field] += 1;
      }
    }
  }
  std::array<double, kFieldCount> average_length = {1, 1, 1};
  for (int field = 0; field < kFieldCount; ++field) {
    if (passage_count > 0 && total_length[field] > 0) {
      average_length[field] = total_length[field] / passage_count;
    }
  }
  for (size_t term = 0; term < term_count; ++term) {
    for (const Frequencies& holding : frequencies[term]) {
      double frequency = 0;
      float credit = 0;
      for (int field = 0; field < kFieldCount; ++field) {
        if (holding.count[field] == 0) continue;
        const double b = kLengthNormalisation[field];
        const double length_ratio = field_length[holding.passage][field] / average_length[field];
        frequency += kFieldWeight[field] * holding.count[field] / (1 - b + b * length_ratio);
        double field_credit = kCoverageCredit[field];
        const double length = field_length[holding.passage][field];
        if (field == kText && length > kPreciseTextLength) {
          field_credit *= std::sqrt(kPreciseTextLength / length);
        }
        credit = std::max(credit, static_cast<float>(field_credit));
      }
      const bool stated = holding.count[kTitle] > 0 || holding.count[kText] > 0;
      postings_[term].push_back({holding.passage,
                                 static_cast<float>(frequency / (kSaturation + frequency)), credit,
                                 stated});
    }
  }

  // Okapi BM25 inverse document frequency, always positive.
  const double n = passage_count;
  auto idf_of = [n](double holding) { return std::log(1 + (n - holding + 0.5) / (holding + 0.5)); };
  idf_.resize(term_count, 0);
  for (size_t term = 0; term < term_count; ++term) {
    const auto holding = static_cast<double>(postings_[term].size());
    if (holding > 0) idf_[term] = idf_of(holding);
  }
  const double rarest = idf_of(1);
  unknown_weight_ = kUnknownWeightShare * rarest;
  evidence_scale_ = kEvidenceScaleShare * rarest;
  weight_.resize(term_count, 0);
  for (size_t term = 0; term < term_count; ++term) {
    weight_[term] = std::max(idf_[term], kMinTermWeightShare * rarest);
  }
  for (const TermId term : emphasized) {
    if (term >= 0 && static_cast<size_t>(term) < term_count && !postings_[term].empty()) {
      weight_[term] = std::max(weight_[term], kEmphasizedWeightShare * rarest);
    }
  }

  self_score_.resize(passages.size(), 0);
  std::vector<QueryTerm> terms;
  for (int32_t p = 0; p < passage_count; ++p) {
    const PassageFields& passage = passages[p];
    DistinctTerms(analyzer.Analyze(passage.title.empty() ? passage.text : passage.title), 0,
                  &terms);
    for (const QueryTerm& term : terms) {
      if (const Posting* posting = FindPosting(postings_[term.id], p)) {
        self_score_[p] += idf_[term.id] * posting->saturated;
      }
    }
  }
}

const PassageIndex::Posting* PassageIndex::FindPosting(const std::vector<Posting>& postings,
                                                       int32_t passage) {
  const auto it = std::lower_bound(
      postings.begin(), postings.end(), passage,
      [](const Posting& posting, int32_t wanted) { return posting.passage < wanted; });
  return it != postings.end() && it->passage == passage ? &*it : nullptr;
}

std::vector<PassageIndex::Posting>::const_iterator PassageIndex::FindPostingFrom(
    std::vector<Posting>::const_iterator from, std::vector<Posting>::const_iterator end,
    int32_t passage) {
  // Galloping: the next candidate is usually near, so the range to bisect
  // doubles from `from` until it holds `passage`.
  auto less = [](const Posting& posting, int32_t wanted) { return posting.passage < wanted; };
  size_t step = 1;
  auto low = from;
  while (static_cast<size_t>(end - low) > step && (low + step)->passage < passage) {
    low += step;
    step *= 2;
  }
  const auto high = static_cast<size_t>(end - low) > step ? low + step + 1 : end;
  return std::lower_bound(low, high, passage, less);
}

double PassageIndex::Evidence(double covered) const {
  const double ratio = covered / evidence_scale_;
  return 1 - std::exp(-ratio * ratio);
}

double PassageIndex::CoveredNeeded(double confidence, double total_weight,
                                   double word_factor) const {
  // The most a passage of matched weight c can be sure of (agreement at
  // its best), increasing in c: its least c reaching `confidence`, found by
  // bisection and rounded down so that no passage that could reach it is
  // lost. Beyond total_weight (nothing can) when even c = total_weight
  // falls short.
  const auto most_sure = [&](double covered) {
    const double coverage = std::min(1.0, covered / total_weight);
    return coverage * coverage * Evidence(covered) * word_factor;
  };
  if (confidence <= 0) return 0;
  if (most_sure(total_weight) < confidence) return 2 * total_weight + 1;
  // Evidence is at most 1, so no less than this; when the evidence there is
  // already nearly sure, it is close enough.
  double low = std::sqrt(confidence / word_factor) * total_weight;
  if (Evidence(low) > 0.99) return low;
  double high = total_weight;
  for (int step = 0; step < 16; ++step) {
    const double middle = (low + high) / 2;
    (most_sure(middle) < confidence ? low : high) = middle;
  }
  return low;
}

double PassageIndex::QuestionWeight(TermId term) const {
  return Holds(term) ? weight_[term] : unknown_weight_;
}

bool PassageIndex::Holds(TermId term) const {
  return term >= 0 && static_cast<size_t>(term) < postings_.size() && !postings_[term].empty();
}

void PassageIndex::Search(const text::Analysis& question, size_t limit, double min_confidence,
                          std::vector<PassageMatch>* out, size_t context_terms,
                          double candidate_confidence) const {
  out->clear();
  Scratch& scratch = ThreadScratch();
  DistinctTerms(question, context_terms, &scratch.terms);
  scratch.unknown_words.assign(question.unknown_words.begin(), question.unknown_words.end());
  const int unknown_count = DistinctCount(&scratch.unknown_words);

  double total_weight = unknown_count * unknown_weight_;
  for (QueryTerm& term : scratch.terms) {
    if (postings_[term.id].empty()) {
      // Known to the lexicon (from a synonym group) but held by no passage:
      // as foreign as an unknown word ("install", "how to").
      total_weight += term.context ? kContextTermShare * unknown_weight_ : unknown_weight_;
      term.weight = 0;
    } else {
      const double share = term.context ? kContextTermShare : 1;
      total_weight += share * weight_[term.id];
      term.weight = share * weight_[term.id] * (term.corrected ? kCorrectedCredit : 1);
    }
  }
  if (scratch.terms.empty() || total_weight <= 0 || limit == 0) return;

  // Accumulate BM25F scores and covered weight over the postings of the
  // question's terms only: passages sharing no term are never visited.
  const double word_factor =
      question.terms.size() + static_cast<size_t>(unknown_count) == 1 ? kSingleWordFactor : 1.0;
  const double bar =
      CoveredNeeded(std::max(min_confidence, candidate_confidence), total_weight, word_factor);
  // Not even a passage holding every word could be sure enough: a question
  // of common words only ("which one is the best?").
  if (bar > total_weight) return;
  // Terms whose weights together fall short of the bar are "non-essential":
  // a passage holding only them cannot be a candidate, so they add to
  // passages found through the other, essential terms but bring in none of
  // their own. The longest lists are made non-essential first, as long as
  // they fit under the bar, so that the lists walked for candidates are the
  // short ones: a framework name that most passages hold is not walked when
  // it needs another word of the question to reach the bar anyway.
  std::sort(scratch.terms.begin(), scratch.terms.end(),
            [&](const QueryTerm& a, const QueryTerm& b) {
              return postings_[a.id].size() > postings_[b.id].size();
            });
  double light = 0;
  for (QueryTerm& term : scratch.terms) {
    term.essential = light + term.weight >= bar;
    if (!term.essential) light += term.weight;
  }
  // Non-essential terms first, lightest first; then the essential ones.
  std::sort(scratch.terms.begin(), scratch.terms.end(), [](const QueryTerm& a, const QueryTerm& b) {
    if (a.essential != b.essential) return b.essential;
    return a.weight < b.weight;
  });
  const auto non_essential =
      static_cast<size_t>(std::find_if(scratch.terms.begin(), scratch.terms.end(),
                                       [](const QueryTerm& term) { return term.essential; }) -
                          scratch.terms.begin());

  std::vector<Accumulator>& accumulators = scratch.accumulators;
  if (accumulators.size() < self_score_.size()) accumulators.resize(self_score_.size());
  scratch.touched.clear();
  auto add = [&](const QueryTerm& term, const Posting& posting) {
    Accumulator& accumulator = accumulators[posting.passage];
    accumulator.score += idf_[term.id] * posting.saturated;
    accumulator.covered += term.weight * posting.credit;
    if (posting.stated) accumulator.matched |= term.bit;
  };
  for (size_t t = scratch.terms.size(); t-- > non_essential;) {
    const QueryTerm& term = scratch.terms[t];
    if (term.weight == 0) continue;
    for (const Posting& posting : postings_[term.id]) {
      if (accumulators[posting.passage].covered == 0) scratch.touched.push_back(posting.passage);
      add(term, posting);
    }
  }
  // The non-essential terms, heaviest first: before each, a passage that
  // the terms still to come cannot lift to candidate_confidence is dropped,
  // so the bar rises with every term and the (long) lists of the lightest
  // terms are mostly looked up rather than walked.
  // Pruning keeps the order of the candidates, so they are sorted once.
  bool touched_in_order = false;
  // No candidate has less covered weight than this (adding only raises
  // it), so a bar no higher prunes nothing and skips the pass.
  double least_covered = 0;
  double remaining_weight = 0;
  for (size_t t = 0; t < non_essential; ++t) remaining_weight += scratch.terms[t].weight;
  for (size_t t = non_essential; t-- > 0;) {
    const QueryTerm& term = scratch.terms[t];
    if (const double needed = bar - remaining_weight; needed > least_covered) {
      size_t kept = 0;
      least_covered = bar;
      for (const int32_t passage : scratch.touched) {
        if (const double covered = accumulators[passage].covered; covered >= needed) {
          least_covered = std::min(least_covered, covered);
          scratch.touched[kept++] = passage;
        } else {
          accumulators[passage] = Accumulator();
        }
      }
      scratch.touched.resize(kept);
    }
    remaining_weight -= term.weight;
    if (term.weight == 0 || scratch.touched.empty()) continue;
    const std::vector<Posting>& postings = postings_[term.id];
    if (scratch.touched.size() * kLookupCost < postings.size()) {
      // Few candidates, a long list: look the candidates up in passage
      // order, each from where the last was found.
      if (!touched_in_order) {
        std::sort(scratch.touched.begin(), scratch.touched.end());
        touched_in_order = true;
      }
      auto from = postings.begin();
      for (const int32_t passage : scratch.touched) {
        from = FindPostingFrom(from, postings.end(), passage);
        if (from == postings.end()) break;
        if (from->passage == passage) add(term, *from);
      }
    } else {
      for (const Posting& posting : postings) {
        if (accumulators[posting.passage].covered > 0) add(term, posting);
      }
    }
  }

  // Confidence = coverage^2 * evidence * agreement:
  //  - coverage: the share of the question's weight the passage explains,
  //    so one shared word among several foreign ones stays low;
  //  - evidence: saturating in the matched weight, so a single common word
  //    ("framework") is not enough even when it is all the question says;
  //  - agreement: the BM25F score relative to the passage's own title.
  // Best first; ties in passage order. A total order, so keeping the best
  // few as we go picks exactly what sorting all candidates would.
  const auto better = [](const PassageMatch& a, const PassageMatch& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.passage < b.passage;
  };
  // The best `limit` candidates so far, as a heap whose front is the worst
  // of them: a candidate whose upper bound (evidence, at most 1, left out)
  // cannot beat it skips its Evidence() (an exp()), which on a large knowledge base
  // is most of the cost of a question.
  std::vector<PassageMatch>& candidates = scratch.candidates;
  candidates.clear();
  for (const int32_t passage : scratch.touched) {
    const Accumulator accumulator = std::exchange(accumulators[passage], Accumulator());
    const double covered = accumulator.covered;
    const double score = accumulator.score;
    const uint64_t matched = accumulator.matched;
    const double coverage = std::min(1.0, covered / total_weight);
    const double agreement =
        self_score_[passage] > 0 ? std::min(1.0, score / self_score_[passage]) : 0;
    const double bound = coverage * coverage * (0.6 + 0.4 * agreement) * word_factor;
    if (bound < min_confidence) continue;
    if (candidates.size() == limit && bound < candidates.front().confidence) continue;
    const double confidence = bound * Evidence(covered);
    const PassageMatch match{passage, std::clamp(confidence, 0.0, 1.0), matched};
    if (match.confidence < min_confidence) continue;
    if (candidates.size() < limit) {
      candidates.push_back(match);
      std::push_heap(candidates.begin(), candidates.end(), better);
    } else if (better(match, candidates.front())) {
      std::pop_heap(candidates.begin(), candidates.end(), better);
      candidates.back() = match;
      std::push_heap(candidates.begin(), candidates.end(), better);
    }
  }
  std::sort_heap(candidates.begin(), candidates.end(), better);
  out->assign(candidates.begin(), candidates.end());
}

}  // namespace advisor::engines

#include "service/engines/faq_answerer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "service/text/text_analyzer.h"
#include "service/text/text_normalizer.h"

namespace advisor::engines {
namespace {

using advisor::v1::FaqEntry;
using advisor::v1::KnowledgeBase;
using text::TermId;

// The parts of an entry a question is matched against.
enum Field { kQuestion = 0, kAnswer = 1, kContext = 2, kFieldCount = 3 };

// BM25F: a term in the entry's own question says most about what the
// entry answers; the answer and context passages help with other wordings.
constexpr std::array<double, kFieldCount> kFieldWeight = {3.0, 1.5, 1.0};
constexpr std::array<double, kFieldCount> kLengthNormalisation = {0.5, 0.75, 0.75};
constexpr double kSaturation = 1.2;  // BM25's k1.

// How much of a question word an entry explains when it has the word in a
// field, for the coverage part of the confidence.
constexpr std::array<double, kFieldCount> kCoverageCredit = {1.0, 0.9, 0.75};
// A corrected misspelling is slightly less certain than the word itself.
constexpr double kCorrectedCredit = 0.9;
// Weight of a question word no entry holds, as a share of the rarest
// indexed word's: high, since foreign words are the sign of a question the
// knowledge base does not cover, but not so high that one filler word
// ("place", "teams") sinks a paraphrase.
constexpr double kUnknownWeightShare = 0.8;
// Terms found in every entry still carry a little weight.
constexpr double kMinTermWeightShare = 0.05;
// Framework names are what questions are about; with few entries, idf
// underrates them (every answer names frameworks), so they weigh at least
// this share of the rarest word.
constexpr double kFrameworkWeightShare = 0.75;
// Matched weight (as a share of the rarest word's) at which the evidence
// for an entry is about 63 % sure.
constexpr double kEvidenceScaleShare = 0.7;
// How many postings scanning one costs as much as looking up one entry.
constexpr size_t kLookupCost = 16;
// A question of one word ("keras?", "startups") is too vague to be sure of
// any entry, however well that word matches.
constexpr double kSingleWordFactor = 0.5;

// One entry holding a term, with everything a question needs precomputed.
struct Posting {
  int32_t entry = 0;
  // BM25F's saturated, field-weighted term frequency: times idf, the
  // term's score for the entry.
  float saturated = 0;
  // kCoverageCredit of the best field holding the term.
  float credit = 0;
};

// One distinct term of a question.
struct QueryTerm {
  TermId id = 0;
  bool corrected = false;
  // Its weight for coverage and evidence, corrections discounted.
  double weight = 0;
};

// Per-thread buffers for one call, so answering allocates little.
struct Scratch {
  text::Analysis analysis;
  std::vector<QueryTerm> terms;
  std::vector<double> score;
  std::vector<double> covered;
  std::vector<int32_t> touched;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

text::TextAnalyzer BuildAnalyzer(const KnowledgeBase& knowledge_base) {
  text::TextAnalyzer::Builder builder;
  for (const std::string& word : knowledge_base.stop_words()) builder.AddStopWord(word);
  // Framework names first: they win over any synonym group that lists them.
  for (const auto& framework : knowledge_base.frameworks()) {
    std::vector<std::string> names = {framework.id()};
    names.insert(names.end(), framework.aliases().begin(), framework.aliases().end());
    builder.AddSynonyms(framework.display_name(), names);
  }
  for (const auto& group : knowledge_base.synonyms()) {
    builder.AddSynonyms(group.canonical(),
                        std::vector<std::string>(group.terms().begin(), group.terms().end()));
  }
  for (const FaqEntry& faq : knowledge_base.faqs()) {
    builder.AddVocabulary(faq.question());
    builder.AddVocabulary(faq.answer());
    for (const std::string& passage : faq.context()) builder.AddVocabulary(passage);
  }
  return builder.Build();
}

}  // namespace

struct FaqAnswerer::Index {
  explicit Index(const KnowledgeBase& knowledge_base) : analyzer(BuildAnalyzer(knowledge_base)) {}

  text::TextAnalyzer analyzer;
  std::vector<const FaqEntry*> entries;
  // By term: the entries holding it, in entry order.
  std::vector<std::vector<Posting>> postings;
  // By term: inverse document frequency; 0 when no entry holds it.
  std::vector<double> idf;
  // By term: how much it counts for coverage and evidence (idf with floors).
  std::vector<double> weight;
  // By entry: length of each field in terms.
  std::vector<std::array<float, kFieldCount>> field_length;
  std::array<double, kFieldCount> average_length = {1, 1, 1};
  // By entry: the BM25F score of its own question, the most a paraphrase
  // can be expected to reach.
  std::vector<double> self_score;
  // Weight of a question word no entry holds (see kUnknownWeightShare).
  double unknown_weight = 1;
  // Matched weight at which the evidence for an entry is about 63 % sure;
  // below it evidence falls fast (quadratically), so one common word is
  // never enough.
  double evidence_scale = 1;

  double TermWeight(TermId term) const { return weight[term]; }

  // Distinct terms of an analysis, by id; a term counts as corrected only
  // when every occurrence was.
  static void DistinctTerms(const text::Analysis& analysis, std::vector<QueryTerm>* out) {
    out->clear();
    for (const text::AnalyzedTerm& term : analysis.terms) out->push_back({term.id, term.corrected});
    std::sort(out->begin(), out->end(), [](const QueryTerm& a, const QueryTerm& b) {
      return a.id != b.id ? a.id < b.id : !a.corrected && b.corrected;  // Uncorrected first.
    });
    out->erase(std::unique(out->begin(), out->end(),
                           [](const QueryTerm& a, const QueryTerm& b) { return a.id == b.id; }),
               out->end());
  }

  static int DistinctCount(std::vector<std::string>* words) {
    std::sort(words->begin(), words->end());
    return static_cast<int>(std::unique(words->begin(), words->end()) - words->begin());
  }
};

FaqAnswerer::FaqAnswerer(const KnowledgeBase& knowledge_base) {
  auto index = std::make_unique<Index>(knowledge_base);
  const text::TextAnalyzer& analyzer = index->analyzer;
  const int entry_count = knowledge_base.faqs_size();
  index->postings.resize(analyzer.term_count());
  index->field_length.resize(entry_count);

  // Term frequencies per field first; postings need the average lengths.
  struct Frequencies {
    int32_t entry;
    std::array<float, kFieldCount> count;
  };
  std::vector<std::vector<Frequencies>> frequencies(analyzer.term_count());
  std::array<double, kFieldCount> total_length = {0, 0, 0};
  for (int e = 0; e < entry_count; ++e) {
    const FaqEntry& faq = knowledge_base.faqs(e);
    index->entries.push_back(&faq);
    std::array<text::Analysis, kFieldCount> fields;
    analyzer.AnalyzeInto(faq.question(), &fields[kQuestion]);
    analyzer.AnalyzeInto(faq.answer(), &fields[kAnswer]);
    for (const std::string& passage : faq.context()) {
      const text::Analysis analysis = analyzer.Analyze(passage);
      fields[kContext].terms.insert(fields[kContext].terms.end(), analysis.terms.begin(),
                                    analysis.terms.end());
    }
    for (int field = 0; field < kFieldCount; ++field) {
      index->field_length[e][field] = static_cast<float>(fields[field].terms.size());
      total_length[field] += static_cast<double>(fields[field].terms.size());
      for (const text::AnalyzedTerm& term : fields[field].terms) {
        std::vector<Frequencies>& list = frequencies[term.id];
        if (list.empty() || list.back().entry != e) list.push_back({e, {0, 0, 0}});
        list.back().count[field] += 1;
      }
    }
  }
  for (int field = 0; field < kFieldCount; ++field) {
    if (entry_count > 0 && total_length[field] > 0) {
      index->average_length[field] = total_length[field] / entry_count;
    }
  }
  for (TermId term = 0; term < analyzer.term_count(); ++term) {
    for (const Frequencies& holding : frequencies[term]) {
      double frequency = 0;
      float credit = 0;
      for (int field = 0; field < kFieldCount; ++field) {
        if (holding.count[field] == 0) continue;
        const double b = kLengthNormalisation[field];
        const double length_ratio =
            index->field_length[holding.entry][field] / index->average_length[field];
        frequency += kFieldWeight[field] * holding.count[field] / (1 - b + b * length_ratio);
        credit = std::max(credit, static_cast<float>(kCoverageCredit[field]));
      }
      index->postings[term].push_back(
          {holding.entry, static_cast<float>(frequency / (kSaturation + frequency)), credit});
    }
  }

  // Okapi BM25 inverse document frequency, always positive.
  const double n = entry_count;
  auto idf_of = [n](double holding) { return std::log(1 + (n - holding + 0.5) / (holding + 0.5)); };
  index->idf.resize(analyzer.term_count(), 0);
  for (TermId term = 0; term < analyzer.term_count(); ++term) {
    const auto holding = static_cast<double>(index->postings[term].size());
    if (holding > 0) index->idf[term] = idf_of(holding);
  }
  const double rarest = idf_of(1);
  index->unknown_weight = kUnknownWeightShare * rarest;
  index->evidence_scale = kEvidenceScaleShare * rarest;
  index->weight.resize(analyzer.term_count(), 0);
  for (TermId term = 0; term < analyzer.term_count(); ++term) {
    index->weight[term] = std::max(index->idf[term], kMinTermWeightShare * rarest);
  }
  for (const auto& framework : knowledge_base.frameworks()) {
    const TermId term = analyzer.FindTerm(framework.display_name());
    if (term >= 0 && !index->postings[term].empty()) {
      index->weight[term] = std::max(index->weight[term], kFrameworkWeightShare * rarest);
    }
  }

  index->self_score.resize(entry_count, 0);
  for (int e = 0; e < entry_count; ++e) {
    std::vector<QueryTerm> terms;
    Index::DistinctTerms(analyzer.Analyze(index->entries[e]->question()), &terms);
    for (const QueryTerm& term : terms) {
      for (const Posting& posting : index->postings[term.id]) {
        if (posting.entry == e) index->self_score[e] += index->idf[term.id] * posting.saturated;
      }
    }
  }
  index_ = std::move(index);
}

FaqAnswerer::~FaqAnswerer() = default;

absl::StatusOr<FaqAnswer> FaqAnswerer::Answer(absl::string_view question) const {
  if (absl::Status valid = text::ValidateFreeText(question, "question"); !valid.ok()) {
    return valid;
  }
  const Index& index = *index_;
  Scratch& scratch = ThreadScratch();
  index.analyzer.AnalyzeInto(question, &scratch.analysis);
  Index::DistinctTerms(scratch.analysis, &scratch.terms);
  const int unknown_count = Index::DistinctCount(&scratch.analysis.unknown_words);

  FaqAnswer answer;
  double total_weight = unknown_count * index.unknown_weight;
  for (QueryTerm& term : scratch.terms) {
    if (index.postings[term.id].empty()) {
      // Known to the lexicon (from a synonym group) but held by no entry:
      // as foreign to the FAQ as an unknown word ("install", "how to").
      total_weight += index.unknown_weight;
      term.weight = 0;
    } else {
      total_weight += index.TermWeight(term.id);
      term.weight = index.TermWeight(term.id) * (term.corrected ? kCorrectedCredit : 1);
    }
  }
  if (scratch.terms.empty() || total_weight <= 0) return answer;  // Only stop words or unknowns.

  // Accumulate BM25F scores and covered weight over the postings of the
  // question's terms only: entries sharing no term are never visited.
  // Lightest terms first: as long as their weights add up to too little for
  // an entry holding only them to reach kMinAlternativeConfidence (which
  // confidence <= coverage^2 guarantees), they are "non-essential": they
  // add to entries found through heavier terms but bring in none of their
  // own, so common words do not make every entry a candidate.
  std::sort(scratch.terms.begin(), scratch.terms.end(),
            [](const QueryTerm& a, const QueryTerm& b) { return a.weight < b.weight; });
  const double essential_weight = std::sqrt(kMinAlternativeConfidence) * total_weight;
  size_t non_essential = 0;
  for (double light = 0; non_essential < scratch.terms.size(); ++non_essential) {
    light += scratch.terms[non_essential].weight;
    if (light >= essential_weight) break;
  }

  const size_t entry_count = index.entries.size();
  if (scratch.score.size() < entry_count) {
    scratch.score.resize(entry_count, 0);
    scratch.covered.resize(entry_count, 0);
  }
  scratch.touched.clear();
  auto add = [&](const QueryTerm& term, const Posting& posting) {
    scratch.score[posting.entry] += index.idf[term.id] * posting.saturated;
    scratch.covered[posting.entry] += term.weight * posting.credit;
  };
  for (size_t t = scratch.terms.size(); t-- > non_essential;) {
    const QueryTerm& term = scratch.terms[t];
    if (term.weight == 0) continue;
    for (const Posting& posting : index.postings[term.id]) {
      if (scratch.covered[posting.entry] == 0) scratch.touched.push_back(posting.entry);
      add(term, posting);
    }
  }
  for (size_t t = 0; t < non_essential; ++t) {
    const QueryTerm& term = scratch.terms[t];
    const std::vector<Posting>& postings = index.postings[term.id];
    if (term.weight == 0) continue;
    if (scratch.touched.size() * kLookupCost < postings.size()) {
      // Few candidates, a long list: look each candidate up.
      for (const int32_t entry : scratch.touched) {
        const auto it = std::lower_bound(
            postings.begin(), postings.end(), entry,
            [](const Posting& posting, int32_t wanted) { return posting.entry < wanted; });
        if (it != postings.end() && it->entry == entry) add(term, *it);
      }
    } else {
      for (const Posting& posting : postings) {
        if (scratch.covered[posting.entry] > 0) add(term, posting);
      }
    }
  }

  // Confidence = coverage^2 * evidence * agreement:
  //  - coverage: the share of the question's weight the entry explains, so
  //    one shared word among several foreign ones stays low;
  //  - evidence: saturating in the matched weight, so a single common word
  //    ("framework") is not enough even when it is all the question says;
  //  - agreement: the BM25F score relative to the entry's own question.
  struct Scored {
    int32_t entry;
    double confidence;
  };
  // Best first; ties in knowledge base order. A total order, so keeping the
  // best few as we go picks exactly what sorting all candidates would.
  const auto better = [](const Scored& a, const Scored& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.entry < b.entry;
  };
  const size_t keep = 1 + kMaxAlternatives;
  const double word_factor =
      scratch.analysis.terms.size() + unknown_count == 1 ? kSingleWordFactor : 1.0;
  // The best `keep` candidates so far, as a heap whose front is the worst of
  // them: a candidate whose upper bound (coverage^2, as evidence and
  // agreement are at most 1) cannot beat it skips the exp() below, which
  // on a large knowledge base is most of the cost of a question.
  thread_local std::vector<Scored> candidates;
  candidates.clear();
  for (const int32_t entry : scratch.touched) {
    const double covered = scratch.covered[entry];
    const double score = scratch.score[entry];
    scratch.score[entry] = 0;
    scratch.covered[entry] = 0;
    const double coverage = std::min(1.0, covered / total_weight);
    const double bound = coverage * coverage * word_factor;
    if (candidates.size() == keep && bound < candidates.front().confidence) continue;
    const double evidence_ratio = covered / index.evidence_scale;
    const double evidence = 1 - std::exp(-evidence_ratio * evidence_ratio);
    const double agreement =
        index.self_score[entry] > 0 ? std::min(1.0, score / index.self_score[entry]) : 0;
    const double confidence =
        coverage * coverage * evidence * (0.6 + 0.4 * agreement) * word_factor;
    const Scored scored{entry, std::clamp(confidence, 0.0, 1.0)};
    if (candidates.size() < keep) {
      candidates.push_back(scored);
      std::push_heap(candidates.begin(), candidates.end(), better);
    } else if (better(scored, candidates.front())) {
      std::pop_heap(candidates.begin(), candidates.end(), better);
      candidates.back() = scored;
      std::push_heap(candidates.begin(), candidates.end(), better);
    }
  }
  std::sort_heap(candidates.begin(), candidates.end(), better);
  if (candidates.empty()) return answer;

  answer.best = index.entries[candidates.front().entry];
  answer.confidence = candidates.front().confidence;
  answer.answered = answer.confidence >= kAnswerThreshold;
  for (size_t i = 1; i < candidates.size(); ++i) {
    if (candidates[i].confidence >= kMinAlternativeConfidence) {
      answer.alternatives.push_back({index.entries[candidates[i].entry], candidates[i].confidence});
    }
  }
  return answer;
}

}  // namespace advisor::engines

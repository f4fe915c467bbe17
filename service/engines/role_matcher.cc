#include "service/engines/role_matcher.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <memory>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

#include "service/text/stemmer.h"
#include "service/text/text_normalizer.h"
#include "service/text/tokenizer.h"

namespace advisor::engines {
namespace {

using advisor::v1::Framework;
using advisor::v1::HiringPattern;
using advisor::v1::KnowledgeBase;
using advisor::v1::LearningStepSpec;

// Evidence a framework gets when the description names it (id, display
// name or alias): a role that names its framework is usually hiring for it.
constexpr double kMentionEvidence = 2.0;

// A hiring pattern counts as recognised from this much evidence on: one
// clear signal (weight 1) or several weak ones.
constexpr double kRecognitionThreshold = 1.0;

// Scores run from kBaseScore (no evidence at all) to kBaseScore +
// kScoreRange. They blend how much evidence a framework has in absolute
// terms (saturating: the third signal adds less than the first) with its
// share of all the evidence (so a mixed role spreads its confidence).
constexpr double kBaseScore = 0.15;
constexpr double kScoreRange = 0.8;
constexpr double kEvidenceScale = 1.2;
constexpr double kShareSmoothing = 1.0;
constexpr double kAbsoluteWeight = 0.6;

// The words of `text`, folded (see FoldText), with their stems: signals
// are compared on stems, so "deploying" matches "deploy".
struct Words {
  std::vector<std::string> folded;
  std::vector<std::string> stems;
};

Words SplitWords(absl::string_view text) {
  Words words;
  absl::StatusOr<std::string> folded = text::FoldText(text);
  if (!folded.ok()) return words;
  words.folded = text::Tokenize(*folded);
  words.stems.reserve(words.folded.size());
  for (const std::string& word : words.folded) words.stems.push_back(text::Stem(word));
  return words;
}

// Per-thread buffers for one call, so matching allocates only its result
// once warmed up.
struct MatchScratch {
  text::FoldedWords words;
  // Stem id of each word; -1 for words no phrase uses.
  std::vector<int> stems;
  // By hiring pattern: evidence found in the description.
  std::vector<double> pattern_evidence;
  // Patterns with evidence, in increasing order, then strongest first.
  std::vector<int> strongest;
  // By target: already counted once.
  std::vector<bool> counted;
  // By framework.
  std::vector<bool> mentioned;
  std::vector<int> path_position;
  std::vector<double> evidence;
  std::vector<double> scores;
  std::vector<int> ranking;
};

MatchScratch& ThreadScratch() {
  thread_local MatchScratch scratch;
  return scratch;
}

// How much of a word's start the stemming shortcut compares (see
// Index::stem_starts).
constexpr size_t kStemStartBytes = 3;

// A word's first kStemStartBytes bytes (fewer for a shorter word) and how
// many they are, packed into one integer: cheaper to hash than a string.
uint32_t StartKey(absl::string_view word) {
  const size_t size = std::min(word.size(), kStemStartBytes);
  auto key = static_cast<uint32_t>(size);
  for (size_t k = 0; k < size; ++k) {
    key |= static_cast<uint32_t>(static_cast<unsigned char>(word[k])) << (8 * (k + 1));
  }
  return key;
}

// Word endings that inflect a word without changing what it names.
bool IsInflection(absl::string_view ending) {
  static constexpr absl::string_view kInflections[] = {"",    "s", "es", "ed",  "d",   "ing", "er",
                                                       "ers", "e", "y",  "ies", "ied", "ly"};
  return std::find(std::begin(kInflections), std::end(kInflections), ending) !=
         std::end(kInflections);
}

// Whether two words with the same stem are forms of one word. The Snowball
// stemmer also strips derivational endings, which conflates words that mean
// different things: "intern" and "internal", "product" and "production",
// "experiment" and "experience". Words only count as the same when what
// follows their common beginning is an inflection on both sides.
bool AreFormsOfOneWord(absl::string_view a, absl::string_view b) {
  if (a == b) return true;
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  // A doubled final consonant belongs to the ending: "get" / "getting".
  const auto ending = [&](absl::string_view word) {
    absl::string_view rest = word.substr(common);
    if (common > 0 && rest.size() > 1 && rest.front() == word[common - 1]) rest.remove_prefix(1);
    return rest;
  };
  return IsInflection(ending(a)) && IsInflection(ending(b));
}

// The first sentence of a paragraph (up to and including its first ". ").
std::string FirstSentence(absl::string_view paragraph) {
  const size_t end = paragraph.find(". ");
  return std::string(end == absl::string_view::npos ? paragraph : paragraph.substr(0, end + 1));
}

// Orders the patterns with evidence strongest first (knowledge base order
// on ties): only they give reasons. Those with enough evidence are the
// recognised ones.
void RecognizePatterns(const KnowledgeBase& knowledge_base, MatchScratch* scratch,
                       RoleMatch* match) {
  const std::vector<double>& pattern_evidence = scratch->pattern_evidence;
  std::vector<int>& strongest = scratch->strongest;
  std::sort(strongest.begin(), strongest.end(), [&](int a, int b) {
    if (pattern_evidence[a] != pattern_evidence[b]) {
      return pattern_evidence[a] > pattern_evidence[b];
    }
    return a < b;
  });
  for (const int p : strongest) {
    if (pattern_evidence[p] < kRecognitionThreshold) break;
    match->recognized.push_back(&knowledge_base.hiring_patterns(p));
  }
}

}  // namespace

struct RoleMatcher::Index {
  // What a matched phrase is evidence for: a hiring pattern (a signal) or
  // a framework (its name), and the words it was written as. Words with
  // the same stems but different meanings ("intern", "international") are
  // separate targets of one phrase, told apart by their written form.
  struct Target {
    int pattern = -1;
    int framework = -1;
    double weight = 0;
    std::vector<std::string> form;
    // Position among all targets, to count each once per description.
    int number = 0;

    // Whether the description's words from `start` on spell `form`, up to
    // inflection.
    bool IsSpelledBy(const std::vector<absl::string_view>& words, size_t start) const {
      for (size_t w = 0; w < form.size(); ++w) {
        if (!AreFormsOfOneWord(form[w], words[start + w])) return false;
      }
      return true;
    }
  };
  // A word or phrase as stem ids, and everything it may point to.
  struct Phrase {
    std::vector<int> stems;
    std::vector<Target> targets;
  };

  std::vector<const Framework*> frameworks;
  absl::flat_hash_map<absl::string_view, int> framework_by_id;
  // Index into `frameworks` of each hiring pattern's framework.
  std::vector<int> pattern_framework;
  // What is said about a framework the description gives no evidence for.
  std::vector<std::string> fallback_reasons;
  // What is said about a framework the description names.
  std::vector<std::string> mention_reasons;
  // The advice when no hiring pattern is recognised: a note saying why the
  // ranking is rough, then the general advice.
  std::string unrecognized_advice;

  absl::flat_hash_map<std::string, int> stem_ids;
  // Written forms of phrase words -> their stem ids, so the words signals
  // are written with need no stemming at match time.
  absl::flat_hash_map<std::string, int> form_stem_ids;
  // The start (StartKey) of every stem. Snowball stems keep the start of
  // the word, so a word whose start is not here cannot match and need not
  // be stemmed.
  absl::flat_hash_set<uint32_t> stem_starts;
  std::vector<Phrase> phrases;
  absl::flat_hash_map<std::vector<int>, int> phrase_by_stems;
  int target_count = 0;
  // For each stem id, the phrases starting with it, longest first.
  std::vector<std::vector<int>> phrases_by_first_stem;

  // The phrase with these stems, created when new.
  Phrase& PhraseFor(const Words& words) {
    std::vector<int> stems;
    stems.reserve(words.stems.size());
    for (size_t w = 0; w < words.stems.size(); ++w) {
      const auto [it, inserted] =
          stem_ids.try_emplace(words.stems[w], static_cast<int>(stem_ids.size()));
      stems.push_back(it->second);
      form_stem_ids.try_emplace(words.folded[w], it->second);
      stem_starts.insert(StartKey(words.stems[w]));
    }
    const auto [it, inserted] =
        phrase_by_stems.try_emplace(stems, static_cast<int>(phrases.size()));
    if (inserted) phrases.push_back(Phrase{std::move(stems), {}});
    return phrases[it->second];
  }

  // Adds `target` as evidence for `text`. A target listing the same words
  // twice ("experiment", "experiments") keeps the stronger weight.
  void AddPhrase(absl::string_view text, Target target) {
    Words words = SplitWords(text);
    if (words.stems.empty()) return;
    Phrase& phrase = PhraseFor(words);
    for (Target& existing : phrase.targets) {
      if (existing.pattern == target.pattern && existing.framework == target.framework &&
          existing.IsSpelledBy(
              std::vector<absl::string_view>(words.folded.begin(), words.folded.end()), 0)) {
        existing.weight = std::max(existing.weight, target.weight);
        return;
      }
    }
    target.form = std::move(words.folded);
    target.number = target_count++;
    phrase.targets.push_back(std::move(target));
  }

  // Stem id of a description word, or -1 when no phrase uses its stem.
  int StemIdOf(absl::string_view word) const {
    if (const auto it = form_stem_ids.find(word); it != form_stem_ids.end()) return it->second;
    if (!stem_starts.contains(StartKey(word))) return -1;
    const auto it = stem_ids.find(text::Stem(word));
    return it == stem_ids.end() ? -1 : it->second;
  }

  void IndexPhrasesByFirstStem() {
    phrases_by_first_stem.assign(stem_ids.size(), {});
    for (int p = 0; p < static_cast<int>(phrases.size()); ++p) {
      phrases_by_first_stem[phrases[p].stems.front()].push_back(p);
    }
    for (std::vector<int>& candidates : phrases_by_first_stem) {
      std::stable_sort(candidates.begin(), candidates.end(), [this](int a, int b) {
        return phrases[a].stems.size() > phrases[b].stems.size();
      });
    }
  }

  // The phases of RoleMatcher::Match, in order, each reading what the ones
  // before left in `scratch`.

  // The stem id of each description word (scratch->stems).
  void FindPhraseStems(absl::string_view description, MatchScratch* scratch) const;
  // The signals and framework names the description's phrases match: the
  // evidence per hiring pattern, the patterns with any (unordered) and the
  // frameworks named.
  void CountSignals(MatchScratch* scratch) const;
  // The evidence per framework from its hiring patterns; leaves the
  // patterns with evidence in knowledge base order.
  void SumPatternEvidence(MatchScratch* scratch) const;
  // The learning path: the strongest recognised pattern's, else the
  // default; every framework once, missing ones appended in knowledge base
  // order, at most kMaxMatchedFrameworks steps. scratch->path_position is
  // each framework's place on the full path, which breaks ties in the
  // ranking.
  void FillLearningPath(const KnowledgeBase& knowledge_base, MatchScratch* scratch,
                        RoleMatch* match) const;
  // Each framework's score from its evidence, the mentions included.
  void ScoreFrameworks(MatchScratch* scratch) const;
  // The best kMaxMatchedFrameworks frameworks with their scores and
  // reasons.
  void FillFits(const KnowledgeBase& knowledge_base, MatchScratch* scratch, RoleMatch* match) const;
};

namespace {

// The ids of the frameworks the hiring patterns and learning paths speak
// about: only they are ranked, since the knowledge base holds no hiring
// evidence for the others (it may describe many more frameworks). Empty
// when it has neither, and then every framework is ranked.
absl::flat_hash_set<absl::string_view> RankedFrameworkIds(const KnowledgeBase& knowledge_base) {
  absl::flat_hash_set<absl::string_view> ids;
  for (const LearningStepSpec& step : knowledge_base.default_learning_path()) {
    ids.insert(step.framework_id());
  }
  for (const HiringPattern& pattern : knowledge_base.hiring_patterns()) {
    ids.insert(pattern.framework_id());
    for (const LearningStepSpec& step : pattern.learning_path()) ids.insert(step.framework_id());
  }
  return ids;
}

}  // namespace

RoleMatcher::RoleMatcher(const KnowledgeBase& knowledge_base) : knowledge_base_(knowledge_base) {
  auto index = std::make_unique<Index>();
  const absl::flat_hash_set<absl::string_view> ranked = RankedFrameworkIds(knowledge_base_);
  for (const Framework& framework : knowledge_base_.frameworks()) {
    if (!ranked.empty() && !ranked.contains(framework.id())) continue;
    const int f = static_cast<int>(index->frameworks.size());
    index->frameworks.push_back(&framework);
    index->framework_by_id.emplace(framework.id(), f);
    index->fallback_reasons.push_back(FirstSentence(framework.summary()));
    index->mention_reasons.push_back(
        absl::StrCat("The description names ", framework.display_name(), "."));
    std::vector<absl::string_view> names = {framework.id(), framework.display_name()};
    names.insert(names.end(), framework.aliases().begin(), framework.aliases().end());
    for (absl::string_view name : names) {
      index->AddPhrase(name, Index::Target{-1, f, kMentionEvidence, {}, 0});
    }
  }
  std::vector<absl::string_view> titles;
  for (int p = 0; p < knowledge_base_.hiring_patterns_size(); ++p) {
    const HiringPattern& pattern = knowledge_base_.hiring_patterns(p);
    const auto framework = index->framework_by_id.find(pattern.framework_id());
    index->pattern_framework.push_back(
        framework == index->framework_by_id.end() ? -1 : framework->second);
    titles.push_back(pattern.title());
    for (const advisor::v1::Signal& signal : pattern.signals()) {
      index->AddPhrase(signal.phrase(), Index::Target{p, -1, signal.weight(), {}, 0});
    }
  }
  index->IndexPhrasesByFirstStem();
  index->unrecognized_advice =
      titles.empty()
          ? knowledge_base_.general_advice()
          : absl::StrCat(
                "The description does not name a kind of employer or role the knowledge "
                "base knows (",
                absl::StrJoin(titles, "; "), "), so the ranking below is only a rough guide. ",
                knowledge_base_.general_advice());
  index_ = std::move(index);
}

RoleMatcher::~RoleMatcher() = default;

void RoleMatcher::Index::FindPhraseStems(absl::string_view description,
                                         MatchScratch* scratch) const {
  const std::vector<absl::string_view>& words = scratch->words.words;
  text::FoldWordsInto(description, &scratch->words);
  std::vector<int>& stems = scratch->stems;
  stems.resize(words.size());
  for (size_t w = 0; w < stems.size(); ++w) stems[w] = StemIdOf(words[w]);
}

void RoleMatcher::Index::CountSignals(MatchScratch* scratch) const {
  const std::vector<absl::string_view>& words = scratch->words.words;
  const std::vector<int>& stems = scratch->stems;
  // Longest match first: a phrase inside a longer matched phrase ("large"
  // in "large language model") is not counted again, and every signal
  // counts once however often it occurs.
  std::vector<double>& pattern_evidence = scratch->pattern_evidence;
  pattern_evidence.assign(pattern_framework.size(), 0.0);
  std::vector<bool>& mentioned = scratch->mentioned;
  mentioned.assign(frameworks.size(), false);
  std::vector<bool>& counted = scratch->counted;
  counted.assign(target_count, false);
  std::vector<int>& strongest = scratch->strongest;
  strongest.clear();
  size_t covered_until = 0;
  for (size_t start = 0; start < stems.size(); ++start) {
    if (stems[start] < 0) continue;
    for (const int p : phrases_by_first_stem[stems[start]]) {
      const Phrase& phrase = phrases[p];
      const size_t end = start + phrase.stems.size();
      if (end > stems.size() || !std::equal(phrase.stems.begin(), phrase.stems.end(),
                                            stems.begin() + static_cast<std::ptrdiff_t>(start))) {
        continue;
      }
      bool spelled = false;
      for (const Target& target : phrase.targets) {
        if (!target.IsSpelledBy(words, start)) continue;
        spelled = true;
        if (end <= covered_until || counted[target.number]) continue;
        counted[target.number] = true;
        if (target.pattern >= 0) {
          if (pattern_evidence[target.pattern] == 0 && target.weight > 0) {
            strongest.push_back(target.pattern);
          }
          pattern_evidence[target.pattern] += target.weight;
        }
        if (target.framework >= 0) mentioned[target.framework] = true;
      }
      if (!spelled) continue;
      covered_until = std::max(covered_until, end);
      break;
    }
  }
}

void RoleMatcher::Index::SumPatternEvidence(MatchScratch* scratch) const {
  // Summed in knowledge base order (as over all patterns: the others add
  // nothing).
  std::vector<int>& strongest = scratch->strongest;
  std::sort(strongest.begin(), strongest.end());
  std::vector<double>& evidence = scratch->evidence;
  evidence.assign(frameworks.size(), 0.0);
  for (const int p : strongest) {
    if (pattern_framework[p] >= 0) evidence[pattern_framework[p]] += scratch->pattern_evidence[p];
  }
}

void RoleMatcher::Index::FillLearningPath(const KnowledgeBase& knowledge_base,
                                          MatchScratch* scratch, RoleMatch* match) const {
  const int framework_count = static_cast<int>(frameworks.size());
  const auto& path_spec = match->recognized.empty() ? knowledge_base.default_learning_path()
                                                    : match->recognized.front()->learning_path();
  std::vector<int>& path_position = scratch->path_position;
  path_position.assign(framework_count, -1);
  match->learning_path.reserve(std::min(framework_count, kMaxMatchedFrameworks));
  int path_length = 0;
  for (const LearningStepSpec& step : path_spec) {
    const auto it = framework_by_id.find(step.framework_id());
    if (it == framework_by_id.end() || path_position[it->second] >= 0) continue;
    path_position[it->second] = path_length++;
    if (match->learning_path.size() < kMaxMatchedFrameworks) {
      match->learning_path.push_back({frameworks[it->second], step.why()});
    }
  }
  for (int f = 0; f < framework_count; ++f) {
    if (path_position[f] >= 0) continue;
    path_position[f] = path_length++;
    if (match->learning_path.size() < kMaxMatchedFrameworks) {
      match->learning_path.push_back({frameworks[f], fallback_reasons[f]});
    }
  }
}

void RoleMatcher::Index::ScoreFrameworks(MatchScratch* scratch) const {
  const int framework_count = static_cast<int>(frameworks.size());
  std::vector<double>& evidence = scratch->evidence;
  for (int f = 0; f < framework_count; ++f) {
    if (scratch->mentioned[f]) evidence[f] += kMentionEvidence;
  }
  const double total_evidence = std::accumulate(evidence.begin(), evidence.end(), 0.0);

  // Frameworks without evidence (most of a large knowledge base) keep the
  // base score without an exp() each.
  std::vector<double>& scores = scratch->scores;
  scores.assign(framework_count, kBaseScore);
  for (int f = 0; f < framework_count; ++f) {
    if (evidence[f] == 0) continue;
    const double absolute = 1.0 - std::exp(-evidence[f] / kEvidenceScale);
    const double share = evidence[f] / (total_evidence + kShareSmoothing);
    scores[f] =
        kBaseScore + kScoreRange * (kAbsoluteWeight * absolute + (1 - kAbsoluteWeight) * share);
  }
}

void RoleMatcher::Index::FillFits(const KnowledgeBase& knowledge_base, MatchScratch* scratch,
                                  RoleMatch* match) const {
  const int framework_count = static_cast<int>(frameworks.size());
  const std::vector<double>& scores = scratch->scores;
  const std::vector<int>& path_position = scratch->path_position;
  // Best fit first; on equal scores, in learning path order. Only the
  // best kMaxMatchedFrameworks are ranked and described.
  std::vector<int>& ranking = scratch->ranking;
  ranking.resize(framework_count);
  std::iota(ranking.begin(), ranking.end(), 0);
  const auto ranked_end =
      ranking.begin() + std::min<std::ptrdiff_t>(framework_count, kMaxMatchedFrameworks);
  std::partial_sort(ranking.begin(), ranked_end, ranking.end(), [&](int a, int b) {
    if (scores[a] != scores[b]) return scores[a] > scores[b];
    return path_position[a] < path_position[b];
  });

  match->fits.reserve(static_cast<size_t>(ranked_end - ranking.begin()));
  for (auto ranked = ranking.begin(); ranked != ranked_end; ++ranked) {
    const int f = *ranked;
    FrameworkFit& fit = match->fits.emplace_back();
    fit.framework = frameworks[f];
    fit.score = scores[f];
    for (const int p : scratch->strongest) {
      if (scratch->pattern_evidence[p] > 0 && pattern_framework[p] == f) {
        fit.reasons.emplace_back(knowledge_base.hiring_patterns(p).reason());
      }
    }
    if (scratch->mentioned[f]) fit.reasons.emplace_back(mention_reasons[f]);
    if (fit.reasons.empty()) fit.reasons.emplace_back(fallback_reasons[f]);
  }
}

absl::StatusOr<RoleMatch> RoleMatcher::Match(absl::string_view description) const {
  if (absl::Status valid = text::ValidateFreeText(description, "description"); !valid.ok()) {
    return valid;
  }
  const Index& index = *index_;
  MatchScratch& scratch = ThreadScratch();
  index.FindPhraseStems(description, &scratch);
  index.CountSignals(&scratch);
  index.SumPatternEvidence(&scratch);
  RoleMatch match;
  RecognizePatterns(knowledge_base_, &scratch, &match);
  index.FillLearningPath(knowledge_base_, &scratch, &match);
  index.ScoreFrameworks(&scratch);
  index.FillFits(knowledge_base_, &scratch, &match);
  match.advice =
      match.recognized.empty() ? index.unrecognized_advice : knowledge_base_.general_advice();
  return match;
}

}  // namespace advisor::engines

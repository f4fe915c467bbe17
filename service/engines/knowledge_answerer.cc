#include "service/engines/knowledge_answerer.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

#include "service/engines/passage_index.h"
#include "service/engines/question_intent.h"
#include "service/text/sentences.h"
#include "service/text/text_analyzer.h"
#include "service/text/text_normalizer.h"

namespace advisor::engines {
namespace {

using advisor::v1::Framework;
using advisor::v1::KnowledgeBase;
using text::TermId;

// How many passages a search ranks before the answerer re-ranks them.
constexpr size_t kSearchDepth = 8;
// Confidence in a framework's field when the question asks for exactly
// that field of exactly that framework and says nothing else.
constexpr double kIntentConfidence = 0.92;
// A passage about other frameworks than those the question names answers
// it only by accident.
constexpr double kOtherFrameworkFactor = 0.45;
// The FAQ answer wins when it is at least this close to the best answer:
// the curated entries are the most precise answers there are.
constexpr double kFaqPreferenceMargin = 0.05;
// A neighbouring sentence joins the answer when it holds this share of the
// best sentence's matched weight and adds a term of its own.
constexpr double kSecondSentenceShare = 0.5;
// Signals at least this strong say what a hiring pattern is about clearly
// enough to match questions by.
constexpr double kStrongSignalWeight = 1.0;

// Words a framework field's title adds to the framework's name, so a
// question in those words finds the field.
struct FieldSpec {
  const char* field;
  const char* title_words;
};
constexpr FieldSpec kFieldSpecs[] = {
    {"summary", ""},
    {"strengths", "strengths advantages"},
    {"best_for", "suited use cases"},
    {"developer", "developer creator maintainer author"},
    {"website", "website homepage documentation"},
    {"notes", "history licence"},
};

// A sentence of a passage, with the terms it holds.
struct Sentence {
  absl::string_view text;
  std::vector<TermId> terms;  // Sorted, distinct.
};

// What the answerer keeps about a passage besides the Passage itself.
struct PassageFacts {
  // Framework terms the passage is about or names, sorted, distinct.
  std::vector<TermId> frameworks;
  // Empty when the whole text is the answer.
  std::vector<Sentence> sentences;
};

std::vector<TermId> DistinctTermIds(const text::Analysis& analysis) {
  std::vector<TermId> ids;
  ids.reserve(analysis.terms.size());
  for (const text::AnalyzedTerm& term : analysis.terms) ids.push_back(term.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool Intersects(const std::vector<TermId>& a, const std::vector<TermId>& b) {
  return std::find_first_of(a.begin(), a.end(), b.begin(), b.end()) != a.end();
}

bool Contains(const std::vector<TermId>& sorted, TermId id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

text::TextAnalyzer BuildAnalyzer(const KnowledgeBase& knowledge_base,
                                 const std::vector<PassageFields>& fields) {
  text::TextAnalyzer::Builder builder;
  for (const std::string& word : knowledge_base.stop_words()) builder.AddStopWord(word);
  // Framework names first: they win over any synonym group that lists them.
  for (const Framework& framework : knowledge_base.frameworks()) {
    std::vector<std::string> names = {framework.id()};
    names.insert(names.end(), framework.aliases().begin(), framework.aliases().end());
    builder.AddSynonyms(framework.display_name(), names);
  }
  for (const auto& group : knowledge_base.synonyms()) {
    builder.AddSynonyms(group.canonical(),
                        std::vector<std::string>(group.terms().begin(), group.terms().end()));
  }
  for (const PassageFields& passage : fields) {
    builder.AddVocabulary(passage.title);
    builder.AddVocabulary(passage.text);
    for (const std::string& context : passage.context) builder.AddVocabulary(context);
  }
  return builder.Build();
}

// Display names of the frameworks with these ids, joined for people.
std::string FrameworkNames(const KnowledgeBase& knowledge_base,
                           const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::vector<std::string> names;
  for (const std::string& id : ids) {
    for (const Framework& framework : knowledge_base.frameworks()) {
      if (framework.id() == id) names.push_back(framework.display_name());
    }
  }
  return absl::StrJoin(names, ", ");
}

// A passage and its indexed fields, collected in knowledge base order.
class PassageCollector {
 public:
  explicit PassageCollector(const KnowledgeBase& knowledge_base) : kb_(knowledge_base) {}

  void CollectAll() {
    for (const auto& faq : kb_.faqs()) {
      Passage& passage = Add(SourceKind::kFaq, absl::StrCat("faqs/", faq.id()), faq.question(),
                             faq.answer(), faq.question());
      passage.faq = &faq;
      fields_.back().context.assign(faq.context().begin(), faq.context().end());
    }
    for (const Framework& framework : kb_.frameworks()) CollectFramework(framework);
    for (const auto& pattern : kb_.hiring_patterns()) {
      const std::string name = absl::StrCat("hiringPatterns/", pattern.id());
      Add(SourceKind::kHiringPattern, name, pattern.title(), pattern.reason(), pattern.title());
      for (const auto& signal : pattern.signals()) {
        if (signal.weight() >= kStrongSignalWeight) fields_.back().context.push_back(signal.phrase());
      }
      AddLearningPath(absl::StrCat(name, "/learningPath"),
                      absl::StrCat("Learning path for ", pattern.title()), pattern.learning_path());
    }
    for (int i = 0; i < kb_.insights_size(); ++i) {
      const auto& insight = kb_.insights(i);
      const std::string names = FrameworkNames(kb_, insight.framework_ids());
      Add(SourceKind::kInsight, absl::StrCat("insights/", i + 1), names, insight.text(), names);
    }
    if (!kb_.general_advice().empty()) {
      Add(SourceKind::kAdvice, "advice/general", "Advice on combining frameworks",
          kb_.general_advice(), "");
      split_.back() = true;
    }
    AddLearningPath("advice/defaultLearningPath", "Learning path for any role",
                    kb_.default_learning_path());
    for (const auto& document : kb_.documents()) CollectDocument(document);
  }

  std::vector<Passage> TakePassages() { return std::move(passages_); }
  std::vector<PassageFields> TakeFields() { return std::move(fields_); }
  // By passage: whether its answer is one or two of its sentences.
  std::vector<bool> TakeSplit() { return std::move(split_); }
  // By passage: the framework it is about, when one.
  std::vector<const Framework*> TakeAbout() { return std::move(about_); }

 private:
  Passage& Add(SourceKind kind, std::string name, std::string title, std::string text,
               std::string indexed_title) {
    Passage& passage = passages_.emplace_back();
    passage.kind = kind;
    passage.name = std::move(name);
    passage.title = std::move(title);
    passage.text = std::move(text);
    PassageFields& fields = fields_.emplace_back();
    fields.title = std::move(indexed_title);
    fields.text = passage.text;
    split_.push_back(false);
    about_.push_back(nullptr);
    return passage;
  }

  void CollectFramework(const Framework& framework) {
    const std::string name = absl::StrCat("frameworks/", framework.id());
    for (const FieldSpec& spec : kFieldSpecs) {
      const absl::string_view field = spec.field;
      std::string text;
      if (field == "summary") text = framework.summary();
      if (field == "strengths") text = absl::StrJoin(framework.strengths(), "; ");
      if (field == "best_for") text = absl::StrJoin(framework.best_for(), "; ");
      if (field == "developer") text = framework.developer();
      if (field == "website") text = framework.website();
      if (field == "notes") text = absl::StrJoin(framework.notes(), " ");
      if (text.empty()) continue;
      Passage& passage = Add(SourceKind::kFramework, name, framework.display_name(),
                             std::move(text),
                             absl::StrCat(framework.display_name(), " ", spec.title_words));
      passage.field = spec.field;
      about_.back() = &framework;
    }
  }

  void AddLearningPath(std::string name, std::string title,
                       const google::protobuf::RepeatedPtrField<v1::LearningStepSpec>& steps) {
    std::vector<absl::string_view> whys;
    for (const auto& step : steps) whys.push_back(step.why());
    if (whys.empty()) return;
    Add(SourceKind::kAdvice, std::move(name), std::move(title), absl::StrJoin(whys, " "), "");
    split_.back() = true;
  }

  void CollectDocument(const v1::Document& document) {
    const std::string name = absl::StrCat("documents/", document.id());
    for (const auto& section : document.sections()) {
      for (const std::string& paragraph : section.paragraphs()) {
        // The document's own copy of a curated FAQ answer adds nothing but
        // a rival to the entry.
        const bool repeats_faq = std::any_of(
            kb_.faqs().begin(), kb_.faqs().end(),
            [&](const v1::FaqEntry& faq) { return absl::StrContains(paragraph, faq.answer()); });
        if (repeats_faq) continue;
        Passage& passage =
            Add(SourceKind::kDocument, name, document.title(), paragraph,
                section.heading().empty() ? document.title() : section.heading());
        passage.section = section.heading();
        split_.back() = true;
      }
    }
  }

  const KnowledgeBase& kb_;
  std::vector<Passage> passages_;
  std::vector<PassageFields> fields_;
  std::vector<bool> split_;
  std::vector<const Framework*> about_;
};

// A candidate while ranking: a passage and its confidence.
struct Ranked {
  int32_t passage = 0;
  double confidence = 0;
};

// Per-thread buffers for one call.
struct Scratch {
  text::Analysis analysis;
  text::Analysis rest;
  std::vector<PassageMatch> matches;
  std::vector<Ranked> ranked;
  std::vector<TermId> question_terms;
  std::vector<TermId> named;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

struct KnowledgeAnswerer::Index {
  Index(const KnowledgeBase& knowledge_base, PassageCollector collector)
      : fields(collector.TakeFields()),
        analyzer(BuildAnalyzer(knowledge_base, fields)),
        passages(collector.TakePassages()),
        search(analyzer, fields, FrameworkTerms(knowledge_base)) {
    const std::vector<bool> split = collector.TakeSplit();
    const std::vector<const Framework*> about = collector.TakeAbout();
    facts.resize(passages.size());
    for (size_t p = 0; p < passages.size(); ++p) {
      PassageFacts& fact = facts[p];
      std::vector<TermId> terms = DistinctTermIds(analyzer.Analyze(passages[p].text));
      const std::vector<TermId> title_terms =
          DistinctTermIds(analyzer.Analyze(fields[p].title));
      terms.insert(terms.end(), title_terms.begin(), title_terms.end());
      for (const TermId term : terms) {
        if (framework_of_term.contains(term)) fact.frameworks.push_back(term);
      }
      std::sort(fact.frameworks.begin(), fact.frameworks.end());
      fact.frameworks.erase(std::unique(fact.frameworks.begin(), fact.frameworks.end()),
                            fact.frameworks.end());
      if (split[p]) {
        for (const absl::string_view sentence : text::SplitSentences(passages[p].text)) {
          fact.sentences.push_back({sentence, DistinctTermIds(analyzer.Analyze(sentence))});
        }
        if (fact.sentences.size() <= 2) fact.sentences.clear();  // All of it answers.
      }
      if (about[p] != nullptr) {
        const TermId term = analyzer.FindTerm(about[p]->display_name());
        field_passage[{term, passages[p].field}] = static_cast<int32_t>(p);
      }
      if (passages[p].kind == SourceKind::kInsight) insights.push_back(static_cast<int32_t>(p));
    }
    fields.clear();
    fields.shrink_to_fit();
  }

  std::vector<TermId> FrameworkTerms(const KnowledgeBase& knowledge_base) {
    std::vector<TermId> terms;
    for (const Framework& framework : knowledge_base.frameworks()) {
      const TermId term = analyzer.FindTerm(framework.display_name());
      if (term < 0) continue;
      terms.push_back(term);
      framework_of_term[term] = &framework;
    }
    return terms;
  }

  // The field passage of framework `term`, or -1.
  int32_t FieldPassage(TermId term, absl::string_view field) const {
    const auto it = field_passage.find(std::make_pair(term, std::string(field)));
    return it == field_passage.end() ? -1 : it->second;
  }

  // How much of the question a fact of the named frameworks leaves
  // unexplained: (1 - share of `rest`'s weight that is not a named
  // framework)^3, so one foreign word ("tuner", "lightning") sinks it.
  double ExplainedShare(const text::Analysis& rest, const std::vector<TermId>& named) const {
    double named_weight = 0;
    double other_weight = 0;
    std::vector<TermId> seen;
    for (const text::AnalyzedTerm& term : rest.terms) {
      if (std::find(seen.begin(), seen.end(), term.id) != seen.end()) continue;
      seen.push_back(term.id);
      (Contains(named, term.id) ? named_weight : other_weight) += search.QuestionWeight(term.id);
    }
    std::vector<std::string> unknown = rest.unknown_words;
    std::sort(unknown.begin(), unknown.end());
    other_weight += static_cast<double>(std::unique(unknown.begin(), unknown.end()) -
                                        unknown.begin()) *
                    search.unknown_weight();
    if (named_weight <= 0) return 0;
    const double explained = named_weight / (named_weight + other_weight);
    return explained * explained * explained;
  }

  // The most precise part of passage `p` for a question with these terms.
  absl::string_view AnswerText(int32_t p, const std::vector<TermId>& question_terms) const {
    const Passage& passage = passages[p];
    const std::vector<Sentence>& sentences = facts[p].sentences;
    if (sentences.empty()) return passage.text;
    auto score = [&](const Sentence& sentence) {
      double total = 0;
      for (const TermId term : question_terms) {
        if (search.Holds(term) && Contains(sentence.terms, term)) {
          total += search.QuestionWeight(term);
        }
      }
      return total;
    };
    size_t best = 0;
    double best_score = -1;
    for (size_t s = 0; s < sentences.size(); ++s) {
      const double sentence_score = score(sentences[s]);
      if (sentence_score > best_score) {
        best = s;
        best_score = sentence_score;
      }
    }
    // A neighbour that adds a term of the question of its own joins it.
    size_t first = best;
    size_t last = best;
    double neighbour_score = 0;
    for (const size_t neighbour : {best - 1, best + 1}) {
      if (neighbour >= sentences.size()) continue;  // best - 1 wraps around at 0.
      const double candidate = score(sentences[neighbour]);
      const bool adds = std::any_of(
          question_terms.begin(), question_terms.end(), [&](TermId term) {
            return Contains(sentences[neighbour].terms, term) &&
                   !Contains(sentences[best].terms, term);
          });
      if (adds && candidate >= kSecondSentenceShare * best_score && candidate > neighbour_score) {
        neighbour_score = candidate;
        first = std::min(best, neighbour);
        last = std::max(best, neighbour);
      }
    }
    const char* begin = sentences[first].text.data();
    const char* end = sentences[last].text.data() + sentences[last].text.size();
    return absl::string_view(begin, static_cast<size_t>(end - begin));
  }

  // Declared in construction order: the analyzer reads the fields' words,
  // the search index points at the analyzer.
  std::vector<PassageFields> fields;
  absl::flat_hash_map<TermId, const Framework*> framework_of_term;
  text::TextAnalyzer analyzer;
  std::vector<Passage> passages;
  PassageIndex search;
  std::vector<PassageFacts> facts;
  // (framework term, field) -> passage.
  absl::flat_hash_map<std::pair<TermId, std::string>, int32_t> field_passage;
  std::vector<int32_t> insights;
};

KnowledgeAnswerer::KnowledgeAnswerer(const KnowledgeBase& knowledge_base) {
  PassageCollector collector(knowledge_base);
  collector.CollectAll();
  index_ = std::make_unique<const Index>(knowledge_base, std::move(collector));
}

KnowledgeAnswerer::~KnowledgeAnswerer() = default;

const std::vector<Passage>& KnowledgeAnswerer::passages() const { return index_->passages; }

absl::StatusOr<KnowledgeAnswer> KnowledgeAnswerer::Answer(absl::string_view question) const {
  if (absl::Status valid = text::ValidateFreeText(question, "question"); !valid.ok()) {
    return valid;
  }
  const Index& index = *index_;
  Scratch& scratch = ThreadScratch();
  index.analyzer.AnalyzeInto(question, &scratch.analysis);
  scratch.question_terms = DistinctTermIds(scratch.analysis);
  scratch.named.clear();
  for (const TermId term : scratch.question_terms) {
    if (index.framework_of_term.contains(term)) scratch.named.push_back(term);
  }

  index.search.Search(scratch.analysis, kSearchDepth, kMinAlternativeConfidence, &scratch.matches);
  std::vector<Ranked>& ranked = scratch.ranked;
  ranked.clear();
  for (const PassageMatch& match : scratch.matches) {
    double confidence = match.confidence;
    const std::vector<TermId>& about = index.facts[match.passage].frameworks;
    if (!scratch.named.empty() && !about.empty() && !Intersects(scratch.named, about)) {
      confidence *= kOtherFrameworkFactor;
    }
    ranked.push_back({match.passage, confidence});
  }

  // A question that asks for one field of one framework, or compares the
  // frameworks it names, gets that fact as well as anything it says else.
  const QuestionIntent intent = ReadQuestionIntent(question);
  int32_t asked = -1;
  if (scratch.named.size() == 1) {
    const TermId framework = scratch.named.front();
    switch (intent.asked_for) {
      case AskedFor::kDeveloper:
        asked = index.FieldPassage(framework, "developer");
        break;
      case AskedFor::kWebsite:
        asked = index.FieldPassage(framework, "website");
        break;
      case AskedFor::kSummary:
        asked = index.FieldPassage(framework, "summary");
        break;
      default:
        break;
    }
  } else if (scratch.named.size() >= 2 && intent.asked_for == AskedFor::kComparison) {
    // The insight about exactly the named frameworks that matched best,
    // else the first about all of them.
    int32_t first = -1;
    for (const int32_t insight : index.insights) {
      const std::vector<TermId>& about = index.facts[insight].frameworks;
      if (!std::includes(about.begin(), about.end(), scratch.named.begin(),
                         scratch.named.end())) {
        continue;
      }
      if (first < 0 || (about.size() == scratch.named.size() &&
                        index.facts[first].frameworks.size() != scratch.named.size())) {
        first = insight;
      }
    }
    asked = first;
    for (const Ranked& candidate : ranked) {
      if (index.passages[candidate.passage].kind != SourceKind::kInsight) continue;
      const std::vector<TermId>& about = index.facts[candidate.passage].frameworks;
      if (about.size() == scratch.named.size() &&
          std::includes(about.begin(), about.end(), scratch.named.begin(), scratch.named.end())) {
        asked = candidate.passage;
        break;
      }
    }
  }
  if (asked >= 0) {
    index.analyzer.AnalyzeInto(intent.rest, &scratch.rest);
    const double confidence = kIntentConfidence * index.ExplainedShare(scratch.rest, scratch.named);
    auto it = std::find_if(ranked.begin(), ranked.end(),
                           [&](const Ranked& r) { return r.passage == asked; });
    if (it == ranked.end()) {
      ranked.push_back({asked, confidence});
    } else {
      it->confidence = std::max(it->confidence, confidence);
    }
  }

  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.passage < b.passage;
  });
  KnowledgeAnswer answer;
  if (ranked.empty() || ranked.front().confidence <= 0) return answer;
  // The curated answer first, when it answers about as well.
  if (index.passages[ranked.front().passage].kind != SourceKind::kFaq) {
    const auto faq = std::find_if(ranked.begin(), ranked.end(), [&](const Ranked& r) {
      return index.passages[r.passage].kind == SourceKind::kFaq;
    });
    if (faq != ranked.end() && faq->confidence >= kAnswerThreshold &&
        faq->confidence + kFaqPreferenceMargin >= ranked.front().confidence) {
      std::rotate(ranked.begin(), faq, faq + 1);
    }
  }
  auto candidate = [&](const Ranked& r) {
    return AnswerCandidate{&index.passages[r.passage],
                           index.AnswerText(r.passage, scratch.question_terms), r.confidence};
  };
  answer.best = candidate(ranked.front());
  answer.answered = answer.best.confidence >= kAnswerThreshold;
  for (size_t i = 1; i < ranked.size() && answer.alternatives.size() < kMaxAlternatives; ++i) {
    if (ranked[i].confidence < kMinAlternativeConfidence) break;
    answer.alternatives.push_back(candidate(ranked[i]));
  }
  return answer;
}

}  // namespace advisor::engines

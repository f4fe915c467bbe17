#include "service/engines/knowledge_answerer.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

#include "service/engines/built_in_question_model.h"
#include "service/engines/context_token.h"
#include "service/engines/english_lexicon.h"
#include "service/engines/expected_answer.h"
#include "service/engines/follow_up.h"
#include "service/engines/passage_index.h"
#include "service/engines/question_intent.h"
#include "service/engines/question_model.h"
#include "service/engines/question_model_training_set.h"
#include "service/engines/role_matcher.h"
#include "service/knowledge_base/framework_fields.h"
#include "service/knowledge_base/item_names.h"
#include "service/text/sentences.h"
#include "service/text/stemmer.h"
#include "service/text/text_analyzer.h"
#include "service/text/text_normalizer.h"

namespace advisor::engines {
namespace {

using advisor::v1::Framework;
using advisor::v1::KnowledgeBase;
using text::TermId;

// How many passages a search ranks before the answerer re-ranks them.
constexpr size_t kSearchDepth = 8;

// Most words of a framework name a follow-up is searched for
// ("hugging face transformers").
constexpr size_t kMaxNameWords = 3;
// Retrieval looks only for passages that could reach this confidence
// through their words (PassageIndex::Search's candidate_confidence).
constexpr double kRetrievalCandidateConfidence = 0.25;
// How many of the question model's most likely items become candidates.
constexpr size_t kModelCandidates = 4;
// The label of the question model for questions nothing answers.
constexpr absl::string_view kOutOfScopeLabel = knowledge_base::kOutOfScopeItem;
// Confidence in a framework's field when the question asks for exactly
// that field of exactly that framework and says nothing else.
constexpr double kIntentConfidence = 0.92;
// A passage about other frameworks than those the question names answers
// it only by accident.
constexpr double kOtherFrameworkFactor = 0.45;
// The FAQ answer wins when its confidence is at least this share of the
// best answer's: the curated entries are the most precise answers there
// are, and a paraphrase of their question often shares more words with a
// longer passage than with the entry.
constexpr double kFaqPreferenceRatio = 0.6;
// ... unless a better passage states question words the entry does not,
// weighing about as much as those the entry states or more ("keras is an
// interface on top of what": the entry on Keras' role states "keras"
// only).
constexpr double kMissedShare = 0.9;
// A passage that states what a better-scoring FAQ entry only relates in its
// context wins from this share of the entry's confidence ("is demand for
// AI professionals growing in India": the article's paragraph on the job
// market, not the popularity entry whose context quotes it).
constexpr double kStatedPreferenceRatio = 0.5;
// A neighbouring sentence joins the answer when it holds this share of the
// best sentence's matched weight and adds a term of its own.
constexpr double kSecondSentenceShare = 0.5;

// The longest FAQ answer, in sentences, that a document paragraph is
// checked for repeating.
constexpr size_t kMaxFaqAnswerSentences = 4;
// A hiring pattern's title says whom it is about as clearly as its
// strongest signals.
constexpr double kTitleSignalWeight = 1.5;
// The terms a pattern owns must weigh this share of a word no passage
// holds to say a question is about whom the pattern is about.
constexpr double kMinPatternWeightShare = 0.5;
// A pattern owns a term when its signals hold it this much more strongly
// than any other pattern's.
constexpr double kOwnedTermMargin = 1.5;

// Words a framework field's title adds to the framework's name, so a
// question in those words finds the field (knowledge_base::FrameworkFields
// lists the fields).
struct FieldTitle {
  absl::string_view field;
  absl::string_view words;
};
constexpr FieldTitle kFieldTitles[] = {
    {"strengths", "strengths advantages"},
    {"best_for", "suited use cases"},
    {"developer", "developer creator maintainer author"},
    {"website", "website homepage documentation"},
    {"status", "status maintained maintenance active developed retired discontinued"},
    {"first_release_year", "first released release year"},
    {"licence", "licence license"},
    {"languages", "programming languages"},
    {"builds_on", "builds built on top based runs backend"},
    {"works_with", "works with"},
};

absl::string_view FieldTitleWords(absl::string_view field) {
  for (const FieldTitle& title : kFieldTitles) {
    if (title.field == field) return title.words;
  }
  return {};
}

// A sentence of a passage, with the terms it holds.
struct Sentence {
  absl::string_view text;
  std::vector<TermId> terms;  // Sorted, distinct.
};

// What the answerer keeps about a passage besides the Passage itself.
struct PassageFacts {
  // Framework terms the passage is about or names, sorted, distinct.
  std::vector<TermId> frameworks;
  // The frameworks an answer from it is about, for a follow-up ("who made
  // it?"): a framework field's framework, a hiring pattern's preferred
  // one, else the first two the text names.
  absl::InlinedVector<const Framework*, 2> subjects;
  // Index of its text's sentences in Index::sentence_sets, -1 when it has
  // one sentence.
  int32_t sentence_set = -1;
  // The sentence the passage was matched by (a paragraph's passages are
  // its sentences), -1 when the whole text was.
  int32_t sentence = -1;
  // Frameworks the knowledge base does not describe that the passage
  // names, sorted, distinct.
  std::vector<TermId> undescribed;
  // The framework whose record the passage is a field of (its display
  // name's term), -1 for any other passage: a field is about its own
  // framework whatever other frameworks it names.
  TermId record = -1;
};

// Whether the question speaks of the asker or the asker's team ("I work at
// a bank", "our startup", "my company"): only then does an employer it
// names say who asks rather than what is asked about.
bool SpeaksOfAsker(absl::string_view question) {
  thread_local text::FoldedWords folded;
  text::FoldWordsInto(question, &folded);
  static constexpr absl::string_view kFirstPerson[] = {"i", "im", "me", "my", "we", "our", "us"};
  return std::any_of(folded.words.begin(), folded.words.end(), [](absl::string_view word) {
    return std::find(std::begin(kFirstPerson), std::end(kFirstPerson), word) !=
           std::end(kFirstPerson);
  });
}

// The framework field a shared label stands for ("developer" for
// "frameworks/*/developer"), or empty.
absl::string_view SharedField(absl::string_view label) {
  constexpr absl::string_view kPrefix = "frameworks/*/";
  return absl::StartsWith(label, kPrefix) ? label.substr(kPrefix.size()) : absl::string_view();
}

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
  const v1::Lexicon& lexicon = EnglishLexicon();
  for (const std::string& word : lexicon.stop_words()) builder.AddStopWord(word);
  for (const std::string& word : knowledge_base.stop_words()) builder.AddStopWord(word);
  // Framework names first: they win over any synonym group that lists them.
  for (const Framework& framework : knowledge_base.frameworks()) {
    std::vector<std::string> names = {framework.id()};
    names.insert(names.end(), framework.aliases().begin(), framework.aliases().end());
    builder.AddSynonyms(framework.display_name(), names);
  }
  // Frameworks known only by name are terms of their own too, so that a
  // question naming one can be told apart.
  for (const auto& other : knowledge_base.undescribed_frameworks()) {
    builder.AddSynonyms(other.display_name(),
                        std::vector<std::string>(other.aliases().begin(), other.aliases().end()));
  }
  // The knowledge base's domain vocabulary before generic English.
  for (const auto* groups : {&knowledge_base.synonyms(), &lexicon.synonyms()}) {
    for (const auto& group : *groups) {
      builder.AddSynonyms(group.canonical(),
                          std::vector<std::string>(group.terms().begin(), group.terms().end()));
    }
  }
  // Hiring pattern signals are not passages' words, but the words that say
  // whom a "which framework for ..." question is about ("labs", "phd").
  for (const auto& pattern : knowledge_base.hiring_patterns()) {
    for (const auto& signal : pattern.signals()) builder.AddVocabulary(signal.phrase());
  }
  for (const PassageFields& passage : fields) {
    builder.AddVocabulary(passage.title);
    builder.AddVocabulary(passage.text);
    for (const std::string& context : passage.context) builder.AddVocabulary(context);
  }
  return builder.Build();
}

// `text` without its "(source: ...)" notes.
std::string WithoutSourceNotes(absl::string_view text) {
  std::string out;
  for (;;) {
    const size_t note = text.find("(source:");
    const size_t end = note == absl::string_view::npos ? note : text.find(')', note);
    if (end == absl::string_view::npos) break;
    absl::StrAppend(&out, text.substr(0, note));
    text.remove_prefix(end + 1);
  }
  absl::StrAppend(&out, text);
  return out;
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
      pattern_.back() = &pattern;
      AddLearningPath(absl::StrCat(name, "/learningPath"),
                      absl::StrCat("Learning path for ", pattern.title()), pattern.learning_path());
    }
    for (int i = 0; i < kb_.insights_size(); ++i) {
      const auto& insight = kb_.insights(i);
      const std::string names = FrameworkNames(kb_, insight.framework_ids());
      Add(SourceKind::kInsight, absl::StrCat("insights/", i + 1), names, insight.text(), names);
    }
    if (!kb_.general_advice().empty()) {
      AddSentences(SourceKind::kAdvice, "advice/general", "Advice on combining frameworks",
                   kb_.general_advice(), "");
    }
    AddLearningPath("advice/defaultLearningPath", "Learning path for any role",
                    kb_.default_learning_path());
    for (const auto& document : kb_.documents()) CollectDocument(document);
  }

  std::vector<Passage> TakePassages() { return std::move(passages_); }
  std::vector<PassageFields> TakeFields() { return std::move(fields_); }
  // Texts the passages view that the knowledge base does not hold as such.
  std::deque<std::string> TakeTexts() { return std::move(texts_); }
  // By passage: the sentence of its text it was matched by, or -1.
  std::vector<int32_t> TakeSentences() { return std::move(sentence_); }
  // By passage: the framework it is about, when one.
  std::vector<const Framework*> TakeAbout() { return std::move(about_); }
  // By passage: the hiring pattern whose reason it is, when one.
  std::vector<const v1::HiringPattern*> TakePatterns() { return std::move(pattern_); }

 private:
  // `text` must outlive the answerer: the knowledge base's or Own()ed.
  Passage& Add(SourceKind kind, std::string name, std::string title, absl::string_view text,
               std::string indexed_title) {
    Passage& passage = passages_.emplace_back();
    passage.kind = kind;
    passage.name = std::move(name);
    passage.title = std::move(title);
    passage.text = text;
    passage.item = passage.name;
    PassageFields& fields = fields_.emplace_back();
    fields.title = std::move(indexed_title);
    fields.text = std::string(text);
    sentence_.push_back(-1);
    about_.push_back(nullptr);
    pattern_.push_back(nullptr);
    return passage;
  }

  // A text made here, kept for the answerer's lifetime.
  absl::string_view Own(std::string text) { return texts_.emplace_back(std::move(text)); }

  // Prose of more than two sentences answers with its sentences: each is a
  // passage of its own, indexed by its words, sharing the whole text as
  // context. `context` is indexed with each.
  void AddSentences(SourceKind kind, const std::string& name, const std::string& title,
                    absl::string_view text, const std::string& context) {
    const std::vector<absl::string_view> sentences = text::SplitSentences(text);
    if (sentences.size() <= 2) {
      Add(kind, name, title, text, "");
      if (!context.empty()) fields_.back().context.push_back(context);
      return;
    }
    for (size_t s = 0; s < sentences.size(); ++s) {
      Add(kind, name, title, text, "");
      fields_.back().text = std::string(sentences[s]);
      if (!context.empty()) fields_.back().context.push_back(context);
      sentence_.back() = static_cast<int32_t>(s);
    }
  }

  void CollectFramework(const Framework& framework) {
    const std::string name = absl::StrCat("frameworks/", framework.id());
    for (const knowledge_base::FrameworkField& fact : knowledge_base::FrameworkFields()) {
      if (!fact.answerable) continue;
      const absl::string_view field = fact.name;
      absl::string_view text;
      if (field == "summary") text = framework.summary();
      if (field == "strengths") text = Own(absl::StrJoin(framework.strengths(), "; "));
      if (field == "best_for") text = Own(absl::StrJoin(framework.best_for(), "; "));
      if (field == "developer") text = framework.developer();
      if (field == "website") text = framework.website();
      if (field == "notes") text = Own(absl::StrJoin(framework.notes(), " "));
      if (text.empty()) text = FactSentence(framework, field);
      if (text.empty()) continue;
      Passage& passage = Add(SourceKind::kFramework, name, framework.display_name(), text,
                             absl::StrCat(framework.display_name(), " ", FieldTitleWords(field)));
      passage.field = std::string(field);
      passage.item = absl::StrCat(name, "/", field);
      for (const v1::FieldSource& source : framework.field_sources()) {
        if (source.field() == field) passage.url = source.url();
      }
      // A fact's "(source: URL)" says where it comes from, not what it says.
      fields_.back().text = WithoutSourceNotes(passage.text);
      about_.back() = &framework;
    }
  }

  // A sentence stating a fact field beyond the seed's ("Theano is retired
  // since 2017: ..."), empty when the framework does not state it.
  absl::string_view FactSentence(const Framework& framework, absl::string_view field) {
    const std::string& who = framework.display_name();
    if (field == "status") {
      if (framework.status() == Framework::STATUS_UNSPECIFIED) return {};
      const bool dated = framework.status_year() > 0;
      const char* status = framework.status() == Framework::STATUS_ACTIVE
                               ? "is actively developed"
                               : (framework.status() == Framework::STATUS_MAINTENANCE
                                      ? (dated ? "has been in maintenance only (no new features)"
                                               : "is in maintenance only (no new features)")
                                      : (dated ? "has been retired (no longer developed)"
                                               : "is retired (no longer developed)"));
      const std::string since =
          dated ? absl::StrCat(" since ", framework.status_year()) : std::string();
      const std::string note = framework.status_note().empty()
                                   ? std::string()
                                   : absl::StrCat(" ", framework.status_note());
      return Own(absl::StrCat(who, " ", status, since, ".", note));
    }
    if (field == "first_release_year" && framework.first_release_year() > 0) {
      return Own(absl::StrCat(who, " was first released in ", framework.first_release_year(), "."));
    }
    if (field == "licence" && !framework.licence().empty()) {
      return Own(absl::StrCat(who, " is released under the ", framework.licence(), " licence."));
    }
    if (field == "languages" && !framework.languages().empty()) {
      return Own(
          absl::StrCat(who, " is used from ", absl::StrJoin(framework.languages(), ", "), "."));
    }
    if (field == "builds_on" && !framework.builds_on().empty()) {
      return Own(absl::StrCat(who, " builds on ", DisplayNames(framework.builds_on()), "."));
    }
    if (field == "works_with" && !framework.works_with().empty()) {
      return Own(absl::StrCat(who, " works with ", DisplayNames(framework.works_with()), "."));
    }
    return {};
  }

  // The display names of frameworks by id, other names as they are.
  std::string DisplayNames(const google::protobuf::RepeatedPtrField<std::string>& ids) const {
    std::vector<absl::string_view> names;
    for (const std::string& id : ids) {
      const auto it = std::find_if(kb_.frameworks().begin(), kb_.frameworks().end(),
                                   [&](const Framework& f) { return f.id() == id; });
      names.push_back(it == kb_.frameworks().end() ? absl::string_view(id)
                                                   : absl::string_view(it->display_name()));
    }
    return absl::StrJoin(names, ", ");
  }

  void AddLearningPath(const std::string& name, const std::string& title,
                       const google::protobuf::RepeatedPtrField<v1::LearningStepSpec>& steps) {
    std::vector<absl::string_view> whys;
    for (const auto& step : steps) whys.push_back(step.why());
    if (whys.empty()) return;
    AddSentences(SourceKind::kAdvice, name, title, Own(absl::StrJoin(whys, " ")), "");
  }

  // Whether a run of whole sentences of `paragraph` is a FAQ answer (the
  // seed's FAQ section: "Question? Answer."). A hash lookup per run, not a
  // search per FAQ entry: a large knowledge base has thousands of both.
  bool RepeatsFaqAnswer(absl::string_view paragraph) {
    if (faq_answers_.empty()) {
      for (const auto& faq : kb_.faqs()) faq_answers_.insert(faq.answer());
    }
    const std::vector<absl::string_view> sentences = text::SplitSentences(paragraph);
    for (size_t first = 0; first < sentences.size(); ++first) {
      for (size_t last = first; last < sentences.size() && last < first + kMaxFaqAnswerSentences;
           ++last) {
        const char* begin = sentences[first].data();
        const char* end = sentences[last].data() + sentences[last].size();
        if (faq_answers_.contains(absl::string_view(begin, static_cast<size_t>(end - begin)))) {
          return true;
        }
      }
    }
    return false;
  }

  void CollectDocument(const v1::Document& document) {
    const std::string name = absl::StrCat("documents/", document.id());
    int number = 0;  // 1-based across the document, as examples name them.
    for (const auto& section : document.sections()) {
      for (const std::string& paragraph : section.paragraphs()) {
        ++number;
        // The document's own copy of a curated FAQ answer adds nothing but
        // a rival to the entry.
        if (RepeatsFaqAnswer(paragraph)) continue;
        // A heading says what a whole section is about, not what each of
        // its paragraphs answers: context, not title.
        const size_t first = passages_.size();
        AddSentences(SourceKind::kDocument, name, document.title(), paragraph,
                     section.heading().empty() ? document.title() : section.heading());
        for (size_t p = first; p < passages_.size(); ++p) {
          passages_[p].section = section.heading();
          passages_[p].item = absl::StrCat(name, "/paragraphs/", number);
          passages_[p].url = document.source().url();
        }
      }
    }
  }

  const KnowledgeBase& kb_;
  std::vector<Passage> passages_;
  std::vector<PassageFields> fields_;
  std::deque<std::string> texts_;
  std::vector<int32_t> sentence_;
  std::vector<const Framework*> about_;
  std::vector<const v1::HiringPattern*> pattern_;
  absl::flat_hash_set<absl::string_view> faq_answers_;
};

// A candidate answer while scoring: an item, through one of its passages.
struct Scored {
  // The item's passage the answer is taken from.
  int32_t passage = 0;
  // The passage retrieval matched, when it found the item (its sentence
  // gives the answer text), else -1.
  int32_t retrieved = -1;
  CandidateSignals signals;
  double confidence = 0;
};

// A candidate while ranking: a passage and its confidence.
struct Ranked {
  int32_t passage = 0;
  double confidence = 0;
  // PassageMatch::matched_terms.
  uint64_t matched_terms = 0;
};

// Per-thread buffers for one call.
struct Scratch {
  text::Analysis analysis;
  text::FoldedWords proper_words;
  text::Analysis proper;
  text::Analysis rest;
  std::vector<PassageMatch> matches;
  std::vector<Ranked> ranked;
  std::vector<TermId> question_terms;
  // Framework terms of the question, sorted.
  std::vector<TermId> named;
  // Terms the fact a question asks for accounts for, sorted.
  std::vector<TermId> explaining;
  // Frameworks the knowledge base does not describe that the question
  // names, sorted.
  std::vector<TermId> named_undescribed;
  // The question model's probability of each label.
  std::vector<float> probabilities;
  std::vector<Scored> scored;
  std::vector<std::string> dropped;
  // The kind of value the question proper asks for.
  ExpectedAnswer expected = ExpectedAnswer::kAnything;
  // The item of the hiring pattern whose kind of employer or role the
  // question names ("hiringPatterns/enterprise"), or empty.
  absl::string_view employer_item;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

struct KnowledgeAnswerer::Index : public MentionReader {
  Index(const KnowledgeBase& knowledge_base, PassageCollector collector)
      : fields(collector.TakeFields()),
        texts(collector.TakeTexts()),
        analyzer(BuildAnalyzer(knowledge_base, fields)),
        passages(collector.TakePassages()),
        search(analyzer, fields, FrameworkTerms(knowledge_base)),
        roles(knowledge_base) {
    const std::vector<int32_t> sentence = collector.TakeSentences();
    const std::vector<const Framework*> about = collector.TakeAbout();
    const std::vector<const v1::HiringPattern*> patterns = collector.TakePatterns();
    pattern_of_passage = patterns;
    for (const auto& pattern : knowledge_base.hiring_patterns()) {
      pattern_by_id[pattern.id()] = &pattern;
      for (const auto& signal : pattern.signals()) {
        text::FoldedWords words;
        text::FoldWordsInto(signal.phrase(), &words);
        for (const absl::string_view word : words.words) {
          const absl::StatusOr<RoleMatch> match = roles.Match(word);
          if (match.ok() && !match->recognized.empty()) employer_stems.insert(text::Stem(word));
        }
      }
    }
    for (const auto& other : knowledge_base.undescribed_frameworks()) {
      const TermId term = analyzer.FindTerm(other.display_name());
      if (term >= 0 && !framework_of_term.contains(term)) {
        undescribed_terms.push_back(term);
        undescribed_names[term] = other.display_name();
      }
    }
    std::sort(undescribed_terms.begin(), undescribed_terms.end());
    facts.resize(passages.size());
    for (size_t p = 0; p < passages.size(); ++p) {
      PassageFacts& fact = facts[p];
      fact.sentence = sentence[p];
      const bool same_text = p > 0 && passages[p].text.data() == passages[p - 1].text.data() &&
                             passages[p].text.size() == passages[p - 1].text.size();
      const std::vector<TermId> title_terms = DistinctTermIds(analyzer.Analyze(fields[p].title));
      if (same_text) {
        // Another sentence of the paragraph before: the same facts.
        fact.subjects = facts[p - 1].subjects;
        fact.frameworks = facts[p - 1].frameworks;
        fact.undescribed = facts[p - 1].undescribed;
        fact.sentence_set = facts[p - 1].sentence_set;
      } else {
        fact.subjects = Subjects(p, about[p], patterns[p]);
        std::vector<TermId> terms = DistinctTermIds(analyzer.Analyze(passages[p].text));
        terms.insert(terms.end(), title_terms.begin(), title_terms.end());
        for (const TermId term : terms) {
          if (framework_of_term.contains(term)) fact.frameworks.push_back(term);
          if (Contains(undescribed_terms, term)) fact.undescribed.push_back(term);
        }
        std::sort(fact.undescribed.begin(), fact.undescribed.end());
        fact.undescribed.erase(std::unique(fact.undescribed.begin(), fact.undescribed.end()),
                               fact.undescribed.end());
        std::sort(fact.frameworks.begin(), fact.frameworks.end());
        fact.frameworks.erase(std::unique(fact.frameworks.begin(), fact.frameworks.end()),
                              fact.frameworks.end());
        std::vector<Sentence> sentences;
        for (const absl::string_view text : text::SplitSentences(passages[p].text)) {
          sentences.push_back({text, DistinctTermIds(analyzer.Analyze(text))});
        }
        if (sentences.size() > 1) {
          fact.sentence_set = static_cast<int32_t>(sentence_sets.size());
          sentence_sets.push_back(std::move(sentences));
        }
      }
      if (about[p] != nullptr) {
        const TermId term = analyzer.FindTerm(about[p]->display_name());
        field_passage[{term, passages[p].field}] = static_cast<int32_t>(p);
        fact.record = term;
      }
      if (passages[p].kind == SourceKind::kInsight) insights.push_back(static_cast<int32_t>(p));
      if (patterns[p] != nullptr) {
        // What the pattern is about: its title's and signals' terms, each
        // with the weight of the strongest signal holding it.
        PatternTerms& pattern = hiring_patterns.emplace_back();
        pattern.passage = static_cast<int32_t>(p);
        for (const TermId term : title_terms) pattern.weights[term] = kTitleSignalWeight;
        for (const auto& signal : patterns[p]->signals()) {
          for (const TermId term : DistinctTermIds(analyzer.Analyze(signal.phrase()))) {
            double& weight = pattern.weights[term];
            weight = std::max(weight, static_cast<double>(signal.weight()));
          }
        }
      }
    }
    // A term says whom a pattern is about when that pattern's signals hold
    // it much more strongly than any other's ("bank", not "company").
    for (PatternTerms& pattern : hiring_patterns) {
      for (const auto& [term, weight] : pattern.weights) {
        double others = 0;
        for (const PatternTerms& other : hiring_patterns) {
          if (&other == &pattern) continue;
          const auto it = other.weights.find(term);
          if (it != other.weights.end()) others = std::max(others, it->second);
        }
        if (weight >= kOwnedTermMargin * others) pattern.terms.push_back(term);
      }
      std::sort(pattern.terms.begin(), pattern.terms.end());
    }
    fields.clear();
    fields.shrink_to_fit();
    BuildQuestionModel(knowledge_base);
  }

  // Labels the question model with the items the knowledge base has example
  // questions for and trains it; without examples there is none, and
  // retrieval alone answers.
  void BuildQuestionModel(const KnowledgeBase& knowledge_base) {
    QuestionModelTrainingSet training_set = TrainingSetOf(knowledge_base);
    if (training_set.examples.empty()) return;
    labels = std::move(training_set.labels);
    absl::flat_hash_map<absl::string_view, int> label_of;
    for (size_t label = 0; label < labels.size(); ++label) {
      label_of.emplace(labels[label], static_cast<int>(label));
    }
    if (const auto it = label_of.find(kOutOfScopeLabel); it != label_of.end()) {
      out_of_scope_label = it->second;
    }
    label_of_passage.assign(passages.size(), -1);
    first_passage_of_label.assign(labels.size(), -1);
    for (size_t p = 0; p < passages.size(); ++p) {
      const auto it = label_of.find(QuestionModelLabel(passages[p].item));
      if (it == label_of.end()) continue;
      label_of_passage[p] = it->second;
      int32_t& first = first_passage_of_label[static_cast<size_t>(it->second)];
      if (first < 0) first = static_cast<int32_t>(p);
    }
    absl::StatusOr<std::unique_ptr<const QuestionModel>> built =
        BuiltInOrTrainedQuestionModel(training_set.examples, static_cast<int>(labels.size()));
    if (!built.ok()) {
      model_status = built.status();
      return;
    }
    model = *std::move(built);
  }

  std::vector<TermId> FrameworkTerms(const KnowledgeBase& knowledge_base) {
    std::vector<TermId> terms;
    for (const Framework& framework : knowledge_base.frameworks()) {
      const TermId term = analyzer.FindTerm(framework.display_name());
      if (term < 0) continue;
      terms.push_back(term);
      framework_of_term[term] = &framework;
      framework_by_id[framework.id()] = &framework;
    }
    return terms;
  }

  // The frameworks a passage's answer is about (PassageFacts::subjects).
  absl::InlinedVector<const Framework*, 2> Subjects(size_t p, const Framework* about,
                                                    const v1::HiringPattern* pattern) const {
    absl::InlinedVector<const Framework*, 2> subjects;
    if (about != nullptr) {
      subjects.push_back(about);
      return subjects;
    }
    if (pattern != nullptr) {
      const auto it = framework_by_id.find(pattern->framework_id());
      if (it != framework_by_id.end()) subjects.push_back(it->second);
      return subjects;
    }
    for (const text::AnalyzedTerm& term : analyzer.Analyze(passages[p].text).terms) {
      const auto it = framework_of_term.find(term.id);
      if (it == framework_of_term.end() ||
          std::find(subjects.begin(), subjects.end(), it->second) != subjects.end()) {
        continue;
      }
      subjects.push_back(it->second);
      if (subjects.size() == 2) break;
    }
    return subjects;
  }

  // MentionReader, for follow-up questions.
  size_t FrameworkAt(absl::Span<const absl::string_view> words, size_t first,
                     std::string* id) const override {
    // Longest first: "pytorch lightning" before "pytorch".
    for (size_t size = std::min<size_t>(kMaxNameWords, words.size() - first); size > 0; --size) {
      // A stop word is not part of a name ("and keras" is "keras").
      if (size > 1 &&
          (analyzer.FindTerm(words[first]) < 0 || analyzer.FindTerm(words[first + size - 1]) < 0)) {
        continue;
      }
      const TermId term = analyzer.FindTerm(absl::StrJoin(words.subspan(first, size), " "));
      const auto it = framework_of_term.find(term);
      if (it != framework_of_term.end()) {
        *id = it->second->id();
        return size;
      }
    }
    return 0;
  }
  bool IsEmployerWord(absl::string_view word) const override {
    return employer_stems.contains(text::Stem(word));
  }
  bool IsContentWord(absl::string_view word) const override {
    thread_local text::Analysis analysis;
    analyzer.AnalyzeInto(word, &analysis);
    return !analysis.terms.empty() || !analysis.unknown_words.empty();
  }
  std::string DisplayName(absl::string_view framework_id) const override {
    const auto it = framework_by_id.find(framework_id);
    return it == framework_by_id.end() ? std::string(framework_id) : it->second->display_name();
  }

  // Whether an answer is about framework `id` (PassageFacts::subjects), or
  // about frameworks without it.
  bool About(const KnowledgeAnswer& answer, absl::string_view id) const {
    if (answer.best.passage == nullptr) return false;
    const auto& subjects = facts[answer.best.passage - passages.data()].subjects;
    return std::any_of(subjects.begin(), subjects.end(),
                       [&](const Framework* subject) { return subject->id() == id; });
  }
  bool AboutOtherFramework(const KnowledgeAnswer& answer, absl::string_view id) const {
    return answer.best.passage != nullptr &&
           !facts[answer.best.passage - passages.data()].subjects.empty() && !About(answer, id);
  }

  // The hiring pattern of the kind of employer or level an asker's
  // description names, or null.
  const v1::HiringPattern* AskerPattern(absl::string_view asker) const {
    const absl::StatusOr<RoleMatch> match = roles.Match(asker);
    if (!match.ok() || match->recognized.empty()) return nullptr;
    return match->recognized.front();
  }

  // What the conversation is about after `answer` to `resolved`: views
  // into the knowledge base and the answerer (an id or pattern `previous`
  // names that this knowledge base does not know is dropped).
  ContextView NextContext(const v1::ConversationContext& previous, const ResolvedQuestion& resolved,
                          const v1::HiringPattern* asker_pattern,
                          const KnowledgeAnswer& answer) const {
    ContextView next;
    auto add = [&](const Framework* framework) {
      const absl::string_view id = framework->id();
      if (next.framework_ids.size() == static_cast<size_t>(kMaxContextFrameworks) ||
          std::find(next.framework_ids.begin(), next.framework_ids.end(), id) !=
              next.framework_ids.end()) {
        return;
      }
      next.framework_ids.push_back(id);
    };
    auto add_id = [&](absl::string_view id) {
      const auto it = framework_by_id.find(id);
      if (it != framework_by_id.end()) add(it->second);
    };
    for (const std::string& id : resolved.frameworks) add_id(id);
    if (resolved.frameworks.empty()) {
      for (const Framework* named : answer.named_frameworks) add(named);
    }
    const Passage* passage = answer.answered ? answer.best.passage : nullptr;
    if (next.framework_ids.empty() && passage != nullptr) {
      for (const Framework* subject : facts[passage - passages.data()].subjects) add(subject);
    }
    for (const std::string& id : previous.framework_ids()) add_id(id);
    const v1::HiringPattern* pattern = asker_pattern;
    if (passage != nullptr && passage->kind == SourceKind::kHiringPattern) {
      pattern = pattern_of_passage[static_cast<size_t>(passage - passages.data())];
    }
    if (pattern == nullptr) {
      const auto it = pattern_by_id.find(previous.hiring_pattern_id());
      if (it != pattern_by_id.end()) pattern = it->second;
    }
    if (pattern != nullptr) next.hiring_pattern_id = pattern->id();
    next.question = resolved.text.size() <= kMaxContextQuestionBytes
                        ? resolved.text
                        : resolved.text.substr(0, kMaxContextQuestionBytes + 1);
    if (passage != nullptr) next.item = passage->item;
    return next;
  }

  // The field passage of framework `term`, or -1.
  int32_t FieldPassage(TermId term, absl::string_view field) const {
    const auto it = field_passage.find(std::make_pair(term, std::string(field)));
    return it == field_passage.end() ? -1 : it->second;
  }

  // The passage holding the fact a question of this kind asks for, or -1;
  // adds to `explaining` the terms that fact accounts for.
  int32_t AskedPassage(AskedFor asked_for, const Scratch& scratch,
                       std::vector<TermId>* explaining) const {
    const std::vector<TermId>& named = scratch.named;
    if (named.size() == 1) {
      switch (asked_for) {
        case AskedFor::kDeveloper:
          return FieldPassage(named.front(), "developer");
        case AskedFor::kWebsite:
          return FieldPassage(named.front(), "website");
        case AskedFor::kSummary:
          return FieldPassage(named.front(), "summary");
        case AskedFor::kFrameworkChoice:
        case AskedFor::kUse:
          return FieldPassage(named.front(), "best_for");
        case AskedFor::kHistory: {
          // The notes tell the seed frameworks' story; the others state
          // their first release.
          const int32_t notes = FieldPassage(named.front(), "notes");
          return notes >= 0 ? notes : FieldPassage(named.front(), "first_release_year");
        }
        default:
          return -1;
      }
    }
    if (named.size() >= 2 &&
        (asked_for == AskedFor::kComparison || asked_for == AskedFor::kFrameworkChoice)) {
      return Comparison(named, scratch.ranked);
    }
    if (named.empty() && asked_for == AskedFor::kFrameworkChoice) {
      return Pattern(scratch.rest, explaining);
    }
    return -1;
  }

  // The insight about exactly the named frameworks that matched best, else
  // the first about exactly them, else the first about all of them.
  int32_t Comparison(const std::vector<TermId>& named, const std::vector<Ranked>& ranked) const {
    auto about_exactly = [&](int32_t insight) { return facts[insight].frameworks == named; };
    for (const Ranked& candidate : ranked) {
      if (passages[candidate.passage].kind == SourceKind::kInsight &&
          about_exactly(candidate.passage)) {
        return candidate.passage;
      }
    }
    int32_t first = -1;
    for (const int32_t insight : insights) {
      const std::vector<TermId>& about = facts[insight].frameworks;
      if (!std::includes(about.begin(), about.end(), named.begin(), named.end())) continue;
      if (about_exactly(insight)) return insight;
      if (first < 0) first = insight;
    }
    return first;
  }

  // The hiring pattern whose own terms explain most of `rest`, or -1; adds
  // its terms to `explaining`.
  int32_t Pattern(const text::Analysis& rest, std::vector<TermId>* explaining) const {
    const PatternTerms* best = nullptr;
    double best_weight = 0;
    const std::vector<TermId> rest_terms = DistinctTermIds(rest);
    for (const PatternTerms& pattern : hiring_patterns) {
      double weight = 0;
      for (const TermId term : rest_terms) {
        if (Contains(pattern.terms, term)) weight += search.QuestionWeight(term);
      }
      if (weight > best_weight) {
        best = &pattern;
        best_weight = weight;
      }
    }
    // A common word ("ai") does not say whom a question is about.
    if (best == nullptr || best_weight < kMinPatternWeightShare * search.unknown_weight()) {
      return -1;
    }
    // Chosen by the terms it owns, it explains every term its signals hold
    // ("big" in "big consultancies", which "big company" holds too).
    for (const auto& [term, weight] : best->weights) explaining->push_back(term);
    std::sort(explaining->begin(), explaining->end());
    return best->passage;
  }

  // The passage of the hiring pattern whose kind of employer or role the
  // question describes, as the role matcher recognises it from the same
  // signals as a role description ("I work at a bank" -> enterprise), or -1.
  int32_t EmployerPattern(absl::string_view question) const {
    if (!SpeaksOfAsker(question)) return -1;
    const absl::StatusOr<RoleMatch> match = roles.Match(question);
    if (!match.ok() || match->recognized.empty()) return -1;
    const std::string item = absl::StrCat("hiringPatterns/", match->recognized.front()->id());
    for (const PatternTerms& pattern : hiring_patterns) {
      if (passages[pattern.passage].item == item) return pattern.passage;
    }
    return -1;
  }

  // How much of the question a fact leaves unexplained: (1 - share of
  // `rest`'s weight that is not among the `explained` terms)^3, so one
  // foreign word ("tuner", "lightning") sinks it.
  // The first `context_terms` terms of `rest` are a preamble's: they count
  // kContextTermShare when explained and not at all otherwise.
  double ExplainedShare(const text::Analysis& rest, size_t context_terms,
                        const std::vector<TermId>& explained_terms) const {
    // Each term once, at the share where it counts most.
    std::vector<std::pair<TermId, double>> shares;
    for (size_t i = 0; i < rest.terms.size(); ++i) {
      const double share = i < context_terms ? kContextTermShare : 1;
      const TermId id = rest.terms[i].id;
      auto it = std::find_if(shares.begin(), shares.end(),
                             [id](const std::pair<TermId, double>& s) { return s.first == id; });
      if (it == shares.end()) {
        shares.emplace_back(id, share);
      } else {
        it->second = std::max(it->second, share);
      }
    }
    double explained_weight = 0;
    double other_weight = 0;
    for (const auto& [id, share] : shares) {
      if (Contains(explained_terms, id)) {
        explained_weight += share * search.QuestionWeight(id);
      } else if (share == 1) {  // A preamble's other words say who asks, not what.
        other_weight += search.QuestionWeight(id);
      }
    }
    std::vector<std::string> unknown = rest.unknown_words;
    std::sort(unknown.begin(), unknown.end());
    other_weight +=
        static_cast<double>(std::unique(unknown.begin(), unknown.end()) - unknown.begin()) *
        search.unknown_weight();
    if (explained_weight <= 0) return 0;
    const double explained = explained_weight / (explained_weight + other_weight);
    return explained * explained * explained;
  }

  // The weight of the question terms in `terms` (PassageMatch bits over
  // `question_terms`).
  double WeightOf(uint64_t terms, const std::vector<TermId>& question_terms) const {
    double weight = 0;
    for (size_t i = 0; i < question_terms.size() && i < 64; ++i) {
      if ((terms >> i & 1) != 0) weight += search.QuestionWeight(question_terms[i]);
    }
    return weight;
  }

  // Whether `passage`, stating the question terms `best`, answers more of
  // the question than a FAQ entry stating `faq`: it states words the entry
  // does not that weigh more than kMissedShare of the entry's, or all the
  // entry states and a framework the question names besides ("is keras
  // enough on its own": the Keras summary's "not sufficient on its own",
  // not the entry on knowing one framework).
  bool SaysMoreThan(int32_t passage, uint64_t best, uint64_t faq, const Scratch& scratch) const {
    const uint64_t extra = best & ~faq;
    if (extra == 0) return false;
    if (WeightOf(extra, scratch.question_terms) >
        kMissedShare * WeightOf(faq, scratch.question_terms)) {
      return true;
    }
    if ((best & faq) != faq) return false;
    std::vector<TermId> named_extra;
    std::vector<TermId> shared;
    for (size_t i = 0; i < scratch.question_terms.size() && i < 64; ++i) {
      const TermId term = scratch.question_terms[i];
      if ((extra >> i & 1) != 0 && Contains(scratch.named, term)) named_extra.push_back(term);
      if ((faq >> i & 1) != 0) shared.push_back(term);
    }
    if (named_extra.empty()) return false;
    // One sentence must say it all: "While not sufficient on its own, Keras
    // provides ...", not a paragraph naming PyTorch here and jobs there.
    const PassageFacts& fact = facts[passage];
    if (fact.sentence >= 0 || fact.sentence_set < 0) return true;  // One sentence.
    const std::vector<Sentence>& sentences = sentence_sets[fact.sentence_set];
    return std::any_of(sentences.begin(), sentences.end(), [&](const Sentence& sentence) {
      return std::includes(sentence.terms.begin(), sentence.terms.end(), shared.begin(),
                           shared.end()) &&
             std::any_of(named_extra.begin(), named_extra.end(),
                         [&](TermId term) { return Contains(sentence.terms, term); });
    });
  }

  // The most precise part of passage `p` for a question with these terms:
  // the sentence it was matched by, with a neighbour that adds to it, or
  // all of it.
  absl::string_view AnswerText(int32_t p, const std::vector<TermId>& question_terms) const {
    const PassageFacts& fact = facts[p];
    if (fact.sentence < 0) return passages[p].text;
    const std::vector<Sentence>& sentences = sentence_sets[fact.sentence_set];
    auto score = [&](const Sentence& sentence) {
      double total = 0;
      for (const TermId term : question_terms) {
        if (search.Holds(term) && Contains(sentence.terms, term)) {
          total += search.QuestionWeight(term);
        }
      }
      return total;
    };
    const auto best = static_cast<size_t>(fact.sentence);
    const double best_score = score(sentences[best]);
    // A neighbour that adds a term of the question of its own joins it.
    size_t first = best;
    size_t last = best;
    double neighbour_score = 0;
    for (const size_t neighbour : {best - 1, best + 1}) {
      if (neighbour >= sentences.size()) continue;  // best - 1 wraps around at 0.
      const double candidate = score(sentences[neighbour]);
      const bool adds = std::any_of(question_terms.begin(), question_terms.end(), [&](TermId term) {
        return Contains(sentences[neighbour].terms, term) && !Contains(sentences[best].terms, term);
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

  // The phases of KnowledgeAnswerer::Answer, in order, each reading what
  // the ones before left in `scratch`.

  // Analyses `question` into scratch->analysis, its distinct terms and the
  // frameworks it names; returns how many of its terms are a preamble's.
  size_t AnalyzeQuestion(absl::string_view question, Scratch* scratch) const;
  // The passages the question's words match, with their confidence.
  void RankMatches(size_t context_terms, Scratch* scratch) const;
  // A question that asks for one field of one framework, compares the
  // frameworks it names or asks which framework suits someone gets that
  // fact, as sure as the fact explains everything else the question says.
  // Returns the fact's passage when it ranks by what the question asks for
  // rather than by its words, else -1.
  int32_t RankAskedFact(size_t context_terms, Scratch* scratch) const;
  // Moves a FAQ entry or a passage that states more to the front of the
  // ranking (sorted, not empty).
  void PreferStatedAnswer(int32_t intent_answer, Scratch* scratch) const;
  // Every candidate item, from retrieval's ranking and the question
  // model's most likely labels, with its signals and confidence, best
  // first; candidates about other frameworks than those the question names
  // are set aside.
  void ScoreCandidates(absl::string_view question, bool explain, Scratch* scratch) const;
  // The best candidate and the alternatives from other texts.
  KnowledgeAnswer CollectAnswer(const Scratch& scratch, bool explain) const;
  // A scored candidate as an answer: the sentences retrieval matched, or
  // the item's whole text.
  AnswerCandidate CandidateOf(const Scored& scored, const Scratch& scratch) const {
    const absl::string_view text = scored.retrieved >= 0
                                       ? AnswerText(scored.retrieved, scratch.question_terms)
                                       : passages[scored.passage].text;
    return AnswerCandidate{&passages[scored.passage], text, scored.confidence};
  }
  // Fills the answer's explanation.
  void Explain(const Scratch& scratch, KnowledgeAnswer* answer) const;
  // Answers a question that passed text::ValidateFreeText.
  absl::StatusOr<KnowledgeAnswer> AnswerValid(absl::string_view question, bool explain) const;

  // Declared in construction order: the analyzer reads the fields' words,
  // the search index points at the analyzer.
  std::vector<PassageFields> fields;
  // Owns the texts that passages view and the knowledge base does not hold.
  std::deque<std::string> texts;
  absl::flat_hash_map<TermId, const Framework*> framework_of_term;
  absl::flat_hash_map<std::string, const Framework*> framework_by_id;
  // The stems of the words of hiring pattern signals that the role matcher
  // recognises a pattern from on their own ("bank", "beginner"): the words
  // that name a kind of employer or level in a follow-up. Stems, not the
  // analyzer's terms: a synonym group ("first" with "beginner") must not
  // make "first" one.
  absl::flat_hash_set<std::string> employer_stems;
  // Hiring patterns by id, and the pattern each passage is (null for the
  // others), for conversation contexts.
  absl::flat_hash_map<std::string, const v1::HiringPattern*> pattern_by_id;
  std::vector<const v1::HiringPattern*> pattern_of_passage;
  text::TextAnalyzer analyzer;
  std::vector<Passage> passages;
  PassageIndex search;
  std::vector<PassageFacts> facts;
  // The sentences of each text of more than one.
  std::vector<std::vector<Sentence>> sentence_sets;
  // (framework term, field) -> passage.
  absl::flat_hash_map<std::pair<TermId, std::string>, int32_t> field_passage;
  std::vector<int32_t> insights;
  // Hiring pattern passages with the terms that say whom they are about.
  struct PatternTerms {
    int32_t passage = 0;
    absl::flat_hash_map<TermId, double> weights;
    std::vector<TermId> terms;  // The terms it owns; sorted, distinct.
  };
  std::vector<PatternTerms> hiring_patterns;
  // Recognises the kind of employer a question describes.
  RoleMatcher roles;
  // Frameworks known only by name: their terms (sorted) and names.
  std::vector<TermId> undescribed_terms;
  absl::flat_hash_map<TermId, std::string> undescribed_names;
  // The question model, its labels ("outOfScope", items, shared framework
  // fields), each passage's label (-1: its item has no examples) and each
  // label's first passage (-1 for shared fields and out of scope).
  std::unique_ptr<const QuestionModel> model;
  absl::Status model_status;
  std::vector<std::string> labels;
  int32_t out_of_scope_label = -1;
  std::vector<int32_t> label_of_passage;
  std::vector<int32_t> first_passage_of_label;
  ScoringParameters parameters;
};

KnowledgeAnswerer::KnowledgeAnswerer(const KnowledgeBase& knowledge_base) {
  PassageCollector collector(knowledge_base);
  collector.CollectAll();
  index_ = std::make_unique<const Index>(knowledge_base, std::move(collector));
}

KnowledgeAnswerer::~KnowledgeAnswerer() = default;

const std::vector<Passage>& KnowledgeAnswerer::passages() const { return index_->passages; }

size_t KnowledgeAnswerer::Index::AnalyzeQuestion(absl::string_view question,
                                                 Scratch* scratch) const {
  // A preamble about the asker only sets the scene: its words count less
  // and its unknown words ("C#", "Bangalore") not at all.
  const absl::string_view proper = QuestionProper(question);
  const absl::string_view preamble = question.substr(0, question.size() - proper.size());
  size_t context_terms = 0;
  // The question proper is folded once, for its analysis and its intent.
  text::FoldWordsInto(proper, &scratch->proper_words);
  scratch->expected = ExpectedAnswerOf(scratch->proper_words);
  if (preamble.empty()) {
    analyzer.AnalyzeFoldedInto(scratch->proper_words, &scratch->analysis);
  } else {
    analyzer.AnalyzeInto(preamble, &scratch->analysis);
    scratch->analysis.unknown_words.clear();
    context_terms = scratch->analysis.terms.size();
    analyzer.AnalyzeFoldedInto(scratch->proper_words, &scratch->proper);
    scratch->analysis.terms.insert(scratch->analysis.terms.end(), scratch->proper.terms.begin(),
                                   scratch->proper.terms.end());
    scratch->analysis.unknown_words = scratch->proper.unknown_words;
  }
  scratch->question_terms = DistinctTermIds(scratch->analysis);
  scratch->named.clear();
  scratch->named_undescribed.clear();
  for (const TermId term : scratch->question_terms) {
    if (framework_of_term.contains(term)) scratch->named.push_back(term);
    if (Contains(undescribed_terms, term)) scratch->named_undescribed.push_back(term);
  }
  return context_terms;
}

void KnowledgeAnswerer::Index::RankMatches(size_t context_terms, Scratch* scratch) const {
  // Passages that cannot answer are not looked for, though alternatives
  // that share a heavier word with the question still show.
  search.Search(scratch->analysis, kSearchDepth, kMinAlternativeConfidence, &scratch->matches,
                context_terms, kRetrievalCandidateConfidence);
  std::vector<Ranked>& ranked = scratch->ranked;
  ranked.clear();
  for (const PassageMatch& match : scratch->matches) {
    double confidence = match.confidence;
    const std::vector<TermId>& about = facts[match.passage].frameworks;
    if (!scratch->named.empty() && !about.empty() && !Intersects(scratch->named, about)) {
      confidence *= kOtherFrameworkFactor;
    }
    ranked.push_back({match.passage, confidence, match.matched_terms});
  }
}

int32_t KnowledgeAnswerer::Index::RankAskedFact(size_t context_terms, Scratch* scratch) const {
  const QuestionIntent intent = ReadQuestionIntent(scratch->proper_words);
  if (intent.asked_for == AskedFor::kAnything) return -1;
  analyzer.AnalyzeInto(intent.rest, &scratch->rest);
  scratch->rest.terms.insert(scratch->rest.terms.begin(), scratch->analysis.terms.begin(),
                             scratch->analysis.terms.begin() + context_terms);
  scratch->explaining = scratch->named;
  const int32_t asked = AskedPassage(intent.asked_for, *scratch, &scratch->explaining);
  if (asked < 0) return -1;
  const double confidence =
      kIntentConfidence * ExplainedShare(scratch->rest, context_terms, scratch->explaining);
  std::vector<Ranked>& ranked = scratch->ranked;
  auto it = std::find_if(ranked.begin(), ranked.end(),
                         [&](const Ranked& r) { return r.passage == asked; });
  if (it == ranked.end()) {
    ranked.push_back({asked, confidence});
    return asked;
  }
  if (confidence >= it->confidence) {
    it->confidence = confidence;
    return asked;
  }
  return -1;
}

void KnowledgeAnswerer::Index::PreferStatedAnswer(int32_t intent_answer, Scratch* scratch) const {
  std::vector<Ranked>& ranked = scratch->ranked;
  // The curated answer first, when it answers about as well and its own
  // words say most of what the best passage's do.
  if (passages[ranked.front().passage].kind != SourceKind::kFaq) {
    const auto faq = std::find_if(ranked.begin(), ranked.end(), [&](const Ranked& r) {
      return passages[r.passage].kind == SourceKind::kFaq;
    });
    if (faq != ranked.end() && faq->confidence >= kRetrievalCandidateConfidence &&
        faq->confidence >= kFaqPreferenceRatio * ranked.front().confidence &&
        ranked.front().passage != intent_answer &&
        std::none_of(ranked.begin(), faq, [&](const Ranked& better) {
          return SaysMoreThan(better.passage, better.matched_terms, faq->matched_terms, *scratch);
        })) {
      std::rotate(ranked.begin(), faq, faq + 1);
    }
  } else {
    // A FAQ entry found through its context loses to a passage that states
    // what the entry only relates.
    const auto other = std::find_if(ranked.begin(), ranked.end(), [&](const Ranked& r) {
      return passages[r.passage].kind != SourceKind::kFaq;
    });
    if (other != ranked.end() && other->confidence >= kRetrievalCandidateConfidence &&
        other->confidence >= kStatedPreferenceRatio * ranked.front().confidence &&
        SaysMoreThan(other->passage, other->matched_terms, ranked.front().matched_terms,
                     *scratch)) {
      std::rotate(ranked.begin(), other, other + 1);
    }
  }
}

void KnowledgeAnswerer::Index::ScoreCandidates(absl::string_view question, bool explain,
                                               Scratch* scratch) const {
  std::vector<Scored>& scored = scratch->scored;
  scored.clear();
  scratch->dropped.clear();
  auto add = [&](int32_t passage) -> Scored& {
    for (Scored& candidate : scored) {
      if (passages[candidate.passage].item == passages[passage].item) return candidate;
    }
    Scored& candidate = scored.emplace_back();
    candidate.passage = passage;
    return candidate;
  };
  for (size_t i = 0; i < scratch->ranked.size(); ++i) {
    const Ranked& ranked = scratch->ranked[i];
    if (ranked.confidence <= 0) continue;
    Scored& candidate = add(ranked.passage);
    if (candidate.retrieved < 0) {
      candidate.retrieved = ranked.passage;
      candidate.passage = ranked.passage;
    }
    candidate.signals.retrieval_confidence =
        std::max(candidate.signals.retrieval_confidence, ranked.confidence);
    if (i == 0) candidate.signals.retrieval_top = true;
  }
  int32_t model_top = -1;
  double out_of_scope = 0;
  std::vector<float>& probabilities = scratch->probabilities;
  if (model != nullptr) {
    model->Predict(question, &probabilities);
    model_top = static_cast<int32_t>(std::max_element(probabilities.begin(), probabilities.end()) -
                                     probabilities.begin());
    if (out_of_scope_label >= 0) out_of_scope = probabilities[out_of_scope_label];
    // The most likely labels, best first.
    thread_local std::vector<int32_t> order;
    order.clear();
    for (int32_t label = 0; label < static_cast<int32_t>(labels.size()); ++label) {
      if (label != out_of_scope_label) order.push_back(label);
    }
    const size_t top = std::min(kModelCandidates, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                      [&](int32_t a, int32_t b) { return probabilities[a] > probabilities[b]; });
    for (size_t i = 0; i < top; ++i) {
      const int32_t label = order[i];
      const absl::string_view field = SharedField(labels[label]);
      if (field.empty()) {
        if (first_passage_of_label[label] >= 0) add(first_passage_of_label[label]);
        continue;
      }
      for (const TermId framework : scratch->named) {
        const int32_t passage = FieldPassage(framework, field);
        if (passage >= 0) add(passage);
      }
    }
  }
  // The hiring pattern of the employer the question names answers for
  // that employer, whichever framework the question names.
  const int32_t employer = EmployerPattern(question);
  scratch->employer_item = employer >= 0 ? absl::string_view(passages[employer].item) : "";
  if (employer >= 0) add(employer);
  auto about_employer = [&](const Passage& passage) {
    return !scratch->employer_item.empty() &&
           absl::StartsWith(passage.item, scratch->employer_item) &&
           (passage.item.size() == scratch->employer_item.size() ||
            passage.item[scratch->employer_item.size()] == '/');
  };
  // An answer is about what the question names: never about another
  // framework (unless it says what the employer named prefers), and about
  // a framework the knowledge base does not describe only when it names
  // that framework itself.
  size_t kept = 0;
  for (Scored& candidate : scored) {
    const PassageFacts& fact = facts[candidate.passage];
    const bool names_employer = about_employer(passages[candidate.passage]);
    const char* why = nullptr;
    absl::string_view detail;
    if (!scratch->named.empty() && !names_employer &&
        ((!fact.frameworks.empty() && !Intersects(scratch->named, fact.frameworks)) ||
         (fact.record >= 0 && !Contains(scratch->named, fact.record)))) {
      why = "about another framework than the question names";
    } else if (!scratch->named_undescribed.empty() &&
               !Intersects(scratch->named_undescribed, fact.undescribed)) {
      why = "does not name the undescribed framework the question names";
    } else if (scratch->expected != ExpectedAnswer::kAnything &&
               !HoldsExpectedAnswer(CandidateOf(candidate, *scratch).answer, scratch->expected)) {
      why = "does not state what the question asks for: ";
      detail = ExpectedAnswerName(scratch->expected);
    }
    if (why != nullptr) {
      if (explain) {
        scratch->dropped.push_back(
            absl::StrCat(passages[candidate.passage].item, ": ", why, detail));
      }
      continue;
    }
    const int32_t label =
        label_of_passage.empty() ? -1 : label_of_passage[static_cast<size_t>(candidate.passage)];
    CandidateSignals& signals = candidate.signals;
    signals.has_examples = label >= 0;
    signals.model_probability = label >= 0 ? probabilities[label] : 0;
    signals.model_top = label >= 0 && label == model_top;
    signals.out_of_scope_probability = out_of_scope;
    signals.names_its_framework = Intersects(scratch->named, fact.frameworks);
    signals.names_its_employer = names_employer;
    candidate.confidence = CandidateConfidence(signals, parameters);
    scored[kept++] = candidate;
  }
  scored.resize(kept);
  std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.passage < b.passage;
  });
  if (scored.empty() || passages[scored.front().passage].kind == SourceKind::kFaq) return;
  const auto faq = std::find_if(scored.begin(), scored.end(), [&](const Scored& candidate) {
    return passages[candidate.passage].kind == SourceKind::kFaq;
  });
  if (faq != scored.end() && faq->confidence >= parameters.answer_threshold &&
      faq->confidence >= scored.front().confidence - parameters.faq_preference_margin) {
    std::rotate(scored.begin(), faq, faq + 1);
  }
}

KnowledgeAnswer KnowledgeAnswerer::Index::CollectAnswer(const Scratch& scratch,
                                                        bool explain) const {
  const std::vector<Scored>& scored = scratch.scored;
  KnowledgeAnswer answer;
  if (explain) Explain(scratch, &answer);
  for (const TermId term : scratch.named)
    answer.named_frameworks.push_back(framework_of_term.at(term));
  if (scored.empty()) return answer;
  auto candidate = [&](const Scored& s) { return CandidateOf(s, scratch); };
  answer.best = candidate(scored.front());
  answer.answered = answer.best.confidence >= parameters.answer_threshold;
  // A hiring pattern answering for the employer the question names joins
  // what the frameworks the question names are best for.
  if (answer.answered && scored.front().signals.names_its_employer) {
    for (const TermId framework : scratch.named) {
      const int32_t best_for = FieldPassage(framework, "best_for");
      if (best_for >= 0 && answer.also_from.size() < kMaxJoinedPassages) {
        answer.also_from.push_back(&passages[best_for]);
      }
    }
  }
  // Alternatives from other texts: another sentence of the answer's
  // paragraph is the same passage to the asker.
  auto shown = [&](const Passage& passage) {
    auto same = [&](const AnswerCandidate& c) {
      return c.passage->text.data() == passage.text.data();
    };
    return same(answer.best) ||
           std::any_of(answer.alternatives.begin(), answer.alternatives.end(), same);
  };
  for (size_t i = 1; i < scored.size() && answer.alternatives.size() < kMaxAlternatives; ++i) {
    if (scored[i].confidence < parameters.min_alternative_confidence) continue;
    if (shown(passages[scored[i].passage])) continue;
    answer.alternatives.push_back(candidate(scored[i]));
  }
  return answer;
}

void KnowledgeAnswerer::Index::Explain(const Scratch& scratch, KnowledgeAnswer* answer) const {
  auto explanation = std::make_unique<AnswerExplanation>();
  for (const TermId term : scratch.question_terms) {
    explanation->terms.emplace_back(analyzer.TermText(term));
  }
  for (const TermId term : scratch.named) {
    explanation->frameworks.push_back(framework_of_term.at(term)->display_name());
  }
  for (const TermId term : scratch.named_undescribed) {
    explanation->undescribed_frameworks.push_back(undescribed_names.at(term));
  }
  if (model != nullptr) {
    std::vector<std::pair<std::string, double>>& labelled = explanation->model_labels;
    for (size_t label = 0; label < labels.size(); ++label) {
      labelled.emplace_back(labels[label], scratch.probabilities[label]);
    }
    std::sort(labelled.begin(), labelled.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    labelled.resize(std::min<size_t>(labelled.size(), kModelCandidates + 1));
  }
  for (const Scored& scored : scratch.scored) {
    AnswerExplanation::Candidate& candidate = explanation->candidates.emplace_back();
    candidate.passage = &passages[scored.passage];
    candidate.answer = CandidateOf(scored, scratch).answer;
    candidate.signals = scored.signals;
    candidate.confidence = scored.confidence;
    candidate.explanation = ExplainConfidence(scored.signals, parameters);
    SignalFeatures(scored.signals, candidate.features);
    SignalWeights(parameters, candidate.weights);
  }
  explanation->bias = parameters.bias;
  explanation->answer_threshold = parameters.answer_threshold;
  explanation->dropped = scratch.dropped;
  answer->explanation = std::move(explanation);
}

absl::StatusOr<KnowledgeAnswer> KnowledgeAnswerer::Answer(absl::string_view question) const {
  return Answer(question, /*explain=*/false);
}

absl::StatusOr<KnowledgeAnswer> KnowledgeAnswerer::Answer(absl::string_view question,
                                                          bool explain) const {
  if (absl::Status valid = text::ValidateFreeText(question, "question"); !valid.ok()) {
    return valid;
  }
  return index_->AnswerValid(question, explain);
}

absl::StatusOr<KnowledgeAnswer> KnowledgeAnswerer::Answer(absl::string_view question, bool explain,
                                                          const Conversation& conversation) const {
  if (absl::Status valid = text::ValidateFreeText(question, "question"); !valid.ok()) {
    return valid;
  }
  if (!conversation.asker.empty()) {
    if (absl::Status valid = text::ValidateFreeText(conversation.asker, "asker"); !valid.ok()) {
      return valid;
    }
    if (conversation.asker.size() > kMaxAskerBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("asker is ", conversation.asker.size(), " bytes; at most ", kMaxAskerBytes));
    }
  }
  const Index& index = *index_;
  static const v1::ConversationContext kNoContext;
  const v1::ConversationContext& previous =
      conversation.context != nullptr ? *conversation.context : kNoContext;
  ResolvedQuestion resolved = ResolveFollowUp(question, previous, index);
  // Who asks sets the scene, as a preamble in the asker's own voice would
  // ("I work at a bank. Should I learn PyTorch?"), when it names a kind of
  // employer or level the hiring patterns know.
  const v1::HiringPattern* asker_pattern =
      conversation.asker.empty() ? nullptr : index.AskerPattern(conversation.asker);
  std::string read_as = resolved.text;
  absl::StatusOr<KnowledgeAnswer> answer = index.AnswerValid(read_as, explain);
  if (!answer.ok()) return answer;
  if (!resolved.about_in_play.empty() &&
      (!answer->answered || index.AboutOtherFramework(*answer, resolved.in_play_framework))) {
    // "first release year?" with Flax in play: about Flax, when that is
    // answered from Flax's own record.
    absl::StatusOr<KnowledgeAnswer> in_play = index.AnswerValid(resolved.about_in_play, explain);
    if (!in_play.ok()) return in_play;
    if (in_play->answered && index.About(*in_play, resolved.in_play_framework)) {
      answer = std::move(in_play);
      read_as = resolved.about_in_play;
      resolved.text = std::move(resolved.about_in_play);
      resolved.frameworks = {resolved.in_play_framework};
    }
  }
  // The asker matters to a question about frameworks or which to choose
  // ("should I learn PyTorch?", "which framework fits my team?"), not to
  // one about salaries or interviews, nor to a question of fact ("who
  // makes Keras", "what is JAX") answered alone. Read only when someone
  // asks: a question without an asker pays nothing for it.
  const auto asker_matters = [&] {
    const AskedFor asked_for = ReadQuestionIntent(resolved.text).asked_for;
    const bool asks_for_fact = asked_for == AskedFor::kDeveloper ||
                               asked_for == AskedFor::kWebsite || asked_for == AskedFor::kSummary ||
                               asked_for == AskedFor::kComparison ||
                               asked_for == AskedFor::kHistory;
    if (asks_for_fact && answer->answered) return false;
    if (asked_for == AskedFor::kFrameworkChoice || asked_for == AskedFor::kUse) return true;
    if (!answer->named_frameworks.empty() || !resolved.frameworks.empty()) return true;
    text::FoldedWords words;
    text::FoldWordsInto(resolved.text, &words);
    const auto& tools = CueWords("tool");
    return std::any_of(words.words.begin(), words.words.end(),
                       [&](absl::string_view word) { return tools.contains(word); });
  };
  if (asker_pattern != nullptr && asker_matters()) {
    // The asker's scene decides when it brings their kind of employer's
    // hiring pattern (or learning path) to the answer, or answers what the
    // question alone does not.
    std::string in_scene = absl::StrCat("I am ", conversation.asker, ". ", resolved.text);
    absl::StatusOr<KnowledgeAnswer> for_asker = index.AnswerValid(in_scene, explain);
    if (!for_asker.ok()) return for_asker;
    const std::string pattern_item = absl::StrCat("hiringPatterns/", asker_pattern->id());
    const bool fits_asker =
        for_asker->answered && absl::StartsWith(for_asker->best.passage->item, pattern_item);
    if (fits_asker || (for_asker->answered && !answer->answered)) {
      answer = std::move(for_asker);
      read_as = std::move(in_scene);
    }
  }
  answer->context = index.NextContext(previous, resolved, asker_pattern, *answer);
  if (answer->explanation != nullptr) answer->explanation->read_as = std::move(read_as);
  return answer;
}

absl::StatusOr<KnowledgeAnswer> KnowledgeAnswerer::Index::AnswerValid(absl::string_view question,
                                                                      bool explain) const {
  const Index& index = *this;
  Scratch& scratch = ThreadScratch();
  const size_t context_terms = index.AnalyzeQuestion(question, &scratch);
  index.RankMatches(context_terms, &scratch);
  const int32_t intent_answer = index.RankAskedFact(context_terms, &scratch);
  std::vector<Ranked>& ranked = scratch.ranked;
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.passage < b.passage;
  });
  if (!ranked.empty() && ranked.front().confidence > 0)
    index.PreferStatedAnswer(intent_answer, &scratch);
  index.ScoreCandidates(question, explain, &scratch);
  return index.CollectAnswer(scratch, explain);
}

bool KnowledgeAnswerer::has_question_model() const { return index_->model != nullptr; }

const absl::Status& KnowledgeAnswerer::question_model_status() const {
  return index_->model_status;
}

}  // namespace advisor::engines

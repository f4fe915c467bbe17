#include "tests/bench/synthetic_knowledge_base.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "google/protobuf/text_format.h"

#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/bench/synthetic_vocabulary.h"

namespace advisor::bench {
namespace {

using advisor::v1::Document;
using advisor::v1::DocumentSection;
using advisor::v1::FaqEntry;
using advisor::v1::Framework;
using advisor::v1::HiringPattern;
using advisor::v1::KnowledgeBase;

constexpr int kFrameworksPerHiringPattern = 20;

// Deterministic choices. std::mt19937's sequence is fixed by the standard
// (the <random> distributions are not, so none is used).
class Chooser {
 public:
  explicit Chooser(uint32_t seed) : engine_(seed) {}

  // Uniform in [0, n).
  size_t Below(size_t n) { return engine_() % n; }

  // True with probability percent / 100.
  bool Percent(int percent) { return Below(100) < static_cast<size_t>(percent); }

  // Uniform pick.
  std::string Any(absl::Span<const char* const> words) { return words[Below(words.size())]; }

  // Zipf-like pick (weight 1 / (rank + 2)): early words are common, late
  // words rare, as in real text.
  std::string Skewed(absl::Span<const char* const> words) {
    return words[SkewedRank(words.size())];
  }

  // A rank in [0, n) drawn with weight 1 / (rank + 2).
  size_t SkewedRank(size_t n) {
    std::vector<double>& cumulative = cumulative_[n];
    if (cumulative.empty()) {
      double total = 0;
      for (size_t rank = 0; rank < n; ++rank) {
        total += 1.0 / static_cast<double>(rank + 2);
        cumulative.push_back(total);
      }
    }
    const double point = static_cast<double>(engine_()) / static_cast<double>(std::mt19937::max()) *
                         cumulative.back();
    const auto found = std::lower_bound(cumulative.begin(), cumulative.end(), point);
    return std::min<size_t>(found - cumulative.begin(), n - 1);
  }

 private:
  std::mt19937 engine_;
  // Cumulative weights, by list length (each list has its own length).
  std::map<size_t, std::vector<double>> cumulative_;
};

std::string Capitalized(std::string text) {
  if (!text.empty()) text[0] = absl::ascii_toupper(static_cast<unsigned char>(text[0]));
  return text;
}

// Writes sentences from the vocabulary about the knowledge base's frameworks.
class Writer {
 public:
  Writer(Chooser& choose, std::vector<std::string> framework_names)
      : choose_(choose),
        vocabulary_(DefaultSyntheticVocabulary()),
        framework_names_(std::move(framework_names)) {}

  std::string Noun() {
    if (coined_noun_percent_ > 0 && choose_.Percent(coined_noun_percent_)) {
      return CoinedTerm(choose_.SkewedRank(kSyntheticCoinedTerms));
    }
    return choose_.Skewed(vocabulary_.nouns);
  }

  // Documents' nouns are partly coined terms from then on.
  void CoinNouns(int percent) { coined_noun_percent_ = percent; }

  // The coined term of a rank: three name syllables and "um" ("axbelcorum"),
  // distinct for every rank and never a framework's name.
  std::string CoinedTerm(size_t rank) const {
    const absl::Span<const char* const> syllables = vocabulary_.name_syllables;
    const size_t n = syllables.size();
    return absl::StrCat(syllables[rank / (n * n) % n], syllables[rank / n % n], syllables[rank % n],
                        "um");
  }
  std::string Verb() { return choose_.Skewed(vocabulary_.verbs); }
  std::string Adjective() { return choose_.Skewed(vocabulary_.adjectives); }
  std::string Role() { return choose_.Skewed(vocabulary_.roles); }
  std::string Setting() { return choose_.Any(vocabulary_.settings); }

  // The three real frameworks come first and are asked about most.
  std::string FrameworkName() {
    if (framework_names_.empty()) return "the framework";
    const size_t real = std::min<size_t>(3, framework_names_.size());
    if (choose_.Percent(60) || framework_names_.size() == real) {
      return framework_names_[choose_.Below(real)];
    }
    return framework_names_[real + choose_.Below(framework_names_.size() - real)];
  }

  std::string Question() {
    switch (choose_.Below(10)) {
      case 0:
        return absl::StrCat("How do I ", Verb(), " a ", Adjective(), " ", Noun(), " with ",
                            FrameworkName(), "?");
      case 1:
        return absl::StrCat("What is the best way to ", Verb(), " ", Noun(), " for ", Adjective(),
                            " ", Noun(), "?");
      case 2:
        return absl::StrCat("Why is my ", Noun(), " ", Adjective(), " when I ", Verb(), " the ",
                            Noun(), " on ", Setting(), "?");
      case 3:
        return absl::StrCat("Can ", FrameworkName(), " ", Verb(), " ", Adjective(), " ", Noun(),
                            " on ", Setting(), "?");
      case 4:
        return absl::StrCat("Which ", Noun(), " should a ", Role(), " ", Verb(), " first?");
      case 5:
        return absl::StrCat("When should a ", Role(), " ", Verb(), " the ", Noun(),
                            " instead of the ", Noun(), "?");
      case 6:
        return absl::StrCat("Is ", FrameworkName(), " ", Adjective(), " enough to ", Verb(), " ",
                            Noun(), " in ", Setting(), "?");
      case 7:
        return absl::StrCat("How much ", Noun(), " does it take to ", Verb(), " a ", Adjective(),
                            " ", Noun(), "?");
      case 8:
        return absl::StrCat("What does a ", Role(), " need to know to ", Verb(), " ", Noun(), " ",
                            Noun(), " with ", FrameworkName(), "?");
      default:
        return absl::StrCat("Should I ", Verb(), " the ", Noun(), " or ", Verb(), " the ", Noun(),
                            " for ", Setting(), "?");
    }
  }

  std::string Answer() {
    switch (choose_.Below(3)) {
      case 0:
        return absl::StrCat(FrameworkName(), " lets you ", Verb(), " ", Adjective(), " ", Noun(),
                            " with its ", Noun(), " ", Noun(), "; ", Verb(), " the ", Noun(),
                            " first and keep the ", Noun(), " ", Adjective(), ".");
      case 1:
        return absl::StrCat("Start with a ", Adjective(), " ", Noun(), ", then ", Verb(), " the ",
                            Noun(), " and ", Verb(), " it on ", Setting(), ".");
      default:
        return absl::StrCat("Most teams ", Verb(), " ", Noun(), " through the ", Noun(), " ",
                            Noun(), ", which keeps the ", Noun(), " ", Adjective(), ".");
    }
  }

  // A sentence of 8 to 25 words (clauses of noun phrases, verbs and
  // prepositional phrases, cut at the word count), capitalised and ending
  // with a full stop.
  std::string Sentence() {
    const size_t length = 8 + choose_.Below(18);
    std::vector<std::string> words;
    auto say = [&](absl::string_view phrase) {
      for (absl::string_view word : absl::StrSplit(phrase, ' ', absl::SkipEmpty())) {
        words.emplace_back(word);
      }
    };
    while (words.size() < length) {
      if (!words.empty()) say(choose_.Any(kConnectives));
      NounPhrase(say);
      if (choose_.Percent(40)) say(choose_.Any(kModals));
      say(Verb());
      NounPhrase(say);
      if (choose_.Percent(50)) {
        say(choose_.Any(kPrepositions));
        if (choose_.Percent(30)) {
          say(Setting());
        } else {
          NounPhrase(say);
        }
      }
    }
    words.resize(length);
    return absl::StrCat(Capitalized(absl::StrJoin(words, " ")), ".");
  }

  // 2 to 5 sentences.
  std::string Paragraph() {
    std::vector<std::string> sentences(2 + choose_.Below(4));
    for (std::string& sentence : sentences) sentence = Sentence();
    return absl::StrJoin(sentences, " ");
  }

  std::string Heading() {
    switch (choose_.Below(5)) {
      case 0:
        return Capitalized(absl::StrCat(Adjective(), " ", Noun(), " in ", Setting()));
      case 1:
        return absl::StrCat("Why ", Noun(), " matters for ", Role(), "s");
      case 2:
        return absl::StrCat("When to ", Verb(), " the ", Noun());
      case 3:
        return absl::StrCat(FrameworkName(), " and the ", Noun());
      default:
        return Capitalized(absl::StrCat(Noun(), " and ", Noun()));
    }
  }

  std::string Title() {
    switch (choose_.Below(3)) {
      case 0:
        return absl::StrCat("A Guide to ", Capitalized(Adjective()), " ", Capitalized(Noun()),
                            " with ", FrameworkName());
      case 1:
        return absl::StrCat("How ", Capitalized(Role()), "s ", Capitalized(Verb()), " ",
                            Capitalized(Noun()));
      default:
        return absl::StrCat(FrameworkName(), " for ", Capitalized(Setting()), ": ",
                            Capitalized(Adjective()), " ", Capitalized(Noun()));
    }
  }

  std::string Context() {
    switch (choose_.Below(3)) {
      case 0:
        return absl::StrCat("A ", Role(), " who can ", Verb(), " ", Adjective(), " ", Noun(),
                            " is valued in ", Setting(), ".");
      case 1:
        return absl::StrCat(FrameworkName(), " ", Noun(), " tooling helps to ", Verb(), " ", Noun(),
                            " and ", Verb(), " ", Noun(), ".");
      default:
        return absl::StrCat("The ", Adjective(), " ", Noun(), " matters more than the ", Noun(),
                            " when you ", Verb(), " ", Noun(), ".");
    }
  }

 private:
  // Function words joining the content words; all are stop words of the
  // text analyzer, so the words that count are the skewed word list's.
  static constexpr const char* kDeterminers[] = {"the", "a", "each", "our", "your", "their"};
  static constexpr const char* kModals[] = {"can", "should", "must", "will", "could", "might"};
  static constexpr const char* kConnectives[] = {"and", "but", "because", "so", "while", "when"};
  static constexpr const char* kPrepositions[] = {"with", "for",  "on", "in",
                                                  "to",   "from", "of", "through"};

  // [determiner] [adjective] noun, now and then a framework or a role.
  template <typename Say>
  void NounPhrase(Say& say) {
    if (choose_.Percent(10)) return say(FrameworkName());
    if (choose_.Percent(50)) say(choose_.Any(kDeterminers));
    if (choose_.Percent(5)) return say(Role());
    if (choose_.Percent(40)) say(Adjective());
    say(Noun());
  }

  Chooser& choose_;
  const SyntheticVocabulary& vocabulary_;
  std::vector<std::string> framework_names_;
  int coined_noun_percent_ = 0;
};

// Lower-cased, trimmed: how lookup keys clash.
std::string NameKey(absl::string_view name) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
}

// Adds invented frameworks with unique ids, names and aliases.
void AddFrameworks(int count, Chooser& choose, KnowledgeBase& knowledge_base) {
  std::set<std::string> taken;
  for (const Framework& framework : knowledge_base.frameworks()) {
    taken.insert(NameKey(framework.id()));
    taken.insert(NameKey(framework.display_name()));
    for (const std::string& alias : framework.aliases()) taken.insert(NameKey(alias));
  }
  const SyntheticVocabulary& vocabulary = DefaultSyntheticVocabulary();
  Writer writer(choose, {});
  while (count > 0) {
    std::string stem;
    const size_t syllables = 2 + choose.Below(2);
    for (size_t i = 0; i < syllables; ++i) stem += choose.Any(vocabulary.name_syllables);
    const std::string major = std::to_string(1 + choose.Below(9));
    const std::vector<std::string> keys = {stem, absl::StrCat(stem, " ml"),
                                           absl::StrCat(stem, major)};
    if (std::any_of(keys.begin(), keys.end(),
                    [&](const std::string& key) { return taken.count(key) > 0; })) {
      continue;
    }
    taken.insert(keys.begin(), keys.end());
    Framework& framework = *knowledge_base.add_frameworks();
    framework.set_id(stem);
    framework.set_display_name(Capitalized(stem));
    framework.add_aliases(keys[1]);
    framework.add_aliases(keys[2]);
    framework.set_summary(absl::StrCat(Capitalized(stem), " is a ", writer.Adjective(),
                                       " framework that helps a ", writer.Role(), " ",
                                       writer.Verb(), " ", writer.Adjective(), " ", writer.Noun(),
                                       " on ", writer.Setting(), "."));
    for (int i = 0; i < 3; ++i) {
      framework.add_strengths(
          Capitalized(absl::StrCat(writer.Adjective(), " ", writer.Noun(), " ", writer.Noun())));
    }
    framework.add_best_for(Capitalized(absl::StrCat(writer.Role(), "s")));
    framework.add_best_for(Capitalized(writer.Setting()));
    framework.set_developer(absl::StrCat("The ", Capitalized(stem), " project"));
    framework.set_website(absl::StrCat("https://", stem, ".example.org"));
    // The validator wants the page each fact was read at.
    for (const char* field : {"summary", "strengths", "best_for", "developer", "website"}) {
      advisor::v1::FieldSource* source = framework.add_field_sources();
      source->set_field(field);
      source->set_url(framework.website());
    }
    --count;
  }
}

// One hiring pattern per kFrameworksPerHiringPattern invented frameworks.
void AddHiringPatterns(int first_invented, Chooser& choose, KnowledgeBase& knowledge_base) {
  const int invented = knowledge_base.frameworks_size() - first_invented;
  Writer writer(choose, {});
  for (int k = 0; k < invented / kFrameworksPerHiringPattern; ++k) {
    const Framework& preferred =
        knowledge_base.frameworks(first_invented + static_cast<int>(choose.Below(invented)));
    HiringPattern& pattern = *knowledge_base.add_hiring_patterns();
    pattern.set_id(absl::StrCat("synthetic-pattern-", k));
    const std::string role = writer.Role();
    const std::string setting = writer.Setting();
    pattern.set_title(Capitalized(absl::StrCat(role, "s in ", setting)));
    pattern.set_framework_id(preferred.id());
    pattern.set_reason(absl::StrCat(Capitalized(role), "s in ", setting, " prefer ",
                                    preferred.display_name(), " to ", writer.Verb(), " ",
                                    writer.Noun(), "."));
    std::set<std::string> phrases = {role};
    const size_t signal_count = 6 + choose.Below(7);
    while (phrases.size() < signal_count) {
      phrases.insert(choose.Percent(50) ? writer.Noun()
                                        : absl::StrCat(writer.Adjective(), " ", writer.Noun()));
    }
    std::vector<std::string> sorted(phrases.begin(), phrases.end());
    std::sort(sorted.begin(), sorted.end());
    for (const std::string& phrase : sorted) {
      auto& signal = *pattern.add_signals();
      signal.set_phrase(phrase);
      signal.set_weight(static_cast<double>(5 + choose.Below(14)) / 10.0);  // 0.5 to 1.8
    }
    auto& step = *pattern.add_learning_path();
    step.set_framework_id(preferred.id());
    step.set_why(absl::StrCat(preferred.display_name(), " is what ", role, "s use most."));
  }
}

void AddFaqs(int count, Chooser& choose, KnowledgeBase& knowledge_base) {
  std::vector<std::string> names;
  for (const Framework& framework : knowledge_base.frameworks()) {
    names.push_back(framework.display_name());
  }
  Writer writer(choose, std::move(names));
  std::set<std::string> questions;
  for (const FaqEntry& entry : knowledge_base.faqs()) questions.insert(entry.question());
  for (int i = 0; i < count; ++i) {
    std::string question = writer.Question();
    while (!questions.insert(question).second) question = writer.Question();
    FaqEntry& entry = *knowledge_base.add_faqs();
    char id[32];
    std::snprintf(id, sizeof(id), "%s%05d", kSyntheticFaqIdPrefix, i + 1);
    entry.set_id(id);
    entry.set_question(std::move(question));
    entry.set_answer(writer.Answer());
    const size_t contexts = 1 + choose.Below(3);
    for (size_t c = 0; c < contexts; ++c) entry.add_context(writer.Context());
  }
}

std::string GeneratedDocumentId(int number) {
  char id[32];
  std::snprintf(id, sizeof(id), "%s%05d", kSyntheticDocumentIdPrefix, number);
  return id;
}

void AddDocuments(int count, int paragraphs, int coined_noun_percent, Chooser& choose,
                  KnowledgeBase& knowledge_base) {
  std::vector<std::string> names;
  for (const Framework& framework : knowledge_base.frameworks()) {
    names.push_back(framework.display_name());
  }
  Writer writer(choose, std::move(names));
  writer.CoinNouns(coined_noun_percent);
  const int sections = std::min(kSyntheticSectionsPerDocument, paragraphs);
  for (int i = 0; i < count; ++i) {
    Document& document = *knowledge_base.add_documents();
    document.set_id(GeneratedDocumentId(i + 1));
    document.set_title(writer.Title());
    document.mutable_source()->set_name("Synthetic Press");
    document.mutable_source()->set_url(absl::StrCat("https://docs.example.org/", document.id()));
    for (int s = 0; s < sections; ++s) {
      DocumentSection& section = *document.add_sections();
      section.set_heading(writer.Heading());
      const int in_section = paragraphs / sections + (s < paragraphs % sections ? 1 : 0);
      for (int p = 0; p < in_section; ++p) section.add_paragraphs(writer.Paragraph());
    }
  }
}

}  // namespace

absl::StatusOr<KnowledgeBase> MakeSyntheticKnowledgeBase(const SyntheticKnowledgeBaseSpec& spec) {
  // The default knowledge base as written (derived fields still empty, as
  // the validator wants them).
  KnowledgeBase knowledge_base;
  if (!google::protobuf::TextFormat::ParseFromString(
          std::string(knowledge_base::DefaultKnowledgeBaseText()), &knowledge_base)) {
    return absl::InternalError("the embedded default knowledge base does not parse");
  }
  if (spec.faq_count < knowledge_base.faqs_size() ||
      spec.framework_count < knowledge_base.frameworks_size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a synthetic knowledge base keeps the default's ", knowledge_base.faqs_size(),
                     " FAQ entries and ", knowledge_base.frameworks_size(), " frameworks"));
  }
  if (spec.document_count < 0 || (spec.document_count > 0 && spec.paragraphs_per_document < 1)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot generate ", spec.document_count,
                                                   " documents of ", spec.paragraphs_per_document,
                                                   " paragraphs"));
  }
  Chooser choose(spec.seed);
  const int first_invented = knowledge_base.frameworks_size();
  AddFrameworks(spec.framework_count - first_invented, choose, knowledge_base);
  AddHiringPatterns(first_invented, choose, knowledge_base);
  AddFaqs(spec.faq_count - knowledge_base.faqs_size(), choose, knowledge_base);
  // Last, so that documents leave everything else as it was.
  AddDocuments(spec.document_count, spec.paragraphs_per_document, spec.coined_noun_percent, choose,
               knowledge_base);

  // Through the real loader, so the result is validated like any file.
  std::string text;
  google::protobuf::TextFormat::PrintToString(knowledge_base, &text);
  return knowledge_base::ParseKnowledgeBase(
      text,
      absl::StrCat("<synthetic knowledge base: ", spec.faq_count, " FAQ entries, ",
                   spec.framework_count, " frameworks, ", spec.document_count, " documents>"));
}

std::vector<std::string> MakeSyntheticQuestions(const KnowledgeBase& knowledge_base, int count,
                                                uint32_t seed) {
  std::vector<const FaqEntry*> generated;
  for (const FaqEntry& entry : knowledge_base.faqs()) {
    if (absl::StartsWith(entry.id(), kSyntheticFaqIdPrefix)) generated.push_back(&entry);
  }
  std::vector<std::string> questions;
  if (generated.empty()) return questions;
  Chooser choose(seed);
  for (int i = 0; i < count; ++i) {
    const FaqEntry& entry = *generated[choose.Below(generated.size())];
    std::vector<std::string> words =
        absl::StrSplit(absl::AsciiStrToLower(absl::StripSuffix(entry.question(), "?")), ' ');
    if (words.size() > 4)
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(choose.Below(words.size())));
    const size_t swap_at = choose.Below(words.size() - 1);
    std::swap(words[swap_at], words[swap_at + 1]);
    for (std::string& word : words) {
      // Misspell the first long word: swap two letters inside it.
      if (word.size() >= 5) {
        std::swap(word[1], word[2]);
        break;
      }
    }
    questions.push_back(absl::StrCat(absl::StrJoin(words, " "), "?"));
  }
  return questions;
}

std::vector<std::string> MakeSyntheticDocumentQuestions(const KnowledgeBase& knowledge_base,
                                                        int count, uint32_t seed) {
  std::vector<const Document*> generated;
  for (const Document& document : knowledge_base.documents()) {
    if (absl::StartsWith(document.id(), kSyntheticDocumentIdPrefix)) generated.push_back(&document);
  }
  std::vector<std::string> questions;
  if (generated.empty()) return questions;
  Chooser choose(seed);
  for (int i = 0; i < count; ++i) {
    const Document& document = *generated[choose.Below(generated.size())];
    const DocumentSection& section =
        document.sections(static_cast<int>(choose.Below(document.sections_size())));
    const std::string& paragraph =
        section.paragraphs(static_cast<int>(choose.Below(section.paragraphs_size())));
    // Generated sentences hold no full stop but their last.
    const std::vector<absl::string_view> sentences =
        absl::StrSplit(paragraph, ". ", absl::SkipEmpty());
    const absl::string_view sentence =
        absl::StripSuffix(sentences[choose.Below(sentences.size())], ".");
    std::vector<std::string> words = absl::StrSplit(absl::AsciiStrToLower(sentence), ' ');
    if (words.size() > 4)
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(choose.Below(words.size())));
    // Misspell a random long word: swap two letters inside it.
    std::vector<size_t> long_words;
    for (size_t w = 0; w < words.size(); ++w) {
      if (words[w].size() >= 5) long_words.push_back(w);
    }
    if (!long_words.empty()) {
      std::string& word = words[long_words[choose.Below(long_words.size())]];
      std::swap(word[1], word[2]);
    }
    questions.push_back(absl::StrCat(absl::StrJoin(words, " "), "?"));
  }
  return questions;
}

}  // namespace advisor::bench

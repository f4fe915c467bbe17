#include "service/engines/question_intent.h"

#include <cstddef>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"

#include "service/text/tokenizer.h"

namespace advisor::engines {
namespace {

using WordSet = absl::flat_hash_set<absl::string_view>;

// Verbs and nouns of making something: with a "who" word they ask for the
// developer. "make(s)" is left out: "what makes X attractive" asks why.
const WordSet& MakerWords() {
  static const auto* const kWords = new WordSet{
      "develop",    "develops",  "developed",  "developing", "create",     "creates",
      "created",    "creating",  "invent",     "invents",    "invented",   "maintain",
      "maintains",  "maintained", "maintaining", "own",      "owns",       "owned",
      "author",     "authored",  "wrote",      "written",    "found",      "founded",
      "back",       "backs",     "backed",     "made",       "built",      "design",
      "designed",   "designs",   "originate",  "originated", "originates", "produced",
      "release",    "released",  "launched",   "started",    "govern",     "governs",
      "governed",   "steward",   "stewards",   "run",        "runs",       "behind",
      "developer",  "developers", "from",      "sponsor",    "sponsors",   "sponsored"};
  return *kWords;
}

// Nouns that ask for a maker on their own ("the creator of Keras").
const WordSet& MakerNouns() {
  static const auto* const kWords = new WordSet{
      "creator",    "creators", "inventor", "inventors", "maintainer", "maintainers", "founder",
      "founders",   "owner",    "owners",   "maker",     "makers",     "authors",     "steward",
      "originator", "governance"};
  return *kWords;
}

// Who is asked about: a person or an organisation.
const WordSet& AgentWords() {
  static const auto* const kWords =
      new WordSet{"who",          "whom",         "whose",       "company",  "companies",
                  "organisation", "organization", "organisations", "organizations",
                  "team",         "firm",         "corporation", "person",   "people",
                  "foundation",   "lab",          "group",       "vendor"};
  return *kWords;
}

const WordSet& WebsiteWords() {
  static const auto* const kWords = new WordSet{
      "website",       "websites", "site",  "homepage", "url",   "urls",   "webpage",
      "docs",          "documentation", "link", "links", "web", "page", "official",
      "online",        "domain",   "address", "where", "download", "downloads", "read",
      "find",          "get",      "home", "internet"};
  return *kWords;
}

// Words that on their own ask for a website (the others only help).
const WordSet& WebsiteAnchors() {
  static const auto* const kWords =
      new WordSet{"website", "websites", "site", "homepage", "url", "webpage", "docs",
                  "documentation", "link", "domain", "internet"};
  return *kWords;
}

const WordSet& ComparisonWords() {
  static const auto* const kWords = new WordSet{
      "vs",          "versus",     "compare",   "compared", "compares", "comparing",
      "comparison",  "comparisons", "difference", "differences", "differ", "differs",
      "different",   "or",         "against",   "between",  "and",      "contrast",
      "which",       "one",        "better",    "choose",   "pick",     "over"};
  return *kWords;
}

const WordSet& ComparisonAnchors() {
  static const auto* const kWords =
      new WordSet{"vs",         "versus", "compare",  "compared",    "compares",
                  "comparing",  "comparison", "comparisons", "difference",
                  "differences", "differ", "differs", "contrast"};
  return *kWords;
}

const WordSet& SummaryWords() {
  static const auto* const kWords = new WordSet{
      "describe",     "description", "explain",   "explained", "explanation", "overview",
      "summary",      "summarize",   "summarise", "introduction", "intro",    "introduce",
      "define",       "definition",  "meaning",   "about",     "nutshell",   "briefly",
      "brief",        "short",       "sentence",  "sentences", "words",      "one",
      "few",          "basically",   "exactly",   "simple",    "simply",     "terms",
      "what",         "is",          "are",       "s",         "tell",       "me",
      "quick",        "general",     "in",        "a",         "two"};
  return *kWords;
}

const WordSet& SummaryAnchors() {
  static const auto* const kWords = new WordSet{
      "describe",   "description", "explain",      "explanation", "overview", "summary",
      "summarize",  "summarise",   "introduction", "intro",       "introduce", "define",
      "definition", "meaning",     "nutshell"};
  return *kWords;
}

struct Words {
  std::vector<absl::string_view> words;
  std::vector<bool> consumed;

  bool Has(const WordSet& set) const {
    for (const absl::string_view word : words) {
      if (set.contains(word)) return true;
    }
    return false;
  }
  void Consume(const WordSet& set) {
    for (size_t i = 0; i < words.size(); ++i) {
      if (set.contains(words[i])) consumed[i] = true;
    }
  }
  // "what is X", "what are X", "what's X", "tell me about X".
  bool AsksWhatIs() const {
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i] == "what" && (words[i + 1] == "is" || words[i + 1] == "are" ||
                                 words[i + 1] == "s" || words[i + 1] == "exactly")) {
        return true;
      }
      if (words[i] == "tell" && i + 2 < words.size() && words[i + 2] == "about") return true;
    }
    return false;
  }
  std::string Rest() const {
    std::vector<absl::string_view> rest;
    for (size_t i = 0; i < words.size(); ++i) {
      if (!consumed[i]) rest.push_back(words[i]);
    }
    return absl::StrJoin(rest, " ");
  }
};

}  // namespace

QuestionIntent ReadQuestionIntent(absl::string_view question) {
  thread_local text::FoldedWords folded;
  text::FoldWordsInto(question, &folded);
  Words words{folded.words, std::vector<bool>(folded.words.size(), false)};

  QuestionIntent intent;
  if ((words.Has(MakerWords()) && words.Has(AgentWords())) || words.Has(MakerNouns())) {
    intent.asked_for = AskedFor::kDeveloper;
    words.Consume(MakerWords());
    words.Consume(MakerNouns());
    words.Consume(AgentWords());
  } else if (words.Has(WebsiteAnchors())) {
    intent.asked_for = AskedFor::kWebsite;
    words.Consume(WebsiteWords());
  } else if (words.Has(ComparisonAnchors())) {
    intent.asked_for = AskedFor::kComparison;
    words.Consume(ComparisonWords());
  } else if (words.Has(SummaryAnchors()) || words.AsksWhatIs()) {
    intent.asked_for = AskedFor::kSummary;
    words.Consume(SummaryWords());
  }
  intent.rest = words.Rest();
  return intent;
}

}  // namespace advisor::engines

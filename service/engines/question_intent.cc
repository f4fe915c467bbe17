#include "service/engines/question_intent.h"

#include <algorithm>
#include <cstddef>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"

#include "service/text/sentences.h"
#include "service/text/tokenizer.h"

namespace advisor::engines {
namespace {

using WordSet = absl::flat_hash_set<absl::string_view>;

// Verbs and nouns of making something: with a "who" word they ask for the
// developer ("who makes X"; "what makes X attractive" has none).
const WordSet& MakerWords() {
  static const auto* const kWords = new WordSet{
      "develop",     "develops", "developed", "developing", "create",    "creates",    "created",
      "creating",    "invent",   "invents",   "invented",   "maintain",  "maintains",  "maintained",
      "maintaining", "own",      "owns",      "owned",      "author",    "authored",   "wrote",
      "written",     "found",    "founded",   "back",       "backs",     "backed",     "made",
      "built",       "design",   "designed",  "designs",    "originate", "originated", "originates",
      "produced",    "release",  "released",  "launched",   "started",   "govern",     "governs",
      "governed",    "steward",  "stewards",  "run",        "runs",      "behind",     "developer",
      "developers",  "from",     "sponsor",   "sponsors",   "sponsored", "makes",      "make"};
  return *kWords;
}

// Nouns that ask for a maker on their own ("the creator of Keras").
const WordSet& MakerNouns() {
  static const auto* const kWords =
      new WordSet{"creator", "creators", "inventor",   "inventors", "maintainer", "maintainers",
                  "founder", "founders", "owner",      "owners",    "maker",      "makers",
                  "authors", "steward",  "originator", "governance"};
  return *kWords;
}

// Who is asked about: a person or an organisation.
const WordSet& AgentWords() {
  static const auto* const kWords = new WordSet{
      "who",          "whom",          "whose",         "company", "companies", "organisation",
      "organization", "organisations", "organizations", "team",    "firm",      "corporation",
      "person",       "people",        "foundation",    "lab",     "group",     "vendor"};
  return *kWords;
}

const WordSet& WebsiteWords() {
  static const auto* const kWords = new WordSet{
      "website", "websites",      "site",    "homepage", "url",      "urls",      "webpage",
      "docs",    "documentation", "link",    "links",    "web",      "page",      "official",
      "online",  "domain",        "address", "where",    "download", "downloads", "read",
      "find",    "get",           "home",    "internet"};
  return *kWords;
}

// Words that on their own ask for a website (the others only help).
const WordSet& WebsiteAnchors() {
  static const auto* const kWords =
      new WordSet{"website", "websites",      "site", "homepage", "url",     "webpage",
                  "docs",    "documentation", "link", "domain",   "internet"};
  return *kWords;
}

const WordSet& ComparisonWords() {
  static const auto* const kWords =
      new WordSet{"vs",         "versus",      "compare",    "compared",    "compares", "comparing",
                  "comparison", "comparisons", "difference", "differences", "differ",   "differs",
                  "different",  "or",          "against",    "between",     "and",      "contrast",
                  "which",      "one",         "better",     "choose",      "pick",     "over"};
  return *kWords;
}

const WordSet& ComparisonAnchors() {
  static const auto* const kWords = new WordSet{
      "vs",          "versus",     "compare",     "compared", "compares", "comparing", "comparison",
      "comparisons", "difference", "differences", "differ",   "differs",  "contrast"};
  return *kWords;
}

// With "when" or "year", they ask when something came out.
const WordSet& ReleaseWords() {
  static const auto* const kWords = new WordSet{
      "released", "release", "launched",  "launch",    "come",       "came",   "out",
      "created",  "started", "first",     "version",   "introduced", "appear", "appeared",
      "debut",    "debuted", "available", "published", "born"};
  return *kWords;
}

const WordSet& HistoryWords() {
  static const auto* const kWords =
      new WordSet{"when", "year", "history", "origin", "origins", "date", "dates", "since",
                  "was",  "were", "did",     "it",     "its",     "the",  "of",    "in"};
  return *kWords;
}

// Words that name a framework in general.
const WordSet& ToolWords() {
  static const auto* const kWords =
      new WordSet{"framework", "frameworks", "library",   "libraries", "tool",
                  "tools",     "toolkit",    "toolkits",  "stack",     "package",
                  "packages",  "framwork",   "framworks", "libary",    "libaries"};
  return *kWords;
}

// With a tool word, they ask which one to pick.
const WordSet& ChoiceWords() {
  static const auto* const kWords = new WordSet{
      "which",   "what",    "best",      "recommend", "recommended", "suggest",   "suggested",
      "prefer",  "prefers", "preferred", "choose",    "chosen",      "pick",      "use",
      "uses",    "used",    "using",     "favor",     "favour",      "favored",   "favoured",
      "go",      "with",    "for",       "suits",     "suited",      "ideal",     "right",
      "should",  "do",      "does",      "typically", "usually",     "generally", "mostly",
      "default", "meant",   "designed",  "mainly",    "primarily",   "is",        "are",
      "who",     "choice",  "at",        "in"};
  return *kWords;
}

const WordSet& ChoiceAnchors() {
  static const auto* const kWords =
      new WordSet{"which",  "what",    "best",      "recommend", "recommended", "suggest",
                  "prefer", "prefers", "preferred", "choose",    "pick",        "suited",
                  "ideal",  "favor",   "favour",    "favored",   "favoured",    "choice"};
  return *kWords;
}

const WordSet& SummaryWords() {
  static const auto* const kWords =
      new WordSet{"describe",  "description", "explain",   "explained",  "explanation",
                  "overview",  "summary",     "summarize", "summarise",  "introduction",
                  "intro",     "introduce",   "define",    "definition", "meaning",
                  "about",     "nutshell",    "briefly",   "brief",      "short",
                  "sentence",  "sentences",   "words",     "one",        "few",
                  "basically", "exactly",     "simple",    "simply",     "terms",
                  "what",      "is",          "are",       "s",          "tell",
                  "me",        "quick",       "general",   "in",         "a",
                  "two",       "point",       "purpose",   "the",        "of",
                  "wat",       "wht",         "whats"};
  return *kWords;
}

const WordSet& SummaryAnchors() {
  static const auto* const kWords =
      new WordSet{"describe",  "description", "explain",    "explanation",  "overview",
                  "summary",   "summarize",   "summarise",  "introduction", "intro",
                  "introduce", "define",      "definition", "meaning",      "nutshell"};
  return *kWords;
}

struct Words {
  const std::vector<absl::string_view>& words;
  std::vector<bool>& consumed;

  bool Has(const WordSet& set) const {
    for (const absl::string_view word : words) {
      if (set.contains(word)) return true;
    }
    return false;
  }
  bool Has(absl::string_view word) const {
    return std::find(words.begin(), words.end(), word) != words.end();
  }
  // "X is used for", "best for", "suited for", "meant for", "ideal for".
  bool AsksWhatFor() const {
    if (!Has("for")) return false;
    return Has("used") || Has("best") || Has("suited") || Has("meant") || Has("ideal") ||
           Has("designed");
  }
  // "framework for X", "library to use at X".
  bool AsksToolFor(const WordSet& tools) const {
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if (tools.contains(words[i]) && (words[i + 1] == "for" || words[i + 1] == "at")) return true;
    }
    return false;
  }
  // "where can I get/find/download/read X".
  bool AsksWhere() const {
    return Has("where") && (Has("get") || Has("find") || Has("download") || Has("read"));
  }
  void Consume(const WordSet& set) {
    for (size_t i = 0; i < words.size(); ++i) {
      if (set.contains(words[i])) consumed[i] = true;
    }
  }
  // "what is X", "what are X", "what's X", "tell me about X".
  bool AsksWhatIs() const {
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      const bool what = words[i] == "what" || words[i] == "wat" || words[i] == "wht";
      if (what && (words[i + 1] == "is" || words[i + 1] == "are" || words[i + 1] == "s" ||
                   words[i + 1] == "exactly")) {
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

absl::string_view QuestionProper(absl::string_view question) {
  const std::vector<absl::string_view> sentences = text::SplitTypedSentences(question);
  if (sentences.size() < 2) return question;
  // The sentence holding the last question mark, else the last one.
  const size_t last_mark = question.find_last_of('?');
  size_t proper = sentences.size() - 1;
  if (last_mark != absl::string_view::npos) {
    for (size_t s = 0; s < sentences.size(); ++s) {
      const size_t begin = static_cast<size_t>(sentences[s].data() - question.data());
      if (last_mark >= begin && last_mark < begin + sentences[s].size()) proper = s;
    }
  }
  const size_t begin = static_cast<size_t>(sentences[proper].data() - question.data());
  return question.substr(begin);
}

QuestionIntent ReadQuestionIntent(absl::string_view question) {
  // Per-thread buffers: reading a question allocates little.
  thread_local text::FoldedWords folded;
  thread_local std::vector<bool> consumed;
  text::FoldWordsInto(question, &folded);
  consumed.assign(folded.words.size(), false);
  Words words{folded.words, consumed};

  QuestionIntent intent;
  if (((words.Has("when") || words.Has("year")) && words.Has(ReleaseWords())) ||
      words.Has("history") || words.Has("origins")) {
    intent.asked_for = AskedFor::kHistory;
    words.Consume(ReleaseWords());
    words.Consume(HistoryWords());
  } else if ((words.Has(MakerWords()) && words.Has(AgentWords())) || words.Has(MakerNouns())) {
    intent.asked_for = AskedFor::kDeveloper;
    words.Consume(MakerWords());
    words.Consume(MakerNouns());
    words.Consume(AgentWords());
  } else if (words.Has(WebsiteAnchors()) || words.AsksWhere()) {
    intent.asked_for = AskedFor::kWebsite;
    words.Consume(WebsiteWords());
  } else if (words.Has(ComparisonAnchors())) {
    intent.asked_for = AskedFor::kComparison;
    words.Consume(ComparisonWords());
  } else if ((words.Has(ToolWords()) && words.Has(ChoiceAnchors())) ||
             words.AsksToolFor(ToolWords())) {
    intent.asked_for = AskedFor::kFrameworkChoice;
    words.Consume(ToolWords());
    words.Consume(ChoiceWords());
  } else if (words.AsksWhatFor()) {
    intent.asked_for = AskedFor::kUse;
    words.Consume(ChoiceWords());
  } else if (words.Has(SummaryAnchors()) || words.AsksWhatIs()) {
    intent.asked_for = AskedFor::kSummary;
    words.Consume(SummaryWords());
  }
  intent.rest = words.Rest();
  return intent;
}

}  // namespace advisor::engines

#include "service/engines/question_intent.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"

#include "service/engines/english_lexicon.h"
#include "service/text/sentences.h"
#include "service/text/tokenizer.h"

namespace advisor::engines {
namespace {

using WordSet = absl::flat_hash_set<absl::string_view>;

// The cue word lists, from the built-in lexicon (english_lexicon.txtpb says
// what each signals).

// Verbs and nouns of making something: with a "who" word they ask for the
// developer ("who makes X"; "what makes X attractive" has none).
const WordSet& MakerWords() { return CueWords("maker"); }

// Nouns that ask for a maker on their own ("the creator of Keras").
const WordSet& MakerNouns() { return CueWords("maker_noun"); }

// Who is asked about: a person or an organisation.
const WordSet& AgentWords() { return CueWords("agent"); }

const WordSet& WebsiteWords() { return CueWords("website"); }

// Words that on their own ask for a website (the others only help).
const WordSet& WebsiteAnchors() { return CueWords("website_anchor"); }

const WordSet& ComparisonWords() { return CueWords("comparison"); }

const WordSet& ComparisonAnchors() { return CueWords("comparison_anchor"); }

// With "when" or "year", they ask when something came out.
const WordSet& ReleaseWords() { return CueWords("release"); }

const WordSet& HistoryWords() { return CueWords("history"); }

// Words that name a framework in general.
const WordSet& ToolWords() { return CueWords("tool"); }

// With a tool word, they ask which one to pick.
const WordSet& ChoiceWords() { return CueWords("choice"); }

const WordSet& ChoiceAnchors() { return CueWords("choice_anchor"); }

const WordSet& SummaryWords() { return CueWords("summary"); }

const WordSet& SummaryAnchors() { return CueWords("summary_anchor"); }

// Single words the rules below name: "when", "for", ...
const WordSet& WhenWords() { return CueWords("when"); }

const WordSet& HistoryAnchors() { return CueWords("history_anchor"); }

const WordSet& ForWords() { return CueWords("for"); }

// With "for", they ask what a framework is for ("best for", "used for").
const WordSet& PurposeWords() { return CueWords("purpose"); }

const WordSet& WhereWords() { return CueWords("where"); }

// With "where", they ask for a website ("where can I get X").
const WordSet& FetchWords() { return CueWords("fetch"); }

// The cue word lists, as bits: a question's words are looked up once each.
enum Cue : uint32_t {
  kMaker = 1u << 0,
  kMakerNoun = 1u << 1,
  kAgent = 1u << 2,
  kWebsite = 1u << 3,
  kWebsiteAnchor = 1u << 4,
  kComparison = 1u << 5,
  kComparisonAnchor = 1u << 6,
  kRelease = 1u << 7,
  kHistory = 1u << 8,
  kTool = 1u << 9,
  kChoice = 1u << 10,
  kChoiceAnchor = 1u << 11,
  kSummary = 1u << 12,
  kSummaryAnchor = 1u << 13,
  kWhen = 1u << 14,
  kHistoryAnchor = 1u << 15,
  kFor = 1u << 16,
  kPurpose = 1u << 17,
  kWhere = 1u << 18,
  kFetch = 1u << 19,
};

// The cues a word is one of.
uint32_t CuesOf(absl::string_view word) {
  static const auto* const kCues = [] {
    auto* cues = new absl::flat_hash_map<absl::string_view, uint32_t>;
    const std::pair<Cue, const WordSet*> lists[] = {
        {kMaker, &MakerWords()},
        {kMakerNoun, &MakerNouns()},
        {kAgent, &AgentWords()},
        {kWebsite, &WebsiteWords()},
        {kWebsiteAnchor, &WebsiteAnchors()},
        {kComparison, &ComparisonWords()},
        {kComparisonAnchor, &ComparisonAnchors()},
        {kRelease, &ReleaseWords()},
        {kHistory, &HistoryWords()},
        {kTool, &ToolWords()},
        {kChoice, &ChoiceWords()},
        {kChoiceAnchor, &ChoiceAnchors()},
        {kSummary, &SummaryWords()},
        {kSummaryAnchor, &SummaryAnchors()},
        {kWhen, &WhenWords()},
        {kHistoryAnchor, &HistoryAnchors()},
        {kFor, &ForWords()},
        {kPurpose, &PurposeWords()},
        {kWhere, &WhereWords()},
        {kFetch, &FetchWords()},
    };
    for (const auto& [cue, list] : lists) {
      for (const absl::string_view word : *list) (*cues)[word] |= cue;
    }
    return cues;
  }();
  const auto it = kCues->find(word);
  return it == kCues->end() ? 0 : it->second;
}

struct Words {
  const std::vector<absl::string_view>& words;
  // By word: its cues, and whether it only signalled what is asked.
  std::vector<uint32_t>& cues;
  std::vector<bool>& consumed;
  // The cues of all the words together.
  uint32_t all_cues = 0;

  bool Has(uint32_t cue) const { return (all_cues & cue) != 0; }
  // "X is used for", "best for", "suited for", "meant for", "ideal for".
  bool AsksWhatFor() const { return Has(kFor) && Has(kPurpose); }
  // "framework for X", "library to use at X".
  bool AsksToolFor() const {
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if ((cues[i] & kTool) != 0 && (words[i + 1] == "for" || words[i + 1] == "at")) return true;
    }
    return false;
  }
  // "where can I get/find/download/read X".
  bool AsksWhere() const { return Has(kWhere) && Has(kFetch); }
  void Consume(uint32_t cue) {
    for (size_t i = 0; i < words.size(); ++i) {
      if ((cues[i] & cue) != 0) consumed[i] = true;
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
  // Most questions are one sentence: no mark that could end one is
  // followed by more than marks, closing quotes or brackets and spaces.
  constexpr absl::string_view kMarks = ".!?;";
  const size_t first_mark = question.find_first_of(kMarks);
  if (first_mark == absl::string_view::npos ||
      question.find_first_not_of(".!?;)]}\"' \t\n\r\f\v", first_mark) == absl::string_view::npos) {
    return question;
  }
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
  thread_local text::FoldedWords folded;
  text::FoldWordsInto(question, &folded);
  return ReadQuestionIntent(folded);
}

QuestionIntent ReadQuestionIntent(const text::FoldedWords& folded) {
  // Per-thread buffers: reading a question allocates little.
  thread_local std::vector<uint32_t> cues;
  thread_local std::vector<bool> consumed;
  cues.clear();
  uint32_t all_cues = 0;
  for (const absl::string_view word : folded.words) {
    cues.push_back(CuesOf(word));
    all_cues |= cues.back();
  }
  consumed.assign(folded.words.size(), false);
  Words words{folded.words, cues, consumed, all_cues};

  QuestionIntent intent;
  if ((words.Has(kWhen) && words.Has(kRelease)) || words.Has(kHistoryAnchor)) {
    intent.asked_for = AskedFor::kHistory;
    words.Consume(kRelease);
    words.Consume(kHistory);
  } else if ((words.Has(kMaker) && words.Has(kAgent)) || words.Has(kMakerNoun)) {
    intent.asked_for = AskedFor::kDeveloper;
    words.Consume(kMaker);
    words.Consume(kMakerNoun);
    words.Consume(kAgent);
  } else if (words.Has(kWebsiteAnchor) || words.AsksWhere()) {
    intent.asked_for = AskedFor::kWebsite;
    words.Consume(kWebsite);
  } else if (words.Has(kComparisonAnchor)) {
    intent.asked_for = AskedFor::kComparison;
    words.Consume(kComparison);
  } else if ((words.Has(kTool) && words.Has(kChoiceAnchor)) || words.AsksToolFor()) {
    intent.asked_for = AskedFor::kFrameworkChoice;
    words.Consume(kTool);
    words.Consume(kChoice);
  } else if (words.AsksWhatFor()) {
    intent.asked_for = AskedFor::kUse;
    words.Consume(kChoice);
  } else if (words.Has(kSummaryAnchor) || words.AsksWhatIs()) {
    intent.asked_for = AskedFor::kSummary;
    words.Consume(kSummary);
  }
  if (intent.asked_for != AskedFor::kAnything) intent.rest = words.Rest();
  return intent;
}

}  // namespace advisor::engines

#include "service/text/text_analyzer.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"

#include "service/text/deletion_index.h"
#include "service/text/edit_distance.h"
#include "service/text/stemmer.h"
#include "service/text/text_normalizer.h"
#include "service/text/tokenizer.h"

namespace advisor::text {
namespace {

// Words shorter than this are never corrected: too many real words are one
// edit away from each other ("ml" / "al", "tf" / "tv").
constexpr size_t kMinCorrectableLength = 4;
// Shorter words are corrected only for swapped letters ("onyl"): a
// single other edit turns too many real words into others ("care" / "core").
constexpr size_t kMinOneEditLength = 5;
// From this length on, two edits are tolerated instead of one.
constexpr size_t kTwoEditLength = 8;
// Longer words (in bytes) are never corrected towards: no real word is
// this long. (Nor corrected: the DeletionIndex finds nothing for a word
// more than two bytes longer than any it holds, at no cost.)
constexpr size_t kMaxCorrectableLength = 32;

bool HasDigit(absl::string_view word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

std::vector<std::string> Words(absl::string_view text) {
  FoldedWords words;
  FoldWordsInto(text, &words);
  std::vector<std::string> strings(words.words.begin(), words.words.end());
  return strings;
}

// True when `a` and `b` differ only by the order of their letters.
bool IsSwap(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  std::string sorted_a(a);
  std::string sorted_b(b);
  std::sort(sorted_a.begin(), sorted_a.end());
  std::sort(sorted_b.begin(), sorted_b.end());
  return sorted_a == sorted_b;
}

int MaxEdits(absl::string_view word) { return word.size() >= kTwoEditLength ? 2 : 1; }

struct WordInfo {
  int32_t word = -1;  // Index into Lexicon::stems.
  bool stop = false;
};

}  // namespace

struct TextAnalyzer::Lexicon {
  // Folded surface form -> its word. Covers every form seen at build time.
  absl::flat_hash_map<std::string, WordInfo> surfaces;
  // Stem -> word, for inflections first seen in a question.
  absl::flat_hash_map<std::string, int32_t> stems;
  // The term a word is read as when no phrase covers it.
  std::vector<TermId> word_term;
  std::vector<std::string> term_texts;
  // By term: never counts, like a stop word. A synonym group whose
  // canonical text is a stop word stops all its terms ("library" when
  // "framework" is a stop word).
  std::vector<bool> term_stop;

  // Phrase trie over words: edge key (node << 32 | word) -> child node.
  absl::flat_hash_map<uint64_t, int32_t> trie_edges;
  // Term a trie node completes, or -1.
  std::vector<TermId> node_term;

  // Typo correction: candidate words by the strings a few deletions away.
  std::vector<std::string> correction_words;
  std::vector<int> correction_counts;  // How often each was seen; breaks ties.
  DeletionIndex deletions;

  int32_t Child(int32_t node, int32_t word) const {
    const auto it =
        trie_edges.find((static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(word));
    return it == trie_edges.end() ? -1 : it->second;
  }

  // The known surface form closest to `word`, or null.
  const std::string* Correct(absl::string_view word) const {
    if (word.size() < kMinCorrectableLength || HasDigit(word)) return nullptr;
    const int max_edits = MaxEdits(word);
    thread_local std::vector<int32_t> candidates;
    deletions.FindCandidates(word, max_edits, &candidates);
    int best = -1;
    int best_distance = max_edits + 1;
    for (const int32_t candidate : candidates) {
      const int distance = BoundedEditDistance(word, correction_words[candidate], max_edits);
      if (distance > max_edits) continue;
      if (word.size() < kMinOneEditLength && !IsSwap(word, correction_words[candidate])) continue;
      const bool better =
          distance < best_distance ||
          (distance == best_distance && (correction_counts[candidate] > correction_counts[best] ||
                                         (correction_counts[candidate] == correction_counts[best] &&
                                          correction_words[candidate] < correction_words[best])));
      if (better) {
        best = candidate;
        best_distance = distance;
      }
    }
    return best < 0 ? nullptr : &correction_words[best];
  }

  // How one token of a question is read.
  struct Resolved {
    int32_t word = -1;
    bool stop = false;
    bool corrected = false;
  };

  Resolved Resolve(absl::string_view token) const {
    if (const auto it = surfaces.find(token); it != surfaces.end()) {
      return {it->second.word, it->second.stop, false};
    }
    if (const auto it = stems.find(Stem(token)); it != stems.end()) {
      return {it->second, false, false};
    }
    if (const std::string* corrected = Correct(token); corrected != nullptr) {
      const WordInfo& info = surfaces.at(*corrected);
      return {info.word, info.stop, true};
    }
    return {};
  }
};

struct TextAnalyzer::Builder::State {
  absl::flat_hash_set<std::string> stop_words;
  std::vector<std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>>> groups;
  std::vector<std::vector<std::string>> vocabulary;
};

TextAnalyzer::Builder::Builder() : state_(std::make_unique<State>()) {}

TextAnalyzer::Builder::~Builder() = default;

TextAnalyzer::Builder& TextAnalyzer::Builder::AddStopWord(absl::string_view word) {
  // A stop "word" of several words (e.g. "know about") stops each of them
  // only as a vocabulary entry, so keep single words only.
  std::vector<std::string> words = Words(word);
  if (words.size() == 1) state_->stop_words.insert(words.front());
  return *this;
}

TextAnalyzer::Builder& TextAnalyzer::Builder::AddSynonyms(absl::string_view canonical,
                                                          const std::vector<std::string>& terms) {
  std::vector<std::string> canonical_words = Words(canonical);
  if (canonical_words.empty()) return *this;
  std::vector<std::vector<std::string>> phrases;
  phrases.push_back(canonical_words);
  for (const std::string& term : terms) {
    std::vector<std::string> words = Words(term);
    if (!words.empty()) phrases.push_back(std::move(words));
  }
  state_->groups.emplace_back(std::move(canonical_words), std::move(phrases));
  return *this;
}

TextAnalyzer::Builder& TextAnalyzer::Builder::AddVocabulary(absl::string_view text) {
  std::vector<std::string> words = Words(text);
  if (!words.empty()) state_->vocabulary.push_back(std::move(words));
  return *this;
}

TextAnalyzer TextAnalyzer::Builder::Build() {
  auto lexicon = std::make_unique<Lexicon>();
  absl::flat_hash_map<std::string, int> counts;

  auto new_word = [&](const std::string& text) {
    const auto word = static_cast<int32_t>(lexicon->word_term.size());
    lexicon->word_term.push_back(static_cast<TermId>(lexicon->term_texts.size()));
    lexicon->term_texts.push_back(text);
    lexicon->term_stop.push_back(false);
    return word;
  };
  auto word_of = [&](const std::string& surface) -> int32_t {
    ++counts[surface];
    if (const auto it = lexicon->surfaces.find(surface); it != lexicon->surfaces.end()) {
      return it->second.word;
    }
    const std::string stem = Stem(surface);
    auto it = lexicon->stems.find(stem);
    if (it == lexicon->stems.end()) it = lexicon->stems.emplace(stem, new_word(stem)).first;
    const bool stop = state_->stop_words.contains(surface);
    lexicon->surfaces[surface] = {it->second, stop};
    if (stop) lexicon->term_stop[lexicon->word_term[it->second]] = true;
    return it->second;
  };
  // The synonym group that first listed each word on its own. Snowball
  // conflates some unrelated words ("experience" and "experiment" both stem
  // to "experi"); when another group lists such a word, that surface form
  // becomes a word of its own so each group keeps its meaning.
  absl::flat_hash_map<int32_t, size_t> word_group;
  auto group_word_of = [&](const std::string& surface, size_t group) -> int32_t {
    const int32_t word = word_of(surface);
    const auto [it, inserted] = word_group.try_emplace(word, group);
    if (inserted || it->second == group) return word;
    const int32_t own = new_word(surface);
    lexicon->surfaces[surface].word = own;
    word_group.emplace(own, group);
    return own;
  };

  for (const std::string& stop : state_->stop_words) word_of(stop);
  for (const auto& words : state_->vocabulary) {
    for (const std::string& word : words) word_of(word);
  }

  lexicon->node_term.push_back(-1);  // The root completes no phrase.
  for (size_t group = 0; group < state_->groups.size(); ++group) {
    const auto& [canonical, phrases] = state_->groups[group];
    const auto term = static_cast<TermId>(lexicon->term_texts.size());
    lexicon->term_texts.push_back(absl::StrJoin(canonical, " "));
    lexicon->term_stop.push_back(canonical.size() == 1 &&
                                 state_->stop_words.contains(canonical[0]));
    for (const auto& phrase : phrases) {
      int32_t node = 0;
      for (const std::string& surface : phrase) {
        const int32_t word = phrase.size() == 1 ? group_word_of(surface, group) : word_of(surface);
        const uint64_t key = (static_cast<uint64_t>(node) << 32) | static_cast<uint32_t>(word);
        auto [it, inserted] =
            lexicon->trie_edges.try_emplace(key, static_cast<int32_t>(lexicon->node_term.size()));
        if (inserted) lexicon->node_term.push_back(-1);
        node = it->second;
      }
      if (lexicon->node_term[node] < 0) lexicon->node_term[node] = term;  // First group wins.
    }
  }

  for (const auto& [surface, info] : lexicon->surfaces) {
    if (surface.size() < kMinCorrectableLength - 1 || surface.size() > kMaxCorrectableLength ||
        HasDigit(surface)) {
      continue;
    }
    const auto index = static_cast<int32_t>(lexicon->correction_words.size());
    lexicon->correction_words.push_back(surface);
    lexicon->correction_counts.push_back(counts[surface]);
    // Deep enough for the longest question word that may reach this one.
    lexicon->deletions.Add(surface, index, surface.size() + 2 >= kTwoEditLength ? 2 : 1);
  }
  return TextAnalyzer(std::move(lexicon));
}

TextAnalyzer::TextAnalyzer(std::unique_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
TextAnalyzer::TextAnalyzer(TextAnalyzer&&) noexcept = default;
TextAnalyzer& TextAnalyzer::operator=(TextAnalyzer&&) noexcept = default;
TextAnalyzer::~TextAnalyzer() = default;

void TextAnalyzer::AnalyzeInto(absl::string_view text, Analysis* out) const {
  // Per-thread buffers, so a call allocates little once warmed up.
  thread_local FoldedWords words;
  FoldWordsInto(text, &words);
  AnalyzeFoldedInto(words, out);
}

void TextAnalyzer::AnalyzeFoldedInto(const FoldedWords& words, Analysis* out) const {
  out->Clear();
  thread_local std::vector<Lexicon::Resolved> resolved;
  const std::vector<absl::string_view>& tokens = words.words;
  resolved.clear();
  for (const absl::string_view token : tokens) resolved.push_back(lexicon_->Resolve(token));

  const size_t size = tokens.size();
  for (size_t i = 0; i < size;) {
    if (resolved[i].word < 0) {
      out->unknown_words.emplace_back(tokens[i]);
      ++i;
      continue;
    }
    // Longest phrase starting here.
    TermId phrase_term = -1;
    size_t phrase_length = 0;
    int32_t node = 0;
    for (size_t j = i; j < size && resolved[j].word >= 0; ++j) {
      node = lexicon_->Child(node, resolved[j].word);
      if (node < 0) break;
      if (lexicon_->node_term[node] >= 0) {
        phrase_term = lexicon_->node_term[node];
        phrase_length = j - i + 1;
      }
    }
    if (phrase_length >= 2) {
      if (lexicon_->term_stop[phrase_term]) {
        i += phrase_length;
        continue;
      }
      const auto first = resolved.begin() + static_cast<std::ptrdiff_t>(i);
      const bool corrected = std::any_of(first, first + static_cast<std::ptrdiff_t>(phrase_length),
                                         [](const Lexicon::Resolved& r) { return r.corrected; });
      out->terms.push_back({phrase_term, corrected});
      i += phrase_length;
      continue;
    }
    const TermId term = phrase_length == 1 ? phrase_term : lexicon_->word_term[resolved[i].word];
    if (!resolved[i].stop && !lexicon_->term_stop[term]) {
      out->terms.push_back({term, resolved[i].corrected});
    }
    ++i;
  }
}

Analysis TextAnalyzer::Analyze(absl::string_view text) const {
  Analysis analysis;
  AnalyzeInto(text, &analysis);
  return analysis;
}

std::vector<std::string> TextAnalyzer::AnalyzeToStrings(absl::string_view text) const {
  const Analysis analysis = Analyze(text);
  std::vector<std::string> strings;
  for (const AnalyzedTerm& term : analysis.terms) strings.push_back(TermText(term.id));
  for (const std::string& word : analysis.unknown_words) strings.push_back("?" + word);
  return strings;
}

const std::string& TextAnalyzer::TermText(TermId id) const {
  static const std::string* const kNone = new std::string();
  if (id < 0 || id >= term_count()) return *kNone;
  return lexicon_->term_texts[id];
}

int TextAnalyzer::term_count() const { return static_cast<int>(lexicon_->term_texts.size()); }

TermId TextAnalyzer::FindTerm(absl::string_view phrase) const {
  const Analysis analysis = Analyze(phrase);
  if (analysis.terms.size() != 1 || !analysis.unknown_words.empty()) return -1;
  return analysis.terms.front().id;
}

}  // namespace advisor::text

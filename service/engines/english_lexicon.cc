#include "service/engines/english_lexicon.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace advisor::engines {
namespace {

using CueWordSets = absl::flat_hash_map<std::string, absl::flat_hash_set<absl::string_view>>;

// Collects the parser's errors into one message.
class ErrorCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (errors_.empty()) errors_ = absl::StrCat("line ", line + 1, ":", column + 1, ": ", message);
  }
  const std::string& errors() const { return errors_; }

 private:
  std::string errors_;
};

const CueWordSets& AllCueWords() {
  static const CueWordSets* const kSets = [] {
    auto* sets = new CueWordSets();
    for (const v1::CueWords& cue : EnglishLexicon().cue_words()) {
      auto& words = (*sets)[cue.name()];
      for (const std::string& word : cue.words()) words.insert(word);
    }
    return sets;
  }();
  return *kSets;
}

}  // namespace

absl::StatusOr<v1::Lexicon> ParseLexicon(absl::string_view text) {
  v1::Lexicon lexicon;
  google::protobuf::TextFormat::Parser parser;
  ErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &lexicon)) {
    return absl::InvalidArgumentError(absl::StrCat("lexicon: ", errors.errors()));
  }
  absl::flat_hash_set<std::string> names;
  for (const v1::CueWords& cue : lexicon.cue_words()) {
    if (cue.name().empty()) return absl::InvalidArgumentError("lexicon: a cue list has no name");
    if (!names.insert(cue.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("lexicon: cue list \"", cue.name(), "\" is named twice"));
    }
    for (const std::string& word : cue.words()) {
      if (word.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("lexicon: cue list \"", cue.name(), "\" has an empty word"));
      }
    }
  }
  for (const v1::SynonymGroup& group : lexicon.synonyms()) {
    if (group.canonical().empty() || group.terms().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("lexicon: synonym group \"", group.canonical(), "\" is incomplete"));
    }
  }
  for (const std::string& word : lexicon.stop_words()) {
    if (word.empty()) return absl::InvalidArgumentError("lexicon: an empty stop word");
  }
  return lexicon;
}

const v1::Lexicon& EnglishLexicon() {
  static const v1::Lexicon* const kLexicon = [] {
    absl::StatusOr<v1::Lexicon> lexicon = ParseLexicon(EnglishLexiconText());
    if (!lexicon.ok()) {
      std::fprintf(stderr, "english_lexicon.txtpb: %s\n", lexicon.status().ToString().c_str());
      std::abort();
    }
    return new v1::Lexicon(*std::move(lexicon));
  }();
  return *kLexicon;
}

const absl::flat_hash_set<absl::string_view>& CueWords(absl::string_view name) {
  static const auto* const kNone = new absl::flat_hash_set<absl::string_view>();
  const CueWordSets& sets = AllCueWords();
  const auto it = sets.find(name);
  return it == sets.end() ? *kNone : it->second;
}

}  // namespace advisor::engines

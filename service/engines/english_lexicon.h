#ifndef ADVISOR_SERVICE_ENGINES_ENGLISH_LEXICON_H_
#define ADVISOR_SERVICE_ENGINES_ENGLISH_LEXICON_H_

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/lexicon.pb.h"

namespace advisor::engines {

// The text of english_lexicon.txtpb, embedded at build time.
absl::string_view EnglishLexiconText();

// Parses a lexicon in protobuf text format and checks it: every cue list
// named, no name twice, no empty word or synonym group. INVALID_ARGUMENT
// with the parser's or the check's message otherwise.
absl::StatusOr<v1::Lexicon> ParseLexicon(absl::string_view text);

// The built-in lexicon: generic English the answerer reads questions and
// passages with (stop words, spelling variants and everyday synonyms, the
// cue words of question kinds), apart from knowledge base content. Parsed
// once; a lexicon that does not parse is a build defect
// (english_lexicon_test), so this aborts with the parser's message.
const v1::Lexicon& EnglishLexicon();

// The built-in lexicon's cue words named `name`, as views into it. Empty
// for an unknown name.
const absl::flat_hash_set<absl::string_view>& CueWords(absl::string_view name);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_ENGLISH_LEXICON_H_

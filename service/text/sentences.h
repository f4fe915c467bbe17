#ifndef ADVISOR_SERVICE_TEXT_SENTENCES_H_
#define ADVISOR_SERVICE_TEXT_SENTENCES_H_

#include <vector>

#include "absl/strings/string_view.h"

namespace advisor::text {

// Splits prose into its sentences, as views into `text` with the spaces
// between them left out. A sentence ends at '.', '!' or '?' (with any
// closing quotes or brackets) followed by white space and a capital
// letter, digit or opening quote, except after common abbreviations
// ("e.g.", "vs.", "Dr.") and single letters ("J. Doe"). Text with no such
// end is one sentence; blank text has none.
std::vector<absl::string_view> SplitSentences(absl::string_view text);

// As SplitSentences, for what people type: a sentence may also start in
// lower case, and ';' ends one too ("i use keras; is it enough?").
std::vector<absl::string_view> SplitTypedSentences(absl::string_view text);

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_SENTENCES_H_

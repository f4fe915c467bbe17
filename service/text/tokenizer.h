#ifndef ADVISOR_SERVICE_TEXT_TOKENIZER_H_
#define ADVISOR_SERVICE_TEXT_TOKENIZER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace advisor::text {

// Splits folded text (see FoldText) into word tokens: maximal runs of
// letters and digits (any script). Everything else separates words, so
// "entry-level" gives "entry", "level" and "tf.keras" gives "tf", "keras".
std::vector<std::string> Tokenize(absl::string_view folded_text);

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_TOKENIZER_H_

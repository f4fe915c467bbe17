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

// The words of a text as FoldText then Tokenize give them, as views into
// storage this object owns. Reuse one (e.g. per thread) so that splitting
// a text allocates nothing once the buffers have grown.
struct FoldedWords {
  // The words, in text order.
  std::vector<absl::string_view> words;
  // Storage: ASCII text's words lower-cased (other bytes zeroed), or
  // other text's tokens.
  std::string lowered;
  std::vector<std::string> tokens;
};

// Fills `out` with the words of `text` (UTF-8). Pure ASCII text takes a
// fast path (folding it is lower-casing, its word characters are letters
// and digits) that keeps utf8proc and its allocations off the request path.
// Text that is not valid UTF-8 has no words.
void FoldWordsInto(absl::string_view text, FoldedWords* out);

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_TOKENIZER_H_

#ifndef ADVISOR_SERVICE_TEXT_STEMMER_H_
#define ADVISOR_SERVICE_TEXT_STEMMER_H_

#include <string>

#include "absl/strings/string_view.h"

namespace advisor::text {

// Reduces an English word (already folded to lower case) to its Snowball
// stem with libstemmer: "hiring" -> "hire", "startups" -> "startup".
// Thread-safe: each thread uses its own libstemmer instance, because one
// instance keeps its output in a shared buffer, and remembers the stems of
// the last few thousand words it saw, which repeat from call to call.
std::string Stem(absl::string_view word);

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_STEMMER_H_

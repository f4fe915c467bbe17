#include "service/text/stemmer.h"

#include <memory>

#include "libstemmer.h"

namespace advisor::text {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

sb_stemmer* ThreadStemmer() {
  thread_local const std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  return stemmer.get();
}

}  // namespace

std::string Stem(absl::string_view word) {
  sb_stemmer* stemmer = ThreadStemmer();
  if (stemmer == nullptr || word.empty()) return std::string(word);
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (stemmed == nullptr) return std::string(word);  // Out of memory: fall back to the word.
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace advisor::text

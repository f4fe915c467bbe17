#include "service/text/stemmer.h"

#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"

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

// Words this thread stemmed lately, with their stems. Questions and role
// descriptions repeat the same words, and a lookup costs a fraction of
// libstemmer's suffix rules. Cleared when full, which bounds its memory
// (a few hundred KiB per thread) without the bookkeeping of an LRU.
constexpr size_t kMaxMemoizedStems = 4096;

absl::flat_hash_map<std::string, std::string>& ThreadStems() {
  thread_local absl::flat_hash_map<std::string, std::string> stems;
  return stems;
}

std::string StemUncached(absl::string_view word) {
  sb_stemmer* stemmer = ThreadStemmer();
  if (stemmer == nullptr || word.empty()) return std::string(word);
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (stemmed == nullptr) return std::string(word);  // Out of memory: fall back to the word.
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<size_t>(sb_stemmer_length(stemmer)));
}

}  // namespace

std::string Stem(absl::string_view word) {
  absl::flat_hash_map<std::string, std::string>& stems = ThreadStems();
  if (const auto it = stems.find(word); it != stems.end()) return it->second;
  std::string stem = StemUncached(word);
  if (stems.size() >= kMaxMemoizedStems) stems.clear();
  stems.emplace(word, stem);
  return stem;
}

}  // namespace advisor::text

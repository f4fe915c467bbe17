#ifndef ADVISOR_SERVICE_TEXT_DELETION_INDEX_H_
#define ADVISOR_SERVICE_TEXT_DELETION_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace advisor::text {

// Finds the words of a vocabulary that may be within a few edits of a query
// without comparing the query with every word ("symmetric deletion"): each
// word is stored under every string a few byte deletions away from it, and
// a query looks up the strings a few deletions away from itself. Two
// strings within d insertions, deletions, substitutions or adjacent swaps
// of each other share such a string, so every close word is found; some
// farther ones are too, so callers confirm with BoundedEditDistance. The
// cost of a query depends on its length, not on the vocabulary's size.
// Immutable after building; safe to query from many threads.
class DeletionIndex {
 public:
  // Makes `word` reachable by queries within `depth` edits (1 or 2; more
  // grows the index quickly). Give each word one `id`, added once.
  void Add(const std::string& word, int32_t id, int depth);

  // Replaces `ids` with the ids of the words that may be within `depth`
  // edits of `query` (at most the depth they were added with), sorted and
  // without repeats.
  void FindCandidates(const std::string& query, int depth, std::vector<int32_t>* ids) const;

 private:
  // A word itself and each string `depth` deletions or fewer from it -> the
  // ids of the words that reach it.
  absl::flat_hash_map<std::string, std::vector<int32_t>> ids_by_key_;
};

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_DELETION_INDEX_H_

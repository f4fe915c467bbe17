#ifndef ADVISOR_SERVICE_TEXT_DELETION_INDEX_H_
#define ADVISOR_SERVICE_TEXT_DELETION_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace advisor::text {

// Finds the words of a vocabulary that may be within a few edits of a query
// without comparing the query with every word ("symmetric deletion"): each
// word is stored under every string a few byte deletions away from it, and
// a query looks up the strings a few deletions away from itself. Two
// strings within d insertions, deletions, substitutions or adjacent swaps
// of each other share such a string, so every close word is found; some
// farther ones are too, so callers confirm with BoundedEditDistance. The
// strings are stored as 64-bit polynomial hashes, so a query derives its
// deletions' keys from its prefix hashes (an addition each) without writing
// them out, and a Bloom filter turns most absent keys away before the table
// is probed (a hash collision merely adds a candidate, which the caller's
// check removes).
// The cost of a query depends on its length, not on the vocabulary's size,
// and is bounded: words and queries too long to matter are refused up
// front.
// Immutable after building; safe to query from many threads.
class DeletionIndex {
 public:
  // Longest word (in bytes) Add indexes. The keys of a word grow with the
  // square of its length; no real word or name comes close to this.
  static constexpr size_t kMaxWordBytes = 64;
  // Most edits a word is indexed or a query is looked up with.
  static constexpr int kMaxDepth = 2;

  // Makes `word` reachable by queries within `depth` edits (1 or 2; clamped
  // to kMaxDepth). Give each word one `id`, added once. A word longer than
  // kMaxWordBytes is not indexed: no query ever finds it.
  void Add(absl::string_view word, int32_t id, int depth);

  // Replaces `ids` with the ids of the words that may be within `depth`
  // edits of `query` (at most the depth they were added with, and at most
  // kMaxDepth), sorted and without repeats. A query longer than the
  // longest indexed word plus `depth` can match nothing and costs nothing,
  // so no query costs more than one of kMaxWordBytes + kMaxDepth bytes.
  // Allocates nothing once `ids` has grown.
  void FindCandidates(absl::string_view query, int depth, std::vector<int32_t>* ids) const;

 private:
  // The filter bit of `key`.
  uint64_t FilterBit(uint64_t key) const;
  // Whether `key` may be in ids_by_key_: false for most of a query's keys,
  // at a fraction of the cost of probing the table.
  bool MayHold(uint64_t key) const;
  // Appends the ids held under `key`, if any, to `ids`.
  void AddIdsOf(uint64_t key, std::vector<int32_t>* ids) const;
  // Sets the filter bit of `key`, first growing the filter when it holds
  // too many keys for few false positives.
  void AddToFilter(uint64_t key);

  // The key (hash) of a word itself and of each string `depth` deletions or
  // fewer from it -> the ids of the words that reach it.
  absl::flat_hash_map<uint64_t, std::vector<int32_t>> ids_by_key_;
  // One bit per (mixed) key, 8 to 16 bits per key held: a Bloom filter
  // with one hash function (6 to 12 % false positives).
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(1, 0);
  // 64 minus log2 of the filter's bit count.
  int filter_shift_ = 58;
  // Length of the longest indexed word.
  size_t longest_word_ = 0;
};

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_DELETION_INDEX_H_

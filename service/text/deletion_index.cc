#include "service/text/deletion_index.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace advisor::text {
namespace {

// Every string `depth` or fewer single-byte deletions away from `word`
// (excluding `word` itself), added to `out`.
void AddDeletions(const std::string& word, int depth, absl::flat_hash_set<std::string>* out) {
  if (depth == 0 || word.size() <= 1) return;
  for (size_t i = 0; i < word.size(); ++i) {
    std::string shorter = word.substr(0, i) + word.substr(i + 1);
    if (out->insert(shorter).second) AddDeletions(shorter, depth - 1, out);
  }
}

// As AddDeletions, into a list that may repeat strings: cheaper than a set
// for the handful of keys one query needs. Positions are deleted in
// increasing order (a deeper level starts at `from`), so each set of
// deleted positions is generated once, not once per order: for two edits
// this halves the keys to look up.
void AddQueryDeletions(const std::string& word, size_t from, int depth,
                       std::vector<std::string>* out) {
  if (depth == 0 || word.size() <= 1) return;
  for (size_t i = from; i < word.size(); ++i) {
    std::string shorter = word;
    shorter.erase(i, 1);
    AddQueryDeletions(shorter, i, depth - 1, out);
    out->push_back(std::move(shorter));
  }
}

}  // namespace

void DeletionIndex::Add(const std::string& word, int32_t id, int depth) {
  absl::flat_hash_set<std::string> keys = {word};
  AddDeletions(word, depth, &keys);
  for (const std::string& key : keys) ids_by_key_[key].push_back(id);
}

void DeletionIndex::FindCandidates(const std::string& query, int depth,
                                   std::vector<int32_t>* ids) const {
  // Per-thread buffer: short words stay in std::string's inline storage, so
  // generating the keys allocates nothing after warm-up.
  thread_local std::vector<std::string> keys;
  keys.clear();
  keys.push_back(query);
  AddQueryDeletions(query, 0, depth, &keys);
  ids->clear();
  for (const std::string& key : keys) {
    const auto it = ids_by_key_.find(key);
    if (it == ids_by_key_.end()) continue;
    ids->insert(ids->end(), it->second.begin(), it->second.end());
  }
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

}  // namespace advisor::text

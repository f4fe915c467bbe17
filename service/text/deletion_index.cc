#include "service/text/deletion_index.h"

#include <algorithm>
#include <array>

#include "absl/container/flat_hash_set.h"

namespace advisor::text {
namespace {

// Longest query that can reach an indexed word.
constexpr size_t kMaxQueryBytes = DeletionIndex::kMaxWordBytes + DeletionIndex::kMaxDepth;

// Every string `depth` or fewer single-byte deletions away from `word`
// (excluding `word` itself), added to `out`.
void AddDeletions(const std::string& word, int depth, absl::flat_hash_set<std::string>* out) {
  if (depth == 0 || word.size() <= 1) return;
  for (size_t i = 0; i < word.size(); ++i) {
    std::string shorter = word.substr(0, i) + word.substr(i + 1);
    if (out->insert(shorter).second) AddDeletions(shorter, depth - 1, out);
  }
}

// Calls `visit` with every string `depth` or fewer single-byte deletions
// away from `word` (excluding `word` itself), each written into `buffers`
// (one per level of depth, so nothing is allocated). Positions are deleted
// in increasing order (a deeper level starts at `from`), so each set of
// deleted positions is generated once, not once per order; deleting either
// byte of a doubled letter gives the same string, so only the first is
// deleted. Strings may still repeat ("abab" without "ab" or "ba"...): the
// caller tolerates that.
template <typename Visit>
void VisitDeletions(absl::string_view word, size_t from, int depth,
                    std::array<char, kMaxQueryBytes>* buffers, const Visit& visit) {
  if (depth == 0 || word.size() <= 1 || from >= word.size()) return;
  char* shorter = buffers->data();
  const size_t size = word.size() - 1;
  // The bytes before `from` are the same in every variant below.
  std::copy(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(from), shorter);
  std::copy(word.begin() + static_cast<std::ptrdiff_t>(from) + 1, word.end(), shorter + from);
  for (size_t i = from; i < word.size(); ++i) {
    // `shorter` is `word` without byte i.
    if (i > from) shorter[i - 1] = word[i - 1];
    if (i > from && word[i] == word[i - 1]) continue;
    const absl::string_view variant(shorter, size);
    visit(variant);
    VisitDeletions(variant, i, depth - 1, buffers + 1, visit);
  }
}

}  // namespace

void DeletionIndex::Add(absl::string_view word, int32_t id, int depth) {
  if (word.size() > kMaxWordBytes) return;
  longest_word_ = std::max(longest_word_, word.size());
  absl::flat_hash_set<std::string> keys = {std::string(word)};
  AddDeletions(std::string(word), std::clamp(depth, 0, kMaxDepth), &keys);
  for (const std::string& key : keys) ids_by_key_[key].push_back(id);
}

void DeletionIndex::FindCandidates(absl::string_view query, int depth,
                                   std::vector<int32_t>* ids) const {
  ids->clear();
  depth = std::clamp(depth, 0, kMaxDepth);
  // Every key of an indexed word is at most longest_word_ long, and the
  // query's keys are at least query.size() - depth long.
  if (query.size() > longest_word_ + static_cast<size_t>(depth)) return;
  const auto add_ids_of = [&](absl::string_view key) {
    const auto it = ids_by_key_.find(key);
    if (it != ids_by_key_.end()) ids->insert(ids->end(), it->second.begin(), it->second.end());
  };
  add_ids_of(query);
  std::array<std::array<char, kMaxQueryBytes>, kMaxDepth> buffers;
  VisitDeletions(query, 0, depth, buffers.data(), add_ids_of);
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

}  // namespace advisor::text

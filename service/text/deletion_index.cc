#include "service/text/deletion_index.h"

#include <algorithm>
#include <array>
#include <string>

#include "absl/container/flat_hash_set.h"

namespace advisor::text {
namespace {

// Longest query that can reach an indexed word.
constexpr size_t kMaxQueryBytes = DeletionIndex::kMaxWordBytes + DeletionIndex::kMaxDepth;

// Keys are polynomial hashes (modulo 2^64) of strings, so the hash of a
// string with one or two bytes deleted follows from the query's prefix
// hashes in a few multiplications, without writing the string out. The
// base is odd; bytes count from 1 so that leading zero bytes matter.
constexpr uint64_t kBase = 0x9E3779B97F4A7C15ULL;

uint64_t ByteValue(char c) { return static_cast<uint64_t>(static_cast<unsigned char>(c)) + 1; }

// kBase to the powers 0 .. kMaxQueryBytes.
constexpr std::array<uint64_t, kMaxQueryBytes + 1> MakePowers() {
  std::array<uint64_t, kMaxQueryBytes + 1> powers{};
  powers[0] = 1;
  for (size_t k = 1; k < powers.size(); ++k) powers[k] = powers[k - 1] * kBase;
  return powers;
}
constexpr std::array<uint64_t, kMaxQueryBytes + 1> kPowers = MakePowers();

// Spreads a key's bits before the filter takes its top bits.
constexpr uint64_t kFilterMix = 0xD6E8FEB86659FD93ULL;

uint64_t KeyOf(absl::string_view text) {
  uint64_t key = 0;
  for (const char c : text) key = key * kBase + ByteValue(c);
  return key;
}

// Every string `depth` or fewer single-byte deletions away from `word`
// (excluding `word` itself), added to `out`.
void AddDeletions(const std::string& word, int depth, absl::flat_hash_set<std::string>* out) {
  if (depth == 0 || word.size() <= 1) return;
  for (size_t i = 0; i < word.size(); ++i) {
    std::string shorter = word.substr(0, i) + word.substr(i + 1);
    if (out->insert(shorter).second) AddDeletions(shorter, depth - 1, out);
  }
}

}  // namespace

uint64_t DeletionIndex::FilterBit(uint64_t key) const {
  return (key * kFilterMix) >> filter_shift_;
}

bool DeletionIndex::MayHold(uint64_t key) const {
  const uint64_t bit = FilterBit(key);
  return ((filter_[bit >> 6] >> (bit & 63)) & 1) != 0;
}

void DeletionIndex::AddToFilter(uint64_t key) {
  if (ids_by_key_.size() * 8 > filter_.size() * 64) {
    while (ids_by_key_.size() * 8 > filter_.size() * 64) {
      filter_.resize(filter_.size() * 2);
      --filter_shift_;
    }
    std::fill(filter_.begin(), filter_.end(), 0);
    for (const auto& entry : ids_by_key_) {
      const uint64_t bit = FilterBit(entry.first);
      filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  }
  const uint64_t bit = FilterBit(key);
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
}

void DeletionIndex::Add(absl::string_view word, int32_t id, int depth) {
  if (word.size() > kMaxWordBytes) return;
  longest_word_ = std::max(longest_word_, word.size());
  absl::flat_hash_set<std::string> strings = {std::string(word)};
  AddDeletions(std::string(word), std::clamp(depth, 0, kMaxDepth), &strings);
  for (const std::string& text : strings) {
    const uint64_t key = KeyOf(text);
    std::vector<int32_t>& ids = ids_by_key_[key];
    // Two strings of one word may share a key (only by a hash collision).
    if (ids.empty() || ids.back() != id) ids.push_back(id);
    AddToFilter(key);
  }
}

void DeletionIndex::AddIdsOf(uint64_t key, std::vector<int32_t>* ids) const {
  const auto it = ids_by_key_.find(key);
  if (it != ids_by_key_.end()) ids->insert(ids->end(), it->second.begin(), it->second.end());
}

void DeletionIndex::FindCandidates(absl::string_view query, int depth,
                                   std::vector<int32_t>* ids) const {
  ids->clear();
  depth = std::clamp(depth, 0, kMaxDepth);
  // Every string of an indexed word is at most longest_word_ long, and the
  // query's are at least query.size() - depth long.
  const size_t size = query.size();
  if (size > longest_word_ + static_cast<size_t>(depth)) return;

  // With b_k the value of byte k and B the base, a string's key is
  // sum(b_k * B^(length - 1 - k)). prefix[k] is the key of the first k
  // bytes; suffix[k] the part of the query's key that bytes k.. contribute
  // (their weights do not change when an earlier byte is deleted).
  std::array<uint64_t, kMaxQueryBytes + 1> prefix;
  std::array<uint64_t, kMaxQueryBytes + 1> suffix;
  prefix[0] = 0;
  for (size_t k = 0; k < size; ++k) prefix[k + 1] = prefix[k] * kBase + ByteValue(query[k]);
  suffix[size] = 0;
  for (size_t k = size; k-- > 0;) {
    suffix[k] = ByteValue(query[k]) * kPowers[size - 1 - k] + suffix[k + 1];
  }
  // without[j]: the key of the query without byte j. Deleting byte i < j
  // from that string shifts the bytes before i up one place and drops
  // byte i: its key is without[j] plus a term of i alone (expand the sums),
  // so each two-deletion key costs one addition.
  std::array<uint64_t, kMaxQueryBytes> without;
  for (size_t j = 0; j < size; ++j) without[j] = prefix[j] * kPowers[size - 1 - j] + suffix[j + 1];

  const auto check = [&](uint64_t key) {
    if (MayHold(key)) AddIdsOf(key, ids);
  };
  check(prefix[size]);
  // Deleted positions i < j, each pair once. Deleting either byte of a
  // doubled letter gives the same string, so only the first is deleted.
  if (depth >= 1 && size > 1) {
    for (size_t i = 0; i < size; ++i) {
      if (i > 0 && query[i] == query[i - 1]) continue;
      check(without[i]);
      if (depth < 2 || size <= 2 || i + 1 == size) continue;
      const uint64_t shift = (prefix[i] - prefix[i + 1]) * kPowers[size - 2 - i];
      for (size_t j = i + 1; j < size; ++j) {
        if (j > i + 1 && query[j] == query[j - 1]) continue;
        check(without[j] + shift);
      }
    }
  }
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

}  // namespace advisor::text

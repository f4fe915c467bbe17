#include "service/engines/framework_lookup.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

#include "service/text/edit_distance.h"
#include "service/text/text_normalizer.h"

namespace advisor::engines {
namespace {

using advisor::v1::Framework;

constexpr absl::string_view kResourcePrefix = "frameworks/";

// ASCII names up to this long are lower-cased on the stack; longer ones
// into a string.
constexpr size_t kFastPathBytes = 64;

// At most this much of an unknown name is echoed back in an error.
constexpr size_t kMaxEchoedBytes = 64;

// Trims white space and a leading "frameworks/" (any case) from an already
// lower-cased name.
absl::string_view StripToKey(absl::string_view lowered) {
  lowered = absl::StripAsciiWhitespace(lowered);
  if (absl::StartsWith(lowered, kResourcePrefix)) {
    lowered = absl::StripAsciiWhitespace(lowered.substr(kResourcePrefix.size()));
  }
  return lowered;
}

// The lookup key of a name: Unicode case folding and NFKC (so full-width
// "ＫＥＲＡＳ" is "keras"), trimmed, without a resource prefix.
absl::StatusOr<std::string> FoldedKey(absl::string_view name) {
  absl::StatusOr<std::string> folded = text::FoldText(name);
  if (!folded.ok()) return absl::InvalidArgumentError("framework name is not valid UTF-8");
  return std::string(StripToKey(*folded));
}

std::string Echo(absl::string_view name) {
  if (name.size() <= kMaxEchoedBytes) return std::string(name);
  return absl::StrCat(name.substr(0, kMaxEchoedBytes), "...");
}

// The most edits a suggestion may be away: one for short names, two from
// six characters on.
int MaxSuggestionEdits(absl::string_view key) {
  return std::clamp(static_cast<int>(key.size()) / 3, 1, 2);
}

// Shorter names may be one letter off several ("tf", "dl").
constexpr size_t kMinTypoKeyLength = 4;

// At most this many display names are listed when nothing is close (the
// knowledge base's first, the seed's three among them in the default one);
// ListFrameworks lists them all.
constexpr size_t kMaxListedFrameworks = 5;

// A lower bound on the edit distance of two strings from the characters
// they do not share (each edit fixes at most one surplus on each side).
// Cheap and allocation-free, so most candidates skip the full distance.
int CharacterSurplusBound(absl::string_view a, absl::string_view b) {
  std::array<int, 256> balance{};
  for (const char c : a) ++balance[static_cast<unsigned char>(c)];
  for (const char c : b) --balance[static_cast<unsigned char>(c)];
  // Visit only the characters present, zeroing each once counted.
  int a_surplus = 0;
  for (const char c : a) {
    int& count = balance[static_cast<unsigned char>(c)];
    if (count > 0) a_surplus += count;
    if (count > 0) count = 0;
  }
  int b_surplus = 0;
  for (const char c : b) {
    int& count = balance[static_cast<unsigned char>(c)];
    if (count < 0) b_surplus -= count;
    if (count < 0) count = 0;
  }
  return std::max(a_surplus, b_surplus);
}

// Words of a URL that say nothing of whose page it is.
bool IsGenericUrlWord(absl::string_view word) {
  static constexpr absl::string_view kGeneric[] = {"www", "com",  "org",    "io",     "ai",
                                                   "dev", "net",  "github", "gitlab", "docs",
                                                   "js",  "http", "https"};
  return std::find(std::begin(kGeneric), std::end(kGeneric), word) != std::end(kGeneric);
}

// The words of a URL that name who publishes it: its host's labels (but
// the generic ones) and, on a code host, the repository's owner
// ("https://github.com/jax-ml/jax/..." -> "jax-ml").
std::vector<std::string> UrlQualifiers(absl::string_view url) {
  std::vector<std::string> words;
  absl::string_view rest = url;
  if (const size_t scheme = rest.find("://"); scheme != absl::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  const size_t slash = rest.find('/');
  const std::string host = absl::AsciiStrToLower(rest.substr(0, slash));
  for (absl::string_view label : absl::StrSplit(host, '.', absl::SkipEmpty())) {
    if (!IsGenericUrlWord(label)) words.emplace_back(label);
  }
  if ((host == "github.com" || host == "gitlab.com") && slash != absl::string_view::npos) {
    const std::vector<absl::string_view> path =
        absl::StrSplit(rest.substr(slash + 1), '/', absl::SkipEmpty());
    if (!path.empty()) words.push_back(absl::AsciiStrToLower(path.front()));
  }
  return words;
}

// Suffixes of a package's builds of a framework ("-cu112", "-cpu", "-core").
bool IsBuildSuffix(absl::string_view suffix) {
  static constexpr absl::string_view kBuilds[] = {"cpu", "gpu", "core", "nightly", "native"};
  if (std::find(std::begin(kBuilds), std::end(kBuilds), suffix) != std::end(kBuilds)) return true;
  // A CUDA or Python build: "cu112", "py3".
  for (const absl::string_view prefix : {"cu", "py"}) {
    if (absl::StartsWith(suffix, prefix) && suffix.size() > prefix.size() &&
        std::all_of(suffix.begin() + prefix.size(), suffix.end(), absl::ascii_isdigit)) {
      return true;
    }
  }
  return false;
}

}  // namespace

FrameworkLookup::FrameworkLookup(const advisor::v1::KnowledgeBase& knowledge_base)
    : knowledge_base_(knowledge_base) {
  for (const Framework& framework : knowledge_base_.frameworks()) {
    std::vector<absl::string_view> names = {framework.id(), framework.display_name()};
    names.insert(names.end(), framework.aliases().begin(), framework.aliases().end());
    for (absl::string_view name : names) {
      absl::StatusOr<std::string> key = FoldedKey(name);
      // The validator guarantees keys are unique across frameworks; the
      // first claim wins should that ever be broken.
      if (!key.ok() || key->empty()) continue;
      spellings_.Add(*key, static_cast<int32_t>(keys_in_order_.size()), 2);
      keys_in_order_.emplace_back(*key, &framework);
      by_key_.try_emplace(*std::move(key), &framework);
    }
    absl::flat_hash_set<std::string>& qualifiers = qualifiers_[&framework];
    for (absl::string_view word : absl::StrSplit(absl::AsciiStrToLower(framework.developer()),
                                                 absl::ByAnyChar(" ,.()&"), absl::SkipEmpty())) {
      qualifiers.emplace(word);
    }
    std::vector<absl::string_view> urls = {framework.website()};
    for (const auto& source : framework.field_sources()) urls.push_back(source.url());
    for (const absl::string_view url : urls) {
      for (std::string& word : UrlQualifiers(url)) qualifiers.insert(std::move(word));
    }
  }
  for (const auto& other : knowledge_base_.undescribed_frameworks()) {
    std::vector<absl::string_view> names = {other.display_name()};
    names.insert(names.end(), other.aliases().begin(), other.aliases().end());
    for (absl::string_view name : names) {
      absl::StatusOr<std::string> key = FoldedKey(name);
      if (key.ok() && !key->empty() && !by_key_.contains(*key)) undescribed_keys_.insert(*key);
    }
  }
}

const Framework* FrameworkLookup::FindQualified(absl::string_view key) const {
  const std::vector<absl::string_view> parts =
      absl::StrSplit(key, absl::ByAnyChar(" \t/@:"), absl::SkipEmpty());
  if (parts.size() < 2) return nullptr;
  // The name is usually last ("google flax", "@tensorflow/tfjs").
  for (auto candidate = parts.rbegin(); candidate != parts.rend(); ++candidate) {
    const auto found = by_key_.find(*candidate);
    if (found == by_key_.end()) continue;
    const Framework* framework = found->second;
    const absl::flat_hash_set<std::string>& qualifiers = qualifiers_.at(framework);
    const bool qualified = std::all_of(parts.begin(), parts.end(), [&](absl::string_view part) {
      const auto same = by_key_.find(part);
      return (same != by_key_.end() && same->second == framework) || qualifiers.contains(part);
    });
    if (qualified) return framework;
  }
  return nullptr;
}

const Framework* FrameworkLookup::FindPackageBuild(absl::string_view key) const {
  const size_t separator = key.find_last_of("-_");
  if (separator == absl::string_view::npos || !IsBuildSuffix(key.substr(separator + 1))) {
    return nullptr;
  }
  const auto found = by_key_.find(key.substr(0, separator));
  return found == by_key_.end() ? nullptr : found->second;
}

absl::StatusOr<const Framework*> FrameworkLookup::Find(absl::string_view name) const {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(name);
  if (trimmed.empty()) {
    return absl::InvalidArgumentError("framework name is required and must not be blank");
  }

  // ASCII names (nearly all) are folded by lower-casing: short ones into a
  // stack buffer, so the hot path allocates nothing. Others take the
  // Unicode path.
  std::array<char, kFastPathBytes> buffer;
  std::string folded;
  absl::string_view key;
  if (text::IsAscii(trimmed)) {
    char* lowered = buffer.data();
    if (trimmed.size() > kFastPathBytes) {
      folded.resize(trimmed.size());
      lowered = folded.data();
    }
    std::transform(trimmed.begin(), trimmed.end(), lowered,
                   [](char c) { return absl::ascii_tolower(static_cast<unsigned char>(c)); });
    key = StripToKey(absl::string_view(lowered, trimmed.size()));
  } else {
    absl::StatusOr<std::string> unicode_key = FoldedKey(trimmed);
    if (!unicode_key.ok()) return unicode_key.status();
    folded = *std::move(unicode_key);
    key = folded;
  }
  if (key.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("framework name \"", Echo(trimmed),
                                                   "\" names no framework after \"frameworks/\""));
  }
  if (const auto it = by_key_.find(key); it != by_key_.end()) return it->second;
  if (undescribed_keys_.contains(key)) {
    return absl::NotFoundError(
        absl::StrCat("framework \"", Echo(trimmed), "\" is not described by this knowledge base"));
  }
  if (const Framework* qualified = FindQualified(key)) return qualified;
  if (const Framework* build = FindPackageBuild(key)) return build;
  // One letter off a name of kMinTypoKeyLength or more, and off no other
  // framework's: a typo of that name ("tensorflw", "fast ai").
  const Closest closest = FindClosest(key);
  // A control character ("py\0torch") is no typo: such a name is refused.
  const bool printable = std::none_of(key.begin(), key.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (closest.framework != nullptr && closest.distance == 1 && !closest.ambiguous &&
      key.size() >= kMinTypoKeyLength && printable) {
    return closest.framework;
  }
  return NotFound(trimmed, closest);
}

FrameworkLookup::Closest FrameworkLookup::FindClosest(absl::string_view key) const {
  Closest closest;
  const int bound = MaxSuggestionEdits(key);
  closest.distance = bound + 1;
  // A name much longer than every known one costs nothing here: the
  // index refuses it up front.
  thread_local std::vector<int32_t> candidates;
  spellings_.FindCandidates(key, bound, &candidates);
  // Candidates come in knowledge base order, so the first of equally
  // close names wins; another framework as close makes it ambiguous.
  for (const int32_t candidate : candidates) {
    const auto& [candidate_key, framework] = keys_in_order_[candidate];
    if (CharacterSurplusBound(key, candidate_key) > closest.distance) continue;
    const int distance = text::BoundedEditDistance(key, candidate_key, closest.distance);
    if (distance < closest.distance) {
      closest = {framework, distance, false};
    } else if (distance == closest.distance && framework != closest.framework) {
      closest.ambiguous = true;
    }
  }
  if (closest.distance > bound) closest = Closest();
  return closest;
}

absl::Status FrameworkLookup::NotFound(absl::string_view name, const Closest& closest) const {
  if (closest.framework != nullptr) {
    return absl::NotFoundError(absl::StrCat("framework \"", Echo(name),
                                            "\" not found; did you mean ",
                                            closest.framework->display_name(), "?"));
  }
  std::vector<absl::string_view> known;
  for (const Framework& framework : knowledge_base_.frameworks()) {
    if (known.size() == kMaxListedFrameworks) break;
    known.push_back(framework.display_name());
  }
  const int all = knowledge_base_.frameworks_size();
  return absl::NotFoundError(absl::StrCat(
      "framework \"", Echo(name), "\" not found; known frameworks: ", absl::StrJoin(known, ", "),
      static_cast<size_t>(all) > known.size()
          ? absl::StrCat(", ... (", all, " in all; ListFrameworks lists them)")
          : ""));
}

absl::StatusOr<FrameworkComparison> FrameworkLookup::Compare(
    absl::Span<const std::string> names) const {
  if (names.size() > static_cast<size_t>(kMaxComparedFrameworks)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "at most ", kMaxComparedFrameworks, " frameworks can be compared; got ", names.size()));
  }
  std::vector<const Framework*> frameworks;
  frameworks.reserve(names.size());
  for (const std::string& name : names) {
    absl::StatusOr<const Framework*> framework = Find(name);
    if (!framework.ok()) return framework.status();
    if (std::find(frameworks.begin(), frameworks.end(), *framework) == frameworks.end()) {
      frameworks.push_back(*framework);
    }
  }
  if (frameworks.size() < 2) {
    return absl::InvalidArgumentError(
        "comparing needs at least two distinct frameworks; names that mean the same framework "
        "count once");
  }

  FrameworkComparison comparison;
  comparison.entries.reserve(frameworks.size());
  absl::flat_hash_set<absl::string_view> compared_ids;
  for (const Framework* framework : frameworks) {
    FrameworkComparison::Entry entry;
    entry.framework = framework;
    for (const advisor::v1::HiringPattern& pattern : knowledge_base_.hiring_patterns()) {
      if (pattern.framework_id() == framework->id()) entry.hired_by.push_back(&pattern);
    }
    comparison.entries.push_back(std::move(entry));
    compared_ids.insert(framework->id());
  }
  for (const advisor::v1::Insight& insight : knowledge_base_.insights()) {
    const bool all_compared =
        std::all_of(insight.framework_ids().begin(), insight.framework_ids().end(),
                    [&](const std::string& id) { return compared_ids.contains(id); });
    if (all_compared) comparison.insights.push_back(&insight);
  }
  comparison.advice = knowledge_base_.general_advice();
  return comparison;
}

}  // namespace advisor::engines

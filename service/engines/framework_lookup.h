#ifndef ADVISOR_SERVICE_ENGINES_FRAMEWORK_LOOKUP_H_
#define ADVISOR_SERVICE_ENGINES_FRAMEWORK_LOOKUP_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "service/text/deletion_index.h"

namespace advisor::engines {

// Most names CompareFrameworks takes.
inline constexpr int kMaxComparedFrameworks = 16;

// Frameworks side by side, as CompareFrameworks returns them.
struct FrameworkComparison {
  struct Entry {
    const advisor::v1::Framework* framework = nullptr;
    // Hiring patterns that prefer this framework, in knowledge base order.
    std::vector<const advisor::v1::HiringPattern*> hired_by;
  };
  // One per distinct framework, in the order asked.
  std::vector<Entry> entries;
  // Insights all of whose frameworks are among those compared.
  std::vector<const advisor::v1::Insight*> insights;
  // The knowledge base's general advice on combining frameworks.
  absl::string_view advice;
};

// Finds frameworks by resource name, id, display name or alias. Immutable
// after construction and safe to share between threads. Keeps pointers into
// `knowledge_base`, which must outlive it and must have been validated.
class FrameworkLookup {
 public:
  explicit FrameworkLookup(const advisor::v1::KnowledgeBase& knowledge_base);

  // `name` may be "frameworks/{id}", the id, the display name or an alias;
  // case-insensitive, surrounding white space ignored; a name qualified by
  // its maker or its repository's owner ("google flax", "jax-ml/jax",
  // "@tensorflow/tfjs": the other words are the framework's developer's or
  // the owner or host of one of its pages); a package build of it
  // ("mxnet-cu112", "deeplearning4j-core"); or one letter off one
  // framework's name of four or more letters. INVALID_ARGUMENT when blank;
  // NOT_FOUND when unknown or a framework the knowledge base knows only by
  // name ("torch7"), with "did you mean X?" when a known name is within a
  // small edit distance.
  absl::StatusOr<const advisor::v1::Framework*> Find(absl::string_view name) const;

  // INVALID_ARGUMENT for fewer than two distinct frameworks, more than
  // kMaxComparedFrameworks names, or a blank name; NOT_FOUND (as Find) for
  // the first unknown name.
  absl::StatusOr<FrameworkComparison> Compare(absl::Span<const std::string> names) const;

 private:
  // The framework with a name closest to lookup key `key`, within a small
  // edit distance; none when no name is that close.
  struct Closest {
    const advisor::v1::Framework* framework = nullptr;
    int distance = 0;
    // Another framework's name is as close.
    bool ambiguous = false;
  };
  Closest FindClosest(absl::string_view key) const;
  // The framework a qualified name or a package build names, or null.
  const advisor::v1::Framework* FindQualified(absl::string_view key) const;
  const advisor::v1::Framework* FindPackageBuild(absl::string_view key) const;
  // NOT_FOUND for `name`, suggesting `closest` when there is one, else
  // listing known frameworks.
  absl::Status NotFound(absl::string_view name, const Closest& closest) const;

  const advisor::v1::KnowledgeBase& knowledge_base_;
  // Lower-cased id, display name and aliases -> framework.
  absl::flat_hash_map<std::string, const advisor::v1::Framework*> by_key_;
  // The same keys in knowledge base order, for typo suggestions.
  std::vector<std::pair<std::string, const advisor::v1::Framework*>> keys_in_order_;
  // Positions in keys_in_order_ by near spellings, so a suggestion does not
  // compare the name with every key.
  text::DeletionIndex spellings_;
  // Each framework's qualifier words: its developer's words, and the host
  // labels and repository owners of its pages.
  absl::flat_hash_map<const advisor::v1::Framework*, absl::flat_hash_set<std::string>> qualifiers_;
  // Lower-cased names and aliases of frameworks known only by name.
  absl::flat_hash_set<std::string> undescribed_keys_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_FRAMEWORK_LOOKUP_H_

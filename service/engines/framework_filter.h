#ifndef ADVISOR_SERVICE_ENGINES_FRAMEWORK_FILTER_H_
#define ADVISOR_SERVICE_ENGINES_FRAMEWORK_FILTER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/framework.pb.h"

namespace advisor::engines {

// A ListFrameworks filter, the subset of AIP-160 the framework fields need:
// comparisons of `kind` or `status` with one of their values, `=` or `!=`,
// joined by AND ("status = ACTIVE", "kind = LIBRARY AND status != RETIRED").
// A value is its enum name with or without the prefix (ACTIVE,
// STATUS_ACTIVE), in any case. An empty filter keeps every framework.
class FrameworkFilter {
 public:
  // INVALID_ARGUMENT naming what is wrong: an unknown field or value, an
  // operator other than = and !=, OR or parentheses, a missing value.
  static absl::StatusOr<FrameworkFilter> Parse(absl::string_view filter);

  bool Matches(const advisor::v1::Framework& framework) const;

 private:
  struct Comparison {
    bool on_status = false;  // Else on kind.
    int value = 0;
    bool equal = true;
  };
  std::vector<Comparison> comparisons_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_FRAMEWORK_FILTER_H_

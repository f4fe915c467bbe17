#ifndef ADVISOR_SERVICE_TEXT_EDIT_DISTANCE_H_
#define ADVISOR_SERVICE_TEXT_EDIT_DISTANCE_H_

#include "absl/strings/string_view.h"

namespace advisor::text {

// Optimal-string-alignment distance (insertions, deletions, substitutions
// and swaps of adjacent characters, each costing 1) between two byte
// strings, or max_distance + 1 as soon as it must exceed max_distance.
// The bound keeps the cost at O(len * max_distance), which typo correction
// against a whole vocabulary needs.
int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_distance);

}  // namespace advisor::text

#endif  // ADVISOR_SERVICE_TEXT_EDIT_DISTANCE_H_

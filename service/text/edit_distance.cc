#include "service/text/edit_distance.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace advisor::text {

int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_distance) {
  const int too_far = max_distance + 1;
  const int a_size = static_cast<int>(a.size());
  const int b_size = static_cast<int>(b.size());
  if (std::abs(a_size - b_size) > max_distance) return too_far;
  if (a_size == 0 || b_size == 0) return std::max(a_size, b_size);

  // Three rolling rows of the dynamic-programming table; only the band
  // |i - j| <= max_distance is computed, the rest counts as too far.
  std::vector<int> before_previous(b_size + 1, too_far);
  std::vector<int> previous(b_size + 1, too_far);
  std::vector<int> current(b_size + 1, too_far);
  for (int j = 0; j <= std::min(b_size, max_distance); ++j) previous[j] = j;

  for (int i = 1; i <= a_size; ++i) {
    std::fill(current.begin(), current.end(), too_far);
    if (i <= max_distance) current[0] = i;
    const int from = std::max(1, i - max_distance);
    const int to = std::min(b_size, i + max_distance);
    int row_best = current[0];
    for (int j = from; j <= to; ++j) {
      const int substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before_previous[j - 2] + 1);
      }
      current[j] = std::min(best, too_far);
      row_best = std::min(row_best, current[j]);
    }
    if (row_best > max_distance) return too_far;
    before_previous.swap(previous);
    previous.swap(current);
  }
  return std::min(previous[b_size], too_far);
}

}  // namespace advisor::text

#include "service/text/edit_distance.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <utility>
#include <vector>

namespace advisor::text {
namespace {

// Strings up to this long (plus one) get their rows on the stack.
constexpr size_t kStackRowSize = 128;

}  // namespace

int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_distance) {
  const int too_far = max_distance + 1;
  const int a_size = static_cast<int>(a.size());
  const int b_size = static_cast<int>(b.size());
  if (std::abs(a_size - b_size) > max_distance) return too_far;
  if (a_size == 0 || b_size == 0) return std::max(a_size, b_size);

  // Three rolling rows of the dynamic-programming table; only the band
  // |i - j| <= max_distance is computed, the rest counts as too far. Rows
  // of words (the usual case) live on the stack: no allocation per call.
  const size_t row_size = b.size() + 1;
  std::array<int, 3 * kStackRowSize> stack_rows;
  std::vector<int> heap_rows;
  int* rows = stack_rows.data();
  if (row_size > kStackRowSize) {
    heap_rows.resize(3 * row_size);
    rows = heap_rows.data();
  }
  int* before_previous = rows;
  int* previous = rows + row_size;
  int* current = rows + 2 * row_size;
  std::fill(rows, rows + 3 * row_size, too_far);
  for (int j = 0; j <= std::min(b_size, max_distance); ++j) previous[j] = j;

  for (int i = 1; i <= a_size; ++i) {
    // `current` still holds row i - 3. Row i reads only its own band, the
    // band of the two rows before and the cell left of its band: cells to
    // the right of a band were never written (each row writes up to
    // i + max_distance), so only column 0 and the left cell are reset.
    current[0] = i <= max_distance ? i : too_far;
    const int from = std::max(1, i - max_distance);
    const int to = std::min(b_size, i + max_distance);
    if (from > 1) current[from - 1] = too_far;
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
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b_size], too_far);
}

}  // namespace advisor::text

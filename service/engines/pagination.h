#ifndef ADVISOR_SERVICE_ENGINES_PAGINATION_H_
#define ADVISOR_SERVICE_ENGINES_PAGINATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace advisor::engines {

// Page sizes for List methods (AIP-158): 0 means the default, larger
// values are clamped to the maximum.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// One page of a list: items [begin, end) and the token for what follows.
struct Page {
  int begin = 0;
  int end = 0;
  // Empty on the last page.
  std::string next_page_token;
};

// Resolves page_size and page_token for a list of `total` items of one
// collection (e.g. "frameworks"). Tokens are opaque and name their
// collection, so one from ListFaqs is refused by ListFrameworks.
// INVALID_ARGUMENT for a negative page_size or a token this code did not
// issue for that collection. A token past the end gives an empty last page.
absl::StatusOr<Page> ResolvePage(int total, int page_size, absl::string_view page_token,
                                 absl::string_view collection);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_PAGINATION_H_

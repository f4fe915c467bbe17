// Placeholder until pagination lands.
#include "service/engines/pagination.h"
namespace advisor::engines {
absl::StatusOr<Page> ResolvePage(int, int, absl::string_view, absl::string_view) {
  return absl::UnimplementedError("pagination is not built yet");
}
}  // namespace advisor::engines

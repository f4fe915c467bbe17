#include "service/api/item_results.h"

#include <string>

#include "absl/strings/str_cat.h"

#include "service/api/status_conversion.h"

namespace advisor::api {

absl::Status CheckBatchSize(int items) {
  if (items == 0) return absl::InvalidArgumentError("requests must not be empty");
  if (items > kMaxBatchItems) {
    return absl::InvalidArgumentError(absl::StrCat(
        "at most ", kMaxBatchItems, " requests per batch, got ", items, "; split the batch"));
  }
  return absl::OkStatus();
}

void SetItemError(const absl::Status& status, advisor::v1::ItemError& error) {
  // Through ToGrpcStatus, so an item gets exactly the code its unary call
  // would have been answered with.
  const grpc::Status converted = ToGrpcStatus(status);
  error.set_code(static_cast<int>(converted.error_code()));
  error.set_message(converted.error_message());
}

}  // namespace advisor::api

#ifndef ADVISOR_SERVICE_API_ITEM_RESULTS_H_
#define ADVISOR_SERVICE_API_ITEM_RESULTS_H_

#include <utility>

#include "absl/status/status.h"

#include "advisor/v1/item_error.pb.h"

// What batch and stream RPCs share: the batch size limit and per-item
// results that hold either a response or that item's own error.
namespace advisor::api {

// Most items one Batch* call may carry (documented in the .proto files).
inline constexpr int kMaxBatchItems = 1000;

// OK for 1 to kMaxBatchItems items; INVALID_ARGUMENT otherwise, saying
// which limit was broken.
absl::Status CheckBatchSize(int items);

// Writes a non-OK `status` into `error` with the same code and message the
// unary RPC would have returned for the item.
void SetItemError(const absl::Status& status, advisor::v1::ItemError& error);

// Fills one per-item result message (a `oneof result { response; error; }`):
// `fill(response)` is the unary RPC's own conversion code, so batch, stream
// and unary answers cannot drift apart. When it fails, the partly filled
// response is replaced by the error.
template <typename Result, typename Fill>
void FillItemResult(Result& result, Fill&& fill) {
  const absl::Status status = std::forward<Fill>(fill)(*result.mutable_response());
  if (!status.ok()) SetItemError(status, *result.mutable_error());
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_ITEM_RESULTS_H_

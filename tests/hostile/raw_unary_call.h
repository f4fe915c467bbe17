#ifndef ADVISOR_TESTS_HOSTILE_RAW_UNARY_CALL_H_
#define ADVISOR_TESTS_HOSTILE_RAW_UNARY_CALL_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

#include <grpcpp/grpcpp.h>

namespace advisor::testing {

// What a raw call returned.
struct RawReply {
  grpc::Status status;
  // The serialised response message; empty unless status is OK.
  std::string response;
};

// Calls unary method `method` ("/advisor.v1.FaqService/AnswerQuestion")
// with `request` sent as the message bytes exactly as given, through a
// generic stub: invalid UTF-8, unknown or wrongly-typed fields and
// truncated messages reach the server as they are, which no generated stub
// allows. `timeout` bounds the call; a non-positive one sets a deadline
// that has already passed. With `wait_for_ready` the call waits through a
// failed connection attempt for the channel to reconnect (until `timeout`)
// instead of failing at once with UNAVAILABLE. Blocks until the call ends.
// Thread-safe.
RawReply RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                      absl::string_view request, absl::Duration timeout,
                      bool wait_for_ready = false);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_HOSTILE_RAW_UNARY_CALL_H_

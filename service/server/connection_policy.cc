#include "service/server/connection_policy.h"

#include <climits>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

#include <grpc/grpc.h>
#include <grpcpp/server_builder.h>

namespace advisor::server {
namespace {

// gRPC takes every duration as int milliseconds; INT_MAX means "never".
constexpr int64_t kNeverMillis = INT_MAX;

// Whether an infinite value is accepted (and means "off").
enum class Infinite { kOff, kRefused };

absl::Status CheckDuration(absl::string_view flag, absl::Duration value, Infinite infinite) {
  if (value == absl::InfiniteDuration()) {
    if (infinite == Infinite::kOff) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " must be finite"));
  }
  if (value < absl::Milliseconds(1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, " must be positive (at least 1ms), got ", absl::FormatDuration(value)));
  }
  if (absl::ToInt64Milliseconds(value) >= kNeverMillis) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, " must be under ", absl::FormatDuration(absl::Milliseconds(kNeverMillis)),
        infinite == Infinite::kOff ? " (inf switches it off)" : "", ", got ",
        absl::FormatDuration(value)));
  }
  return absl::OkStatus();
}

int Millis(absl::Duration value) {
  if (value == absl::InfiniteDuration()) return static_cast<int>(kNeverMillis);
  return static_cast<int>(absl::ToInt64Milliseconds(value));
}

}  // namespace

absl::Status ValidateConnectionPolicy(const ConnectionPolicy& policy) {
  struct Check {
    absl::string_view flag;
    absl::Duration value;
    Infinite infinite;
  };
  for (const Check& check : {
           Check{"keepalive_time", policy.keepalive_time, Infinite::kOff},
           Check{"keepalive_timeout", policy.keepalive_timeout, Infinite::kRefused},
           Check{"keepalive_min_ping_interval", policy.keepalive_min_ping_interval,
                 Infinite::kRefused},
           Check{"max_connection_idle", policy.max_connection_idle, Infinite::kOff},
           Check{"max_connection_age", policy.max_connection_age, Infinite::kOff},
           Check{"max_connection_age_grace", policy.max_connection_age_grace, Infinite::kOff},
       }) {
    if (absl::Status valid = CheckDuration(check.flag, check.value, check.infinite); !valid.ok()) {
      return valid;
    }
  }
  if (policy.keepalive_timeout >= policy.keepalive_time) {
    return absl::InvalidArgumentError(
        absl::StrCat("--keepalive_timeout (", absl::FormatDuration(policy.keepalive_timeout),
                     ") must be shorter than --keepalive_time (",
                     absl::FormatDuration(policy.keepalive_time), ")"));
  }
  if (policy.max_ping_strikes < 0) {
    return absl::InvalidArgumentError("max_ping_strikes must not be negative");
  }
  return absl::OkStatus();
}

void ApplyConnectionPolicy(const ConnectionPolicy& policy, grpc::ServerBuilder& builder) {
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, Millis(policy.keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, Millis(policy.keepalive_timeout));
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
                             Millis(policy.keepalive_min_ping_interval));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS,
                             policy.keepalive_permit_without_calls ? 1 : 0);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, policy.max_ping_strikes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS, Millis(policy.max_connection_idle));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, Millis(policy.max_connection_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             Millis(policy.max_connection_age_grace));
}

}  // namespace advisor::server

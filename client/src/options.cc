#include "advisor/client/options.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace advisor::client {
namespace {

// gRPC rejects service configs with more attempts than this.
constexpr int kMaxRetryAttempts = 5;

}  // namespace

absl::Status ValidateClientOptions(const ClientOptions& options) {
  if (options.target.empty()) return absl::InvalidArgumentError("target must not be empty");
  if (options.timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("timeout must be positive, got ", absl::FormatDuration(options.timeout)));
  }
  if (options.stream_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("stream_timeout must be positive, got ",
                                                   absl::FormatDuration(options.stream_timeout)));
  }
  const RetryOptions& retry = options.retry;
  if (retry.max_attempts < 1 || retry.max_attempts > kMaxRetryAttempts) {
    return absl::InvalidArgumentError(
        absl::StrCat("retry.max_attempts must be in [1, 5], got ", retry.max_attempts));
  }
  if (retry.initial_backoff <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("retry.initial_backoff must be positive");
  }
  if (retry.max_backoff < retry.initial_backoff) {
    return absl::InvalidArgumentError("retry.max_backoff must be at least retry.initial_backoff");
  }
  if (!(retry.backoff_multiplier > 0)) {
    return absl::InvalidArgumentError("retry.backoff_multiplier must be positive");
  }
  if (options.load_balancing_policy.empty()) {
    return absl::InvalidArgumentError("load_balancing_policy must not be empty");
  }
  if (options.keepalive_time < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("keepalive_time must not be negative");
  }
  if (options.keepalive_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("keepalive_timeout must be positive");
  }
  if (options.dns_min_time_between_resolutions < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("dns_min_time_between_resolutions must not be negative");
  }
  if (absl::StrContains(options.bearer_token, '\n') ||
      absl::StrContains(options.bearer_token, '\r')) {
    return absl::InvalidArgumentError("bearer_token must not contain line breaks");
  }
  return absl::OkStatus();
}

}  // namespace advisor::client

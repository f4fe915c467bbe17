#ifndef ADVISOR_TESTS_BENCH_LOAD_LOAD_RUNNER_H_
#define ADVISOR_TESTS_BENCH_LOAD_LOAD_RUNNER_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

#include "tests/bench/load/latency_histogram.h"

namespace advisor::bench {

// Number of gRPC status codes (OK = 0 to UNAUTHENTICATED = 16).
inline constexpr int kStatusCodeCount = 17;

// What to send, where, and for how long.
struct LoadOptions {
  // gRPC target, e.g. "127.0.0.1:50051".
  std::string target;
  // HTTP/2 path of a unary method, e.g. "/advisor.v1.FaqService/AnswerQuestion".
  std::string method_path;
  // The request in wire format; every call sends these same bytes.
  std::string request_bytes;
  // Calls in flight at any time (closed loop: each slot starts its next
  // call when the previous one ends).
  int concurrency = 16;
  // Channels (TCP connections) the slots are spread over, round robin.
  int connections = 1;
  // Calls made before measuring starts, to warm connections and caches.
  absl::Duration warmup = absl::Seconds(1);
  // How long to measure. Ignored when total_calls > 0.
  absl::Duration duration = absl::Seconds(10);
  // When > 0, measure exactly this many calls instead of a duration.
  int64_t total_calls = 0;
  // Deadline of each call; > 0.
  absl::Duration call_timeout = absl::Seconds(10);
  // How long to wait for every connection to be ready.
  absl::Duration connect_timeout = absl::Seconds(10);
};

// What the measured calls did.
struct LoadResult {
  // Latency of every measured call, whatever its status.
  LatencyHistogram latency;
  // Measured calls by status code.
  std::array<int64_t, kStatusCodeCount> calls_by_code{};
  // The first non-OK status seen, e.g. "NOT_FOUND: unknown framework".
  std::string first_error;
  // Length of the measured window.
  absl::Duration elapsed;
  // CPU time this process used during the measured window.
  absl::Duration client_cpu;

  int64_t calls() const;
  int64_t errors() const { return calls() - calls_by_code[0]; }
  double qps() const;
};

// Runs a closed-loop load: `concurrency` calls kept in flight over
// `connections` channels, for the warmup and then the measured window.
// Slots record into their own histograms (no locks while calls run) that
// are merged at the end. UNAVAILABLE when a connection cannot be made
// within connect_timeout; DEADLINE_EXCEEDED when no call completes for
// call_timeout + 5 s (the server hangs; the run's memory is then leaked, as
// calls in flight still point into it); INVALID_ARGUMENT for bad options.
//
// The channels leave out gRPC's optional client filters to keep the client
// cheap, so deadlines are enforced by the server, which is sent them.
absl::StatusOr<LoadResult> RunLoad(const LoadOptions& options);

// One call, e.g. to check the method and request before loading them.
// Returns the response in wire format, or the call's status.
absl::StatusOr<std::string> CallOnce(const LoadOptions& options);

// "NOT_FOUND" for grpc::StatusCode::NOT_FOUND, and so on.
std::string StatusCodeName(int code);

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_LOAD_LOAD_RUNNER_H_

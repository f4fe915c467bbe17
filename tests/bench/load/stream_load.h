#ifndef ADVISOR_TESTS_BENCH_LOAD_STREAM_LOAD_H_
#define ADVISOR_TESTS_BENCH_LOAD_STREAM_LOAD_H_

#include "absl/status/statusor.h"

#include "tests/bench/load/load_runner.h"

namespace advisor::bench {

// Load on a bidirectional streaming method (e.g. FaqService.StreamAnswers):
// `options.concurrency` streams over `options.connections` channels, each
// keeping `window` requests in flight (a new one is sent as each answer
// arrives), every request the same `options.request_bytes`. The server must
// answer every request with exactly one message, in order. In the result a
// "call" is one answer: calls_by_code[0] counts answers, qps() is answers
// per second, and latency is from sending a request to its answer. A stream
// that ends with a status other than OK counts once under that code.
// Errors as RunLoad; INVALID_ARGUMENT also for window < 1. total_calls is
// not supported for streams (INVALID_ARGUMENT).
absl::StatusOr<LoadResult> RunStreamLoad(const LoadOptions& options, int window);

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_LOAD_STREAM_LOAD_H_

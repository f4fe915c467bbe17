#ifndef ADVISOR_TESTS_BENCH_LOAD_LOAD_DRIVER_H_
#define ADVISOR_TESTS_BENCH_LOAD_LOAD_DRIVER_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"

#include "tests/bench/load/latency_histogram.h"
#include "tests/bench/load/load_runner.h"

// What the unary and the streaming load share: connecting, the measured
// window, the slots that record into their own histograms, and waiting for
// them (with a stall check). Internal to the load generator.
namespace advisor::bench::load_internal {

using Clock = std::chrono::steady_clock;

std::chrono::nanoseconds ToChrono(absl::Duration duration);

// `options.connections` distinct channels, each connected within
// connect_timeout; UNAVAILABLE otherwise.
absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> Connect(const LoadOptions& options);

// INVALID_ARGUMENT naming the first bad option.
absl::Status CheckOptions(const LoadOptions& options);

grpc::ByteBuffer ToByteBuffer(const std::string& bytes);

// When the slots measure, and how they report that they have stopped.
struct RunShared {
  Clock::time_point measure_begin;
  Clock::time_point measure_end;
  // Set when the run is abandoned: slots start no further call.
  std::atomic<bool> abandoned{false};
  std::atomic<int> running_slots{0};
  absl::Notification all_stopped;
};

// One unit of load (a unary call slot or a stream) with its own records.
// Recording happens on one thread at a time per slot, so needs no lock.
class Slot {
 public:
  explicit Slot(RunShared* shared) : shared_(shared) {}
  virtual ~Slot() = default;

  // Starts the slot's first call or stream.
  virtual void Start() = 0;

  // Completions so far, warmup included; readable from any thread.
  int64_t completed() const { return completed_.load(std::memory_order_relaxed); }
  const LatencyHistogram& latency() const { return latency_; }
  const std::array<int64_t, kStatusCodeCount>& calls_by_code() const { return calls_by_code_; }
  const std::string& first_error() const { return first_error_; }
  Clock::time_point last_measured() const { return last_measured_; }

 protected:
  // Records one completion (a call, or a streamed answer with code 0) that
  // started at `started` and ended at `ended`; only inside the measured
  // window. Returns the number measured so far.
  int64_t Record(Clock::time_point started, Clock::time_point ended, int code,
                 const std::string& message);
  // Records a failure that has no latency (a stream's final status).
  void RecordStatus(int code, const std::string& message);
  // Tells the run this slot has stopped; call exactly once.
  void Stopped();

  RunShared* const shared_;

 private:
  std::atomic<int64_t> completed_{0};
  int64_t measured_ = 0;
  LatencyHistogram latency_;
  std::array<int64_t, kStatusCodeCount> calls_by_code_{};
  std::string first_error_;
  Clock::time_point last_measured_;
};

// Everything calls in flight point into, owned together so that a stalled
// run can be abandoned (leaked) without freeing what a late completion
// would touch.
struct Run {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  RunShared shared;
  std::vector<std::unique_ptr<Slot>> slots;

  int64_t completed() const;
};

// Connects `run`'s channels and stubs and sets the measured window.
absl::Status PrepareRun(const LoadOptions& options, Run& run);

// Starts every slot, waits for all to stop (DEADLINE_EXCEEDED, leaking the
// run, when nothing completes for call_timeout + 5 s) and merges their
// records. With total_calls the window ends at the last measured call.
absl::StatusOr<LoadResult> DriveRun(const LoadOptions& options, std::unique_ptr<Run> run);

}  // namespace advisor::bench::load_internal

#endif  // ADVISOR_TESTS_BENCH_LOAD_LOAD_DRIVER_H_

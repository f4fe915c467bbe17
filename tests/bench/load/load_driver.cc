#include "tests/bench/load/load_driver.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

#include <sys/resource.h>

namespace advisor::bench::load_internal {
namespace {

// Channel argument that makes channels distinct, so each gets its own
// subchannel (TCP connection) instead of sharing one.
constexpr char kChannelIndexArg[] = "advisor.bench.channel_index";

absl::Duration ProcessCpuTime() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return absl::DurationFromTimeval(usage.ru_utime) + absl::DurationFromTimeval(usage.ru_stime);
}

}  // namespace

std::chrono::nanoseconds ToChrono(absl::Duration duration) {
  return std::chrono::nanoseconds(absl::ToInt64Nanoseconds(duration));
}

absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> Connect(const LoadOptions& options) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  const auto deadline = std::chrono::system_clock::now() + ToChrono(options.connect_timeout);
  for (int i = 0; i < options.connections; ++i) {
    grpc::ChannelArguments arguments;
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    arguments.SetInt(kChannelIndexArg, i);
    // Leaves out the optional client filters (client-side deadline timer,
    // message size checks...): a quarter of the client's cost per call,
    // and the client must stay cheaper than the server it measures. The
    // server still enforces each call's deadline (sent as grpc-timeout).
    arguments.SetInt(GRPC_ARG_MINIMAL_STACK, 1);
    channels.push_back(
        grpc::CreateCustomChannel(options.target, grpc::InsecureChannelCredentials(), arguments));
    if (!channels.back()->WaitForConnected(deadline)) {
      return absl::UnavailableError(absl::StrCat("cannot connect to ", options.target, " within ",
                                                 absl::FormatDuration(options.connect_timeout)));
    }
  }
  return channels;
}

absl::Status CheckOptions(const LoadOptions& options) {
  if (options.target.empty()) return absl::InvalidArgumentError("target is required");
  if (options.method_path.empty()) return absl::InvalidArgumentError("method is required");
  if (options.concurrency < 1) return absl::InvalidArgumentError("concurrency must be >= 1");
  if (options.connections < 1) return absl::InvalidArgumentError("connections must be >= 1");
  if (options.total_calls < 0) return absl::InvalidArgumentError("total_calls must be >= 0");
  if (options.total_calls == 0 && options.duration <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("duration must be > 0");
  }
  if (options.warmup < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("warmup must be >= 0");
  }
  if (options.call_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("call_timeout must be > 0");
  }
  return absl::OkStatus();
}

grpc::ByteBuffer ToByteBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

int64_t Slot::Record(Clock::time_point started, Clock::time_point ended, int code,
                     const std::string& message) {
  // Single writer: a plain store, no locked read-modify-write.
  completed_.store(completed_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  if (ended >= shared_->measure_begin && ended <= shared_->measure_end) {
    latency_.Record(static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(ended - started).count()));
    RecordStatus(code, message);
    last_measured_ = ended;
    ++measured_;
  }
  return measured_;
}

void Slot::RecordStatus(int code, const std::string& message) {
  ++calls_by_code_[std::clamp<int>(code, 0, kStatusCodeCount - 1)];
  if (code != 0 && first_error_.empty()) {
    first_error_ = absl::StrCat(StatusCodeName(code), ": ", message);
  }
}

void Slot::Stopped() {
  if (shared_->running_slots.fetch_sub(1) == 1) shared_->all_stopped.Notify();
}

int64_t Run::completed() const {
  int64_t total = 0;
  for (const auto& slot : slots) total += slot->completed();
  return total;
}

absl::Status PrepareRun(const LoadOptions& options, Run& run) {
  if (absl::Status valid = CheckOptions(options); !valid.ok()) return valid;
  absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> channels = Connect(options);
  if (!channels.ok()) return channels.status();
  run.channels = *std::move(channels);
  for (const auto& channel : run.channels) {
    run.stubs.push_back(std::make_unique<grpc::GenericStub>(channel));
  }
  const Clock::time_point start = Clock::now();
  run.shared.measure_begin = start + ToChrono(options.warmup);
  run.shared.measure_end = options.total_calls > 0
                               ? Clock::time_point::max()
                               : run.shared.measure_begin + ToChrono(options.duration);
  return absl::OkStatus();
}

absl::StatusOr<LoadResult> DriveRun(const LoadOptions& options, std::unique_ptr<Run> run) {
  RunShared& shared = run->shared;
  shared.running_slots = static_cast<int>(run->slots.size());
  // CPU time is sampled at the edges of the measured window, as near as the
  // main thread can tell: it sleeps through the warmup.
  for (auto& slot : run->slots) slot->Start();
  std::this_thread::sleep_until(shared.measure_begin);
  const absl::Duration cpu_at_begin = ProcessCpuTime();
  // A call that neither completes nor fails for longer than its deadline
  // means the server hangs: give up rather than hang too.
  const absl::Duration stall_limit = options.call_timeout + absl::Seconds(5);
  int64_t completed_at_last_check = -1;
  while (!shared.all_stopped.WaitForNotificationWithTimeout(stall_limit)) {
    const int64_t completed = run->completed();
    if (completed == completed_at_last_check) {
      shared.abandoned = true;
      // Calls still in flight point into `run`; it must outlive them.
      run.release();  // NOLINT(bugprone-unused-return-value)
      return absl::DeadlineExceededError(absl::StrCat(
          "no call completed in ", absl::FormatDuration(stall_limit), "; the server hangs"));
    }
    completed_at_last_check = completed;
  }
  const absl::Duration cpu_at_end = ProcessCpuTime();

  LoadResult result;
  Clock::time_point last_measured = shared.measure_begin;
  for (const auto& slot : run->slots) {
    result.latency.Merge(slot->latency());
    for (int code = 0; code < kStatusCodeCount; ++code) {
      result.calls_by_code[code] += slot->calls_by_code()[code];
    }
    if (result.first_error.empty()) result.first_error = slot->first_error();
    last_measured = std::max(last_measured, slot->last_measured());
  }
  const Clock::time_point window_end = options.total_calls > 0 ? last_measured : shared.measure_end;
  result.elapsed = absl::FromChrono(window_end - shared.measure_begin);
  result.client_cpu = cpu_at_end - cpu_at_begin;
  return result;
}

}  // namespace advisor::bench::load_internal

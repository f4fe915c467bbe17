#include "tests/bench/load/load_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/channel_arguments.h"
#include "grpcpp/support/client_callback.h"

#include <sys/resource.h>

namespace advisor::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Channel argument that makes channels distinct, so each gets its own
// subchannel (TCP connection) instead of sharing one.
constexpr char kChannelIndexArg[] = "advisor.bench.channel_index";

absl::Duration ProcessCpuTime() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return absl::DurationFromTimeval(usage.ru_utime) + absl::DurationFromTimeval(usage.ru_stime);
}

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

// When the slots measure, and how they report that they have stopped.
struct RunShared {
  Clock::time_point measure_begin;
  Clock::time_point measure_end;
  // Set when the run is abandoned: slots start no further call.
  std::atomic<bool> abandoned{false};
  std::atomic<int> running_slots{0};
  absl::Notification all_stopped;
};

// One concurrency slot: keeps exactly one call in flight, starting the next
// from the completion of the previous one, and records into its own
// histogram. Only one call of a slot runs at a time, so its fields need no
// lock.
class CallSlot final : public grpc::ClientUnaryReactor {
 public:
  CallSlot(grpc::GenericStub* stub, const LoadOptions& options, const grpc::ByteBuffer& request,
           int64_t quota, RunShared* shared)
      : stub_(stub),
        method_path_(options.method_path),
        call_timeout_(ToChrono(options.call_timeout)),
        request_(request),
        quota_(quota),
        shared_(shared) {}

  void Start() { IssueCall(); }

  void OnDone(const grpc::Status& status) override {
    const Clock::time_point ended = Clock::now();
    // Single writer: a plain store, no locked read-modify-write.
    completed_.store(completed_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    if (ended >= shared_->measure_begin && ended <= shared_->measure_end) {
      latency_.Record(static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(ended - started_).count()));
      ++calls_by_code_[std::clamp<int>(status.error_code(), 0, kStatusCodeCount - 1)];
      if (!status.ok() && first_error_.empty()) {
        first_error_ =
            absl::StrCat(StatusCodeName(status.error_code()), ": ", status.error_message());
      }
      last_measured_ = ended;
      ++measured_;
    }
    const bool quota_reached = quota_ > 0 && measured_ >= quota_;
    if (ended >= shared_->measure_end || quota_reached ||
        shared_->abandoned.load(std::memory_order_relaxed)) {
      if (shared_->running_slots.fetch_sub(1) == 1) shared_->all_stopped.Notify();
      return;
    }
    IssueCall();
  }

  // Calls completed so far, warmup included; readable from any thread.
  int64_t completed() const { return completed_.load(std::memory_order_relaxed); }
  const LatencyHistogram& latency() const { return latency_; }
  const std::array<int64_t, kStatusCodeCount>& calls_by_code() const { return calls_by_code_; }
  const std::string& first_error() const { return first_error_; }
  Clock::time_point last_measured() const { return last_measured_; }

 private:
  void IssueCall() {
    // A ClientContext serves one call only.
    context_.emplace();
    context_->set_deadline(std::chrono::system_clock::now() + call_timeout_);
    response_.Clear();
    started_ = Clock::now();
    stub_->PrepareUnaryCall(&*context_, method_path_, grpc::StubOptions(), &request_, &response_,
                            this);
    StartCall();
  }

  grpc::GenericStub* const stub_;
  const std::string method_path_;
  const std::chrono::nanoseconds call_timeout_;
  // The slot's own handle on the shared request bytes (slices are
  // reference counted, so this copies no payload).
  const grpc::ByteBuffer request_;
  const int64_t quota_;
  RunShared* const shared_;

  std::optional<grpc::ClientContext> context_;
  grpc::ByteBuffer response_;
  Clock::time_point started_;
  Clock::time_point last_measured_;
  std::atomic<int64_t> completed_{0};
  int64_t measured_ = 0;
  LatencyHistogram latency_;
  std::array<int64_t, kStatusCodeCount> calls_by_code_{};
  std::string first_error_;
};

// Everything calls in flight point into, owned together so that a stalled
// run can be abandoned (leaked) without freeing what a late completion
// would touch.
struct Run {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  RunShared shared;
  std::vector<std::unique_ptr<CallSlot>> slots;

  int64_t completed() const {
    int64_t total = 0;
    for (const auto& slot : slots) total += slot->completed();
    return total;
  }
};

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

}  // namespace

int64_t LoadResult::calls() const {
  int64_t total = 0;
  for (const int64_t count : calls_by_code) total += count;
  return total;
}

double LoadResult::qps() const {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds <= 0 ? 0 : static_cast<double>(calls()) / seconds;
}

absl::StatusOr<LoadResult> RunLoad(const LoadOptions& options) {
  if (absl::Status valid = CheckOptions(options); !valid.ok()) return valid;
  auto run = std::make_unique<Run>();
  absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> channels = Connect(options);
  if (!channels.ok()) return channels.status();
  run->channels = *std::move(channels);
  for (const auto& channel : run->channels) {
    run->stubs.push_back(std::make_unique<grpc::GenericStub>(channel));
  }

  const grpc::ByteBuffer request = ToByteBuffer(options.request_bytes);
  RunShared& shared = run->shared;
  const Clock::time_point start = Clock::now();
  shared.measure_begin = start + ToChrono(options.warmup);
  shared.measure_end = options.total_calls > 0 ? Clock::time_point::max()
                                               : shared.measure_begin + ToChrono(options.duration);
  for (int i = 0; i < options.concurrency; ++i) {
    // Spread the total evenly: the first `remainder` slots make one more.
    int64_t quota = 0;
    if (options.total_calls > 0) {
      quota = options.total_calls / options.concurrency +
              (i < options.total_calls % options.concurrency ? 1 : 0);
      if (quota == 0) continue;
    }
    run->slots.push_back(std::make_unique<CallSlot>(run->stubs[i % run->stubs.size()].get(),
                                                    options, request, quota, &shared));
  }
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

absl::StatusOr<std::string> CallOnce(const LoadOptions& options) {
  if (absl::Status valid = CheckOptions(options); !valid.ok()) return valid;
  LoadOptions one_connection = options;
  one_connection.connections = 1;
  absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> channels = Connect(one_connection);
  if (!channels.ok()) return channels.status();
  grpc::GenericStub stub(channels->front());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + ToChrono(options.call_timeout));
  const grpc::ByteBuffer request = ToByteBuffer(options.request_bytes);
  grpc::ByteBuffer response;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(&context, options.method_path, grpc::StubOptions(), &request, &response,
                 [&](grpc::Status call_status) {
                   status = std::move(call_status);
                   done.Notify();
                 });
  // The channel has no client-side deadline timer (see Connect): give up
  // on a server that ignores the deadline too.
  if (!done.WaitForNotificationWithTimeout(options.call_timeout + absl::Seconds(5))) {
    context.TryCancel();
    done.WaitForNotification();
  }
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  std::vector<grpc::Slice> slices;
  if (!response.Dump(&slices).ok()) return absl::InternalError("cannot read the response");
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

const char* StatusCodeName(int code) {
  static constexpr const char* kNames[kStatusCodeCount] = {
      "OK",
      "CANCELLED",
      "UNKNOWN",
      "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED",
      "NOT_FOUND",
      "ALREADY_EXISTS",
      "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION",
      "ABORTED",
      "OUT_OF_RANGE",
      "UNIMPLEMENTED",
      "INTERNAL",
      "UNAVAILABLE",
      "DATA_LOSS",
      "UNAUTHENTICATED",
  };
  return code >= 0 && code < kStatusCodeCount ? kNames[code] : "UNKNOWN_CODE";
}

}  // namespace advisor::bench

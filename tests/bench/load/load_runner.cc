#include "tests/bench/load/load_runner.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/client_callback.h"

#include "tests/bench/load/load_driver.h"

namespace advisor::bench {
namespace {

using load_internal::Clock;
using load_internal::RunShared;
using load_internal::ToByteBuffer;
using load_internal::ToChrono;

// One concurrency slot: keeps exactly one call in flight, starting the next
// from the completion of the previous one, and records into its own
// histogram. Only one call of a slot runs at a time, so its fields need no
// lock.
class CallSlot final : public grpc::ClientUnaryReactor, public load_internal::Slot {
 public:
  CallSlot(grpc::GenericStub* stub, const LoadOptions& options, const grpc::ByteBuffer& request,
           int64_t quota, RunShared* shared)
      : Slot(shared),
        stub_(stub),
        method_path_(options.method_path),
        call_timeout_(ToChrono(options.call_timeout)),
        request_(request),
        quota_(quota) {}

  void Start() override { IssueCall(); }

  void OnDone(const grpc::Status& status) override {
    const Clock::time_point ended = Clock::now();
    const int64_t measured =
        Record(started_, ended, status.error_code(), status.ok() ? "" : status.error_message());
    const bool quota_reached = quota_ > 0 && measured >= quota_;
    if (ended >= shared_->measure_end || quota_reached ||
        shared_->abandoned.load(std::memory_order_relaxed)) {
      Stopped();
      return;
    }
    IssueCall();
  }

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

  std::optional<grpc::ClientContext> context_;
  grpc::ByteBuffer response_;
  Clock::time_point started_;
};

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
  auto run = std::make_unique<load_internal::Run>();
  if (absl::Status ready = load_internal::PrepareRun(options, *run); !ready.ok()) return ready;
  const grpc::ByteBuffer request = ToByteBuffer(options.request_bytes);
  for (int i = 0; i < options.concurrency; ++i) {
    // Spread the total evenly: the first `remainder` slots make one more.
    int64_t quota = 0;
    if (options.total_calls > 0) {
      quota = options.total_calls / options.concurrency +
              (i < options.total_calls % options.concurrency ? 1 : 0);
      if (quota == 0) continue;
    }
    run->slots.push_back(std::make_unique<CallSlot>(run->stubs[i % run->stubs.size()].get(),
                                                    options, request, quota, &run->shared));
  }
  return load_internal::DriveRun(options, std::move(run));
}

absl::StatusOr<std::string> CallOnce(const LoadOptions& options) {
  if (absl::Status valid = load_internal::CheckOptions(options); !valid.ok()) return valid;
  LoadOptions one_connection = options;
  one_connection.connections = 1;
  absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> channels =
      load_internal::Connect(one_connection);
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

std::string StatusCodeName(int code) {
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? "UNKNOWN_CODE" : name;
}

}  // namespace advisor::bench

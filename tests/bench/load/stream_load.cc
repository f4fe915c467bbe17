#include "tests/bench/load/stream_load.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "grpcpp/client_context.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/client_callback.h"

#include "tests/bench/load/load_driver.h"

namespace advisor::bench {
namespace {

using load_internal::Clock;
using load_internal::RunShared;

// One stream: keeps `window` requests in flight, sending the next as each
// answer arrives, until the measured window ends; then half-closes and
// drains. Answers come in request order, so a ring of send times gives
// each answer's latency. Reads and writes complete on different threads,
// hence the mutex; gRPC operations are started outside it.
class StreamSlot final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                         public load_internal::Slot {
 public:
  StreamSlot(grpc::GenericStub* stub, const LoadOptions& options, const grpc::ByteBuffer& request,
             int window, RunShared* shared)
      : Slot(shared),
        stub_(stub),
        method_path_(options.method_path),
        request_(request),
        sent_at_(static_cast<size_t>(window)) {
    // The stream lasts the whole run, so its deadline does too.
    context_.set_deadline(
        std::chrono::system_clock::now() +
        load_internal::ToChrono(options.warmup + options.duration + options.call_timeout));
  }

  void Start() override {
    stub_->PrepareBidiStreamingCall(&context_, method_path_, grpc::StubOptions(), this);
    StartRead(&response_);
    Act(Plan());
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    Action action;
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      if (!ok) stopping_ = true;
      action = PlanLocked();
    }
    Act(action);
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;  // The stream has ended; OnDone follows.
    const Clock::time_point now = Clock::now();
    Clock::time_point sent;
    {
      std::lock_guard<std::mutex> lock(mu_);
      sent = sent_at_[oldest_];
      oldest_ = (oldest_ + 1) % sent_at_.size();
      --in_flight_;
    }
    Record(sent, now, 0, "");
    Action action;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (now >= shared_->measure_end || shared_->abandoned.load(std::memory_order_relaxed)) {
        stopping_ = true;
      }
      action = PlanLocked();
    }
    Act(action);
    StartRead(&response_);
  }

  void OnDone(const grpc::Status& status) override {
    if (!status.ok()) RecordStatus(status.error_code(), status.error_message());
    Stopped();
  }

 private:
  struct Action {
    bool write = false;
    bool writes_done = false;
  };

  Action Plan() {
    std::lock_guard<std::mutex> lock(mu_);
    return PlanLocked();
  }

  // Next request while the window has room; half-close once stopping and
  // every answer is in. Requires mu_.
  Action PlanLocked() {
    Action action;
    if (writing_ || writes_done_) return action;
    if (!stopping_ && in_flight_ < sent_at_.size()) {
      sent_at_[(oldest_ + in_flight_) % sent_at_.size()] = Clock::now();
      ++in_flight_;
      writing_ = true;
      action.write = true;
    } else if (stopping_ && in_flight_ == 0) {
      writes_done_ = true;
      action.writes_done = true;
    }
    return action;
  }

  void Act(const Action& action) {
    if (action.write) StartWrite(&request_);
    if (action.writes_done) StartWritesDone();
  }

  grpc::GenericStub* const stub_;
  const std::string method_path_;
  const grpc::ByteBuffer request_;
  grpc::ClientContext context_;
  grpc::ByteBuffer response_;

  std::mutex mu_;
  // Send times of the requests in flight, oldest at `oldest_`.
  std::vector<Clock::time_point> sent_at_;
  size_t oldest_ = 0;
  size_t in_flight_ = 0;
  bool writing_ = false;
  bool stopping_ = false;
  bool writes_done_ = false;
};

}  // namespace

absl::StatusOr<LoadResult> RunStreamLoad(const LoadOptions& options, int window) {
  if (window < 1) return absl::InvalidArgumentError("window must be >= 1");
  if (options.total_calls > 0) {
    return absl::InvalidArgumentError("total_calls is not supported for streams");
  }
  auto run = std::make_unique<load_internal::Run>();
  if (absl::Status ready = load_internal::PrepareRun(options, *run); !ready.ok()) return ready;
  const grpc::ByteBuffer request = load_internal::ToByteBuffer(options.request_bytes);
  for (int i = 0; i < options.concurrency; ++i) {
    run->slots.push_back(std::make_unique<StreamSlot>(run->stubs[i % run->stubs.size()].get(),
                                                      options, request, window, &run->shared));
  }
  return load_internal::DriveRun(options, std::move(run));
}

}  // namespace advisor::bench

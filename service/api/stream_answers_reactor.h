#ifndef ADVISOR_SERVICE_API_STREAM_ANSWERS_REACTOR_H_
#define ADVISOR_SERVICE_API_STREAM_ANSWERS_REACTOR_H_

#include <cstddef>
#include <mutex>
#include <vector>

#include "advisor/v1/faq_service.pb.h"
#include "service/api/calls/observed_call.h"
#include "service/api/calls/serve_unary.h"
#include "service/api/snapshot_source.h"
#include <grpcpp/support/server_callback.h>

namespace advisor::api {

// Response messages queued on one stream that are not yet handed to the
// transport. The server reads a request only while fewer than this many wait,
// so a client that stops reading soon stops the server reading (and, once
// HTTP/2's flow-control windows fill, the client writing): memory per
// stream stays bounded.
inline constexpr int kStreamAnswersWindow = 16;

// Serves one FaqService.StreamAnswers call with the callback API: reads a
// request, answers its questions (from the snapshot current at that moment)
// into one response, queues it in a ring of `window` reusable messages and
// writes them one at a time, in arrival order. At most one read and one write are outstanding, as
// gRPC requires. A bad question yields an error response and the stream
// goes on. Ends OK once the client half-closes and every answer is written;
// a cancel, an expired deadline or a failed write ends it with CANCELLED.
// A stream the server cannot admit (draining, over the in-flight cap) ends
// at once with that status. Deletes itself in OnDone, after gRPC has finished every operation, so
// nothing it owns is touched after it is gone.
class StreamAnswersReactor final
    : public grpc::ServerBidiReactor<advisor::v1::StreamAnswersRequest,
                                     advisor::v1::StreamAnswersResponse> {
 public:
  // Observed as "/advisor.v1.FaqService/StreamAnswers". `environment`
  // must outlive the call; `window` >= 1.
  StreamAnswersReactor(grpc::CallbackServerContext& context, const ServiceEnvironment& environment,
                       int window);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // What to start once the lock is released: gRPC operations are started
  // outside it, since their completions take the same lock.
  struct Next {
    bool read = false;
    const advisor::v1::StreamAnswersResponse* write = nullptr;
    bool more_queued = false;
    bool finish = false;
  };

  // Decides the next operations from the state; requires mu_.
  Next PlanLocked();
  void Start(const Next& next);
  // Reports the stream's status to the observers, then sends it.
  void FinishObserved(grpc::Status status);

  // First member: it adds the initial metadata, before any operation.
  ObservedCall call_;

  const SnapshotSource& snapshots_;
  // Filled by the one outstanding read; read only by OnReadDone.
  advisor::v1::StreamAnswersRequest request_;

  std::mutex mu_;
  // Ring of response messages, reused (Clear keeps their allocations).
  std::vector<advisor::v1::StreamAnswersResponse> ring_;
  // Index of the oldest queued answer, and how many are queued (the one
  // being written included).
  size_t head_ = 0;
  size_t queued_ = 0;
  bool reading_ = false;
  bool writing_ = false;
  bool reads_done_ = false;
  bool finished_ = false;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_STREAM_ANSWERS_REACTOR_H_

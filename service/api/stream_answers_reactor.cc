#include "service/api/stream_answers_reactor.h"

#include <cassert>
#include <memory>
#include <utility>

#include "service/api/answer_conversion.h"

namespace advisor::api {

StreamAnswersReactor::StreamAnswersReactor(grpc::CallbackServerContext& context,
                                           const ServiceEnvironment& environment, int window)
    : call_(context, environment.policy, "/advisor.v1.FaqService/StreamAnswers"),
      snapshots_(environment.snapshots),
      ring_(static_cast<size_t>(window)) {
  assert(window >= 1);
  // Its initial metadata goes out with the first answer, long before the
  // stream's status: one entry per stream costs nothing per answer.
  call_.ReturnRequestId();
  if (!call_.admission().ok()) {
    finished_ = true;
    FinishObserved(call_.admission());
    return;
  }
  reading_ = true;
  StartRead(&request_);
}

StreamAnswersReactor::Next StreamAnswersReactor::PlanLocked() {
  Next next;
  if (finished_) return next;
  if (!writing_ && queued_ > 0) {
    writing_ = true;
    next.write = &ring_[head_];
    next.more_queued = queued_ > 1;
  }
  if (!reading_ && !reads_done_ && queued_ < ring_.size()) {
    reading_ = true;
    next.read = true;
  }
  if (reads_done_ && queued_ == 0 && !writing_) {
    finished_ = true;
    next.finish = true;
  }
  return next;
}

void StreamAnswersReactor::Start(const Next& next) {
  if (next.write != nullptr) {
    grpc::WriteOptions options;
    // More answers are queued behind this one: let the transport coalesce
    // them into fewer frames and syscalls. The last one is never held.
    if (next.more_queued) options.set_buffer_hint();
    StartWrite(next.write, options);
  }
  if (next.read) StartRead(&request_);
  if (next.finish) FinishObserved(grpc::Status::OK);
}

void StreamAnswersReactor::OnReadDone(bool ok) {
  if (!ok) {
    // The client half-closed, or the call is over.
    Next next;
    {
      std::lock_guard<std::mutex> lock(mu_);
      reading_ = false;
      reads_done_ = true;
      next = PlanLocked();
    }
    Start(next);
    return;
  }
  // The slot after the queued answers is free (a read is only started when
  // one is) and the writer never touches it, so it is filled unlocked.
  advisor::v1::StreamAnswersResponse* response;
  {
    std::lock_guard<std::mutex> lock(mu_);
    response = &ring_[(head_ + queued_) % ring_.size()];
  }
  // Clear keeps the answer messages allocated for reuse by the next request.
  response->Clear();
  const std::shared_ptr<const ServingSnapshot> serving = snapshots_.CurrentServing();
  const engines::Snapshot* snapshot = serving->snapshot.get();
  *response->mutable_served_by() = serving->served_by;
  for (const advisor::v1::StreamQuestion& question : request_.questions()) {
    advisor::v1::StreamAnswer* answer = response->add_answers();
    answer->set_request_id(question.request_id());
    FillAnswerResult(*snapshot, question.request(), *answer->mutable_result());
  }
  Next next;
  {
    std::lock_guard<std::mutex> lock(mu_);
    reading_ = false;
    ++queued_;
    next = PlanLocked();
  }
  Start(next);
}

void StreamAnswersReactor::OnWriteDone(bool ok) {
  Next next;
  {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    if (!ok) {
      // The stream is broken (cancelled, deadline, client gone): stop.
      if (!finished_) {
        finished_ = true;
        next.finish = true;
      }
    } else {
      head_ = (head_ + 1) % ring_.size();
      --queued_;
      next = PlanLocked();
    }
  }
  if (next.finish && !ok) {
    FinishObserved(
        grpc::Status(grpc::StatusCode::CANCELLED, "the stream was broken while writing"));
    return;
  }
  Start(next);
}

void StreamAnswersReactor::OnCancel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    finished_ = true;
  }
  // gRPC fails the outstanding read or write; OnDone follows once they end.
  FinishObserved(grpc::Status(grpc::StatusCode::CANCELLED, "the stream was cancelled"));
}

void StreamAnswersReactor::FinishObserved(grpc::Status status) {
  call_.End(status.error_code());
  Finish(std::move(status));
}

void StreamAnswersReactor::OnDone() { delete this; }

}  // namespace advisor::api

#ifndef ADVISOR_CLIENT_INTERNAL_FAILED_ANSWER_STREAM_H_
#define ADVISOR_CLIENT_INTERNAL_FAILED_ANSWER_STREAM_H_

#include <utility>

#include "absl/status/status.h"

#include "advisor/client/answer_stream.h"

namespace advisor::client_internal {

// A stream that is over before it starts: every write and read fails and
// Finish returns `status`. For connections that cannot open real streams.
class FailedAnswerStream : public client::AnswerStream {
 public:
  // `status` must not be OK.
  explicit FailedAnswerStream(absl::Status status) : status_(std::move(status)) {}

  bool Write(const v1::StreamAnswersRequest& /*request*/) override { return false; }
  bool WritesDone() override { return false; }
  bool Read(v1::StreamAnswersResponse* /*response*/) override { return false; }
  void Cancel() override {}
  absl::Status Finish() override { return status_; }

 private:
  absl::Status status_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_FAILED_ANSWER_STREAM_H_

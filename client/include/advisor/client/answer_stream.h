#ifndef ADVISOR_CLIENT_ANSWER_STREAM_H_
#define ADVISOR_CLIENT_ANSWER_STREAM_H_

#include "absl/status/status.h"

#include "advisor/v1/faq_service.pb.h"

namespace advisor::client {

// One open FaqService.StreamAnswers stream, blocking style: one thread may
// write while another reads (never two writers or two readers at once).
// Write blocks while flow control holds the request back, so a writer
// that runs ahead of the server waits instead of buffering without bound.
// `AdvisorClient::AnswerQuestions` drives one with a bounded window;
// most code should use that. Tests can implement this interface to fake a
// stream.
class AnswerStream {
 public:
  virtual ~AnswerStream() = default;

  // Sends one request. False when the stream is over (then Finish says
  // why); later writes are pointless.
  virtual bool Write(const v1::StreamAnswersRequest& request) = 0;
  // Tells the server no more requests follow. False when the stream is over.
  virtual bool WritesDone() = 0;
  // Waits for the next response. False at the end of the stream.
  virtual bool Read(v1::StreamAnswersResponse* response) = 0;
  // Ends the stream early: pending and later Write/Read calls return false
  // and Finish returns CANCELLED. Safe from any thread, at any time.
  virtual void Cancel() = 0;
  // After Read has returned false: how the stream ended. OK after
  // WritesDone once every answer has been read; otherwise CANCELLED,
  // DEADLINE_EXCEEDED (`ClientOptions::stream_timeout`), UNAVAILABLE, ...
  virtual absl::Status Finish() = 0;
};

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_ANSWER_STREAM_H_

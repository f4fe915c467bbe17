#include "client/internal/ordered_answers.h"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace advisor::client_internal {
namespace {

// What the writer thread and the reading (calling) thread share.
class Window {
 public:
  explicit Window(std::size_t size) : size_(size) {}

  // Writer: waits until question `index` may go out; false when it must
  // not (the reader has stopped).
  bool WaitForRoom(std::size_t index) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return stopped_ || index < received_ + size_; });
    return !stopped_;
  }

  // Reader: one more answer is in, so one more question may go out.
  void Received() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++received_;
    }
    room_.notify_one();
  }

  // Reader: no more answers will come; releases a waiting writer.
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopped_ = true;
    }
    room_.notify_one();
  }

 private:
  const std::size_t size_;
  std::mutex mu_;
  std::condition_variable room_;
  std::size_t received_ = 0;
  bool stopped_ = false;
};

// Sends every question, never more than the window ahead of the answers,
// then half-closes. Stops early when the stream or the reader does.
void WriteQuestions(client::AnswerStream& stream, absl::Span<std::string const> questions,
                    Window& window) {
  v1::StreamAnswersRequest request;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (!window.WaitForRoom(i)) return;
    request.set_request_id(absl::StrCat(i));
    request.mutable_request()->set_question(questions[i]);
    if (!stream.Write(request)) return;
  }
  stream.WritesDone();
}

}  // namespace

absl::Status AnswerInOrder(client::AdvisorConnection& connection,
                           absl::Span<std::string const> questions, int window,
                           client::AnswerSink const& sink) {
  if (window < 1) {
    return absl::InvalidArgumentError(absl::StrCat("window must be at least 1, got ", window));
  }
  if (questions.empty()) return absl::OkStatus();
  std::unique_ptr<client::AnswerStream> stream = connection.StreamAnswers();
  Window flow(static_cast<std::size_t>(window));
  std::thread writer([&] { WriteQuestions(*stream, questions, flow); });

  // Answers that arrived ahead of an earlier one wait here; the window
  // bounds how many.
  std::vector<std::optional<client::AnswerOrError>> early(questions.size());
  std::size_t next = 0;
  absl::Status broken;
  v1::StreamAnswersResponse response;
  while (stream->Read(&response)) {
    std::size_t index = 0;
    if (!absl::SimpleAtoi(response.request_id(), &index) || index >= questions.size() ||
        index < next || early[index].has_value()) {
      broken = absl::InternalError(absl::StrCat("the server answered request id '",
                                                response.request_id(),
                                                "', which was not asked or already answered"));
      stream->Cancel();
      break;
    }
    early[index] = client::ToAnswerOrError(response.result());
    flow.Received();
    while (next < questions.size() && early[next].has_value()) {
      sink(next, *std::move(early[next]));
      early[next].reset();
      ++next;
    }
  }
  flow.Stop();
  // Drain what is left so that Finish does not wait on unread messages.
  while (stream->Read(&response)) {
  }
  writer.join();
  absl::Status finished = stream->Finish();
  if (!broken.ok()) return broken;
  if (!finished.ok()) return finished;
  if (next < questions.size()) {
    return absl::InternalError(
        absl::StrCat("the stream ended after ", next, " of ", questions.size(), " answers"));
  }
  return absl::OkStatus();
}

}  // namespace advisor::client_internal

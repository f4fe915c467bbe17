#include "client/internal/ordered_answers.h"

#include <algorithm>
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

// Questions packed into one stream message at most: enough to spread the
// per-message cost, few enough that answers flow back steadily.
constexpr std::size_t kMaxQuestionsPerMessage = 32;
// Bytes of questions per message at most, below advisor_server's 64 KiB
// message limit. A single longer question is not sent (see AnswerInOrder).
constexpr std::size_t kMaxMessageBytes = std::size_t{48} * 1024;
// Framing per question in a message (tags and lengths), roughly.
constexpr std::size_t kQuestionOverheadBytes = 16;

bool Oversized(const std::string& question) {
  return question.size() + kQuestionOverheadBytes > kMaxMessageBytes;
}

// The window of questions sent but not answered, shared by the writer
// thread and the reading (calling) thread.
class Window {
 public:
  explicit Window(std::size_t size) : size_(size) {}

  // Writer: waits for room, then takes up to `wanted` slots; 0 once the
  // reader has stopped.
  std::size_t Acquire(std::size_t wanted) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [&] { return stopped_ || in_flight_ < size_; });
    if (stopped_) return 0;
    const std::size_t taken = std::min(wanted, size_ - in_flight_);
    in_flight_ += taken;
    return taken;
  }

  // Gives back `count` slots: answers that arrived, or slots the writer
  // took but did not use.
  void Release(std::size_t count) {
    if (count == 0) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_flight_ -= count;
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
  std::size_t in_flight_ = 0;
  bool stopped_ = false;
};

// Sends every question that fits a message, packed several to a message
// and never more than the window unanswered, then half-closes. Stops early
// when the stream or the reader does.
void WriteQuestions(client::AnswerStream& stream, absl::Span<std::string const> questions,
                    Window& window) {
  v1::StreamAnswersRequest request;
  std::size_t next = 0;
  while (true) {
    while (next < questions.size() && Oversized(questions[next])) ++next;
    if (next == questions.size()) break;
    const std::size_t slots = window.Acquire(kMaxQuestionsPerMessage);
    if (slots == 0) return;
    request.clear_questions();
    std::size_t bytes = 0;
    for (; next < questions.size() && static_cast<std::size_t>(request.questions_size()) < slots;
         ++next) {
      if (Oversized(questions[next])) continue;
      const std::size_t size = questions[next].size() + kQuestionOverheadBytes;
      if (request.questions_size() > 0 && bytes + size > kMaxMessageBytes) break;
      bytes += size;
      v1::StreamQuestion* question = request.add_questions();
      question->set_request_id(absl::StrCat(next));
      question->mutable_request()->set_question(questions[next]);
    }
    window.Release(slots - static_cast<std::size_t>(request.questions_size()));
    if (!stream.Write(request)) return;
  }
  stream.WritesDone();
}

}  // namespace

absl::Status AnswerInOrder(client::AdvisorConnection& connection,
                           absl::Span<std::string const> questions, int window,
                           const client::AnswerSink& sink) {
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
  // Sinks every answer that is due, and the local error of a question too
  // long to send.
  auto deliver = [&] {
    while (next < questions.size()) {
      if (Oversized(questions[next])) {
        sink(next, absl::InvalidArgumentError(absl::StrCat("question is ", questions[next].size(),
                                                           " bytes, too long to send")));
      } else if (early[next].has_value()) {
        sink(next, *std::move(early[next]));
        early[next].reset();
      } else {
        return;
      }
      ++next;
    }
  };
  deliver();
  absl::Status broken;
  v1::StreamAnswersResponse response;
  while (broken.ok() && stream->Read(&response)) {
    for (const v1::StreamAnswer& answer : response.answers()) {
      std::size_t index = 0;
      if (!absl::SimpleAtoi(answer.request_id(), &index) || index >= questions.size() ||
          index < next || early[index].has_value() || Oversized(questions[index])) {
        broken = absl::InternalError(absl::StrCat("the server answered request id '",
                                                  answer.request_id(),
                                                  "', which was not asked or already answered"));
        stream->Cancel();
        break;
      }
      early[index] = client::ToAnswerOrError(answer.result());
    }
    flow.Release(static_cast<std::size_t>(response.answers_size()));
    deliver();
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

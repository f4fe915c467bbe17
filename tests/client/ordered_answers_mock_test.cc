// AdvisorClient's stream helper and async calls over MockAdvisorConnection
// and a scripted AnswerStream: reordering, window, broken servers.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "advisor/client/client.h"
#include "advisor/client/mocks/mock_advisor_connection.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

using ::advisor::client_mocks::MockAdvisorConnection;

// Answers questions in pairs, second before first, one per message, echoing the question in
// the answer's `question`. Records the most requests ever unanswered.
// `duplicate_first` answers request 0 twice instead.
class SwappingStream : public AnswerStream {
 public:
  explicit SwappingStream(bool duplicate_first = false) : duplicate_first_(duplicate_first) {}

  bool Write(const v1::StreamAnswersRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& question : request.questions()) pending_.push_back(question);
    max_unanswered_ = std::max(max_unanswered_, pending_.size() + ready_.size());
    while (pending_.size() >= 2) {
      ready_.push_back(duplicate_first_ ? pending_[0] : pending_[1]);
      ready_.push_back(pending_[0]);
      pending_.erase(pending_.begin(), pending_.begin() + 2);
    }
    cv_.notify_all();
    return true;
  }
  bool WritesDone() override {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& request : pending_) ready_.push_back(request);
    pending_.clear();
    done_ = true;
    cv_.notify_all();
    return true;
  }
  bool Read(v1::StreamAnswersResponse* response) override {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !ready_.empty() || done_ || cancelled_; });
    if (ready_.empty() || cancelled_) return false;
    response->Clear();
    v1::StreamAnswer* answer = response->add_answers();
    answer->set_request_id(ready_.front().request_id());
    answer->mutable_result()->mutable_response()->set_question(ready_.front().request().question());
    ready_.erase(ready_.begin());
    return true;
  }
  void Cancel() override {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    cv_.notify_all();
  }
  absl::Status Finish() override {
    return cancelled_ ? absl::CancelledError("cancelled") : absl::OkStatus();
  }

  std::size_t max_unanswered() {
    std::lock_guard<std::mutex> lock(mu_);
    return max_unanswered_;
  }

 private:
  const bool duplicate_first_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<v1::StreamQuestion> pending_;
  std::vector<v1::StreamQuestion> ready_;
  std::size_t max_unanswered_ = 0;
  bool done_ = false;
  bool cancelled_ = false;
};

std::vector<std::string> Numbered(int count) {
  std::vector<std::string> questions;
  for (int i = 0; i < count; ++i) questions.push_back("question " + std::to_string(i));
  return questions;
}

TEST(OrderedAnswersTest, AnswersArrivingOutOfOrderAreDeliveredInInputOrder) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  auto* stream = new SwappingStream();
  EXPECT_CALL(*mock, StreamAnswers).WillOnce([stream] {
    return std::unique_ptr<AnswerStream>(stream);
  });
  AdvisorClient client(mock);
  const std::vector<std::string> questions = Numbered(101);
  std::vector<std::size_t> order;
  absl::Status status = client.ForEachAnswer(
      questions,
      [&](std::size_t index, AnswerOrError answer) {
        order.push_back(index);
        ASSERT_TRUE(answer.ok());
        EXPECT_EQ(answer->question(), questions[index]);
      },
      /*window=*/4);
  EXPECT_TRUE(status.ok()) << status;
  ASSERT_EQ(order.size(), questions.size());
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
}

TEST(OrderedAnswersTest, NeverMoreThanTheWindowIsUnanswered) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  auto stream = std::make_unique<SwappingStream>();
  SwappingStream* observed = stream.get();
  EXPECT_CALL(*mock, StreamAnswers).WillOnce([&stream] { return std::move(stream); });
  AdvisorClient client(mock);
  auto answers = client.AnswerQuestions(Numbered(50), /*window=*/3);
  ASSERT_TRUE(answers.ok()) << answers.status();
  EXPECT_LE(observed->max_unanswered(), 3u);
}

TEST(OrderedAnswersTest, AQuestionTooLongForAMessageGetsALocalErrorInItsPlace) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, StreamAnswers).WillOnce([] {
    return std::unique_ptr<AnswerStream>(new SwappingStream());
  });
  AdvisorClient client(mock);
  std::vector<std::string> questions = Numbered(5);
  questions[0] = std::string(100 * 1024, 'x');
  questions[3] = std::string(100 * 1024, 'y');
  auto answers = client.AnswerQuestions(questions, 2);
  ASSERT_TRUE(answers.ok()) << answers.status();
  ASSERT_EQ(answers->size(), 5u);
  EXPECT_EQ((*answers)[0].status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*answers)[1]->question(), "question 1");
  EXPECT_EQ((*answers)[3].status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*answers)[4]->question(), "question 4");
}

TEST(OrderedAnswersTest, AServerAnsweringARequestTwiceIsInternal) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, StreamAnswers).WillOnce([] {
    return std::unique_ptr<AnswerStream>(new SwappingStream(/*duplicate_first=*/true));
  });
  AdvisorClient client(mock);
  EXPECT_EQ(client.AnswerQuestions(Numbered(4), 4).status().code(), absl::StatusCode::kInternal);
}

TEST(OrderedAnswersTest, TheDefaultConnectionHasNoStreamsOrAsyncCalls) {
  AdvisorClient client(std::make_shared<AdvisorConnection>());
  EXPECT_EQ(client.AnswerQuestions(Numbered(2)).status().code(), absl::StatusCode::kUnimplemented);
  absl::StatusCode code = absl::StatusCode::kOk;
  client.AsyncGetFramework(
      v1::GetFrameworkRequest(),
      [&](absl::StatusOr<v1::GetFrameworkResponse> r) { code = r.status().code(); });
  EXPECT_EQ(code, absl::StatusCode::kUnimplemented);
}

TEST(OrderedAnswersTest, AsyncCallsCanBeMocked) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, AsyncAnswerQuestion)
      .WillOnce([](const v1::AnswerQuestionRequest&, Callback<v1::AnswerQuestionResponse> done) {
        done(absl::UnavailableError("try later"));
      });
  AdvisorClient client(mock);
  absl::Status seen;
  client.AsyncAnswerQuestion(
      v1::AnswerQuestionRequest(),
      [&](absl::StatusOr<v1::AnswerQuestionResponse> r) { seen = r.status(); });
  EXPECT_EQ(seen.code(), absl::StatusCode::kUnavailable);
}

TEST(ItemResultsTest, ItemErrorsBecomeTheirStatus) {
  v1::AnswerQuestionResult result;
  result.mutable_error()->set_code(3);
  result.mutable_error()->set_message("question must not be empty");
  EXPECT_EQ(ToAnswerOrError(result).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ToAnswerOrError(result).status().message(), "question must not be empty");
  result.mutable_error()->set_code(99);
  EXPECT_EQ(ToAnswerOrError(result).status().code(), absl::StatusCode::kUnknown);
  result.mutable_error()->set_code(0);
  EXPECT_EQ(ToAnswerOrError(result).status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(ToAnswerOrError(v1::AnswerQuestionResult()).status().code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace advisor::client

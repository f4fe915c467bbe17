// The SDK's async calls, batch calls and ordered stream helper over a real
// channel to an in-process advisor server (embedded knowledge base).

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

#include "advisor/client/client.h"
#include "advisor/client/connection.h"
#include "service/server/advisor_server.h"
#include "tests/support/in_process_server.h"

namespace advisor::client {
namespace {

// Turns an async call into a future, so a test can wait for its callback.
template <typename Response>
struct Waiter {
  std::promise<absl::StatusOr<Response>> promise;
  Callback<Response> callback() {
    return [this](absl::StatusOr<Response> result) { promise.set_value(std::move(result)); };
  }
  absl::StatusOr<Response> Get() {
    auto future = promise.get_future();
    if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
      return absl::DeadlineExceededError("the callback never ran");
    }
    return future.get();
  }
};

class AdvisorBulkSdkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<testing::InProcessServer> started = testing::StartInProcessServer();
    ASSERT_TRUE(started.ok()) << started.status();
    for (const auto& faq : started->knowledge_base.faqs()) faq_questions_.push_back(faq.question());
    server_ = std::move(started->server);
    options_.target = server_->address();
  }

  AdvisorClient Client() const { return AdvisorClient(MakeAdvisorConnection(options_)); }

  // `count` of the knowledge base's own questions, cycling.
  std::vector<std::string> Questions(std::size_t count) const {
    std::vector<std::string> questions;
    for (std::size_t i = 0; i < count; ++i) {
      questions.push_back(faq_questions_[i % faq_questions_.size()]);
    }
    return questions;
  }

  std::vector<std::string> faq_questions_;
  std::unique_ptr<server::AdvisorServer> server_;
  ClientOptions options_;
};

TEST_F(AdvisorBulkSdkTest, AsyncCallsReportTheirResponsesAndErrors) {
  AdvisorClient client = Client();
  Waiter<v1::AnswerQuestionResponse> answer;
  v1::AnswerQuestionRequest question;
  question.set_question(faq_questions_[0]);
  client.AsyncAnswerQuestion(question, answer.callback());
  Waiter<v1::GetFrameworkResponse> unknown;
  v1::GetFrameworkRequest name;
  name.set_name("frameworks/no-such");
  client.AsyncGetFramework(name, unknown.callback());
  Waiter<v1::ListFaqsResponse> faqs;
  client.AsyncListFaqs(v1::ListFaqsRequest(), faqs.callback());
  Waiter<v1::MatchRoleResponse> empty_role;
  client.AsyncMatchRole(v1::MatchRoleRequest(), empty_role.callback());

  auto answered = answer.Get();
  ASSERT_TRUE(answered.ok()) << answered.status();
  EXPECT_EQ(answered->question(), faq_questions_[0]);
  EXPECT_EQ(unknown.Get().status().code(), absl::StatusCode::kNotFound);
  auto listed = faqs.Get();
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->faqs_size(), static_cast<int>(faq_questions_.size()));
  EXPECT_EQ(empty_role.Get().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorBulkSdkTest, AsyncFrameworkAndBatchCallsWork) {
  AdvisorClient client = Client();
  Waiter<v1::ListFrameworksResponse> list;
  client.AsyncListFrameworks(v1::ListFrameworksRequest(), list.callback());
  Waiter<v1::CompareFrameworksResponse> compare;
  v1::CompareFrameworksRequest names;
  names.add_names("keras");
  names.add_names("pytorch");
  client.AsyncCompareFrameworks(names, compare.callback());
  Waiter<v1::BatchAnswerQuestionsResponse> batch;
  v1::BatchAnswerQuestionsRequest questions;
  questions.add_requests()->set_question(faq_questions_[1]);
  client.AsyncBatchAnswerQuestions(questions, batch.callback());
  Waiter<v1::BatchMatchRolesResponse> roles;
  client.AsyncBatchMatchRoles(v1::BatchMatchRolesRequest(), roles.callback());

  auto listed = list.Get();
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->frameworks_size(), 21);  // The default knowledge base's, one page.
  auto compared = compare.Get();
  ASSERT_TRUE(compared.ok()) << compared.status();
  EXPECT_EQ(compared->frameworks(0).display_name(), "Keras");
  auto batched = batch.Get();
  ASSERT_TRUE(batched.ok()) << batched.status();
  ASSERT_EQ(batched->results_size(), 1);
  EXPECT_EQ(batched->results(0).response().question(), faq_questions_[1]);
  EXPECT_EQ(roles.Get().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorBulkSdkTest, ManyAsyncCallsInFlightFromOneThreadAllComplete) {
  AdvisorClient client = Client();
  constexpr int kCalls = 200;
  std::vector<Waiter<v1::AnswerQuestionResponse>> waiters(kCalls);
  for (int i = 0; i < kCalls; ++i) {
    v1::AnswerQuestionRequest request;
    request.set_question(faq_questions_[i % faq_questions_.size()]);
    client.AsyncAnswerQuestion(request, waiters[i].callback());
  }
  for (int i = 0; i < kCalls; ++i) {
    auto answer = waiters[i].Get();
    ASSERT_TRUE(answer.ok()) << i << ": " << answer.status();
    EXPECT_EQ(answer->question(), faq_questions_[i % faq_questions_.size()]);
  }
}

// The last reference to the channel must go on this thread, not on the
// gRPC thread that ran a callback (in gRPC 1.51 that one then frees its
// completion queue twice), so releasing the client waits for the callbacks.
TEST_F(AdvisorBulkSdkTest, ReleasingTheClientWaitsForItsAsyncCallbacks) {
  constexpr int kCalls = 50;
  auto returned = std::make_shared<std::atomic<int>>(0);
  {
    AdvisorClient client = Client();
    for (int i = 0; i < kCalls; ++i) {
      v1::AnswerQuestionRequest request;
      request.set_question(faq_questions_[i % faq_questions_.size()]);
      client.AsyncAnswerQuestion(
          request, [returned](absl::StatusOr<v1::AnswerQuestionResponse>) { ++*returned; });
    }
  }
  EXPECT_EQ(returned->load(), kCalls);
}

TEST_F(AdvisorBulkSdkTest, BatchCallsKeepOrderAndReportItemErrors) {
  AdvisorClient client = Client();
  auto batch = client.BatchAnswerQuestions({faq_questions_[0], "", faq_questions_[2]});
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->results_size(), 3);
  EXPECT_EQ(ToAnswerOrError(batch->results(0))->question(), faq_questions_[0]);
  EXPECT_EQ(ToAnswerOrError(batch->results(1)).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ToAnswerOrError(batch->results(2))->question(), faq_questions_[2]);

  auto roles = client.BatchMatchRoles({"Data scientist at a bank", " "});
  ASSERT_TRUE(roles.ok()) << roles.status();
  ASSERT_EQ(roles->results_size(), 2);
  EXPECT_FALSE(roles->results(0).response().matches().empty());
  EXPECT_EQ(ItemStatus(roles->results(1).error()).code(), absl::StatusCode::kInvalidArgument);

  EXPECT_EQ(client.BatchAnswerQuestions(std::vector<std::string>{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorBulkSdkTest, ForEachAnswerDeliversEveryAnswerInInputOrder) {
  AdvisorClient client = Client();
  std::vector<std::string> questions = Questions(2500);
  questions[1234] = "   ";
  std::size_t expected_index = 0;
  absl::Status status = client.ForEachAnswer(
      questions,
      [&](std::size_t index, AnswerOrError answer) {
        ASSERT_EQ(index, expected_index++);
        if (index == 1234) {
          EXPECT_EQ(answer.status().code(), absl::StatusCode::kInvalidArgument);
        } else {
          ASSERT_TRUE(answer.ok()) << index << ": " << answer.status();
          EXPECT_EQ(answer->question(), questions[index]);
        }
      },
      /*window=*/8);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(expected_index, questions.size());
}

TEST_F(AdvisorBulkSdkTest, AnswerQuestionsCollectsAnswersWithAWindowOfOne) {
  AdvisorClient client = Client();
  const std::vector<std::string> questions = Questions(30);
  auto answers = client.AnswerQuestions(questions, /*window=*/1);
  ASSERT_TRUE(answers.ok()) << answers.status();
  ASSERT_EQ(answers->size(), questions.size());
  for (std::size_t i = 0; i < questions.size(); ++i) {
    ASSERT_TRUE((*answers)[i].ok()) << i;
    EXPECT_EQ((*answers)[i]->question(), questions[i]);
  }
  EXPECT_EQ(client.AnswerQuestions(questions, /*window=*/0).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto none = client.AnswerQuestions({});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

TEST_F(AdvisorBulkSdkTest, AStreamPastItsTimeoutIsDeadlineExceeded) {
  options_.stream_timeout = absl::Milliseconds(1);
  AdvisorClient client = Client();
  std::size_t answered = 0;
  absl::Status status = client.ForEachAnswer(
      Questions(200000), [&](std::size_t, AnswerOrError) { ++answered; }, 4);
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_LT(answered, 200000u);
}

TEST_F(AdvisorBulkSdkTest, InvalidOptionsFailAsyncCallsAndStreamsWithInvalidArgument) {
  options_.stream_timeout = absl::ZeroDuration();
  AdvisorClient client = Client();
  Waiter<v1::AnswerQuestionResponse> answer;
  client.AsyncAnswerQuestion(v1::AnswerQuestionRequest(), answer.callback());
  EXPECT_EQ(answer.Get().status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.AnswerQuestions(Questions(3)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::client

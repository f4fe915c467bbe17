#include "tests/api/bulk_test_server.h"

#include <utility>

#include "absl/status/statusor.h"

#include "tests/support/call_context.h"
#include "tests/support/in_process_server.h"

namespace advisor::server {

void BulkServerTest::SetUp() {
  absl::StatusOr<testing::InProcessServer> started = testing::StartInProcessServer();
  ASSERT_TRUE(started.ok()) << started.status();
  knowledge_base_ = std::move(started->knowledge_base);
  server_ = std::move(started->server);
  channel_ = std::move(started->channel);
  faqs_ = advisor::v1::FaqService::NewStub(channel_);
  roles_ = advisor::v1::RoleMatchingService::NewStub(channel_);
}

std::vector<std::string> BulkServerTest::FaqQuestions(int count) const {
  std::vector<std::string> questions;
  const int faq_count = knowledge_base_.faqs_size();
  for (int i = 0; i < count; ++i)
    questions.push_back(knowledge_base_.faqs(i % faq_count).question());
  return questions;
}

advisor::v1::AnswerQuestionResponse BulkServerTest::UnaryAnswer(const std::string& question) {
  advisor::v1::AnswerQuestionRequest request;
  request.set_question(question);
  advisor::v1::AnswerQuestionResponse response;
  const grpc::Status status =
      faqs_->AnswerQuestion(testing::CallContext().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  EXPECT_EQ(response.served_by().knowledge_base_version(), knowledge_base_.version());
  response.clear_served_by();
  return response;
}

}  // namespace advisor::server

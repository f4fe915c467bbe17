#ifndef ADVISOR_TESTS_API_BULK_TEST_SERVER_H_
#define ADVISOR_TESTS_API_BULK_TEST_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/knowledge_base.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include "service/server/advisor_server.h"
#include <grpcpp/grpcpp.h>

namespace advisor::server {

// The batch and stream tests' fixture: an in-process AdvisorServer
// (tests/support StartInProcessServer: 127.0.0.1, a free port, the embedded
// knowledge base) with FaqService and RoleMatchingService stubs, and the
// unary answers to compare batch and stream items with. Calls take their
// context from tests/support CallContext().
class BulkServerTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // The knowledge base's own FAQ questions, `count` of them, cycling.
  std::vector<std::string> FaqQuestions(int count) const;

  // The unary answer to `question`, to compare batch and stream answers
  // with: as a batch or stream item has it, without the knowledge base
  // version (which the enclosing response carries instead).
  advisor::v1::AnswerQuestionResponse UnaryAnswer(const std::string& question);

  advisor::v1::KnowledgeBase knowledge_base_;
  std::unique_ptr<AdvisorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<advisor::v1::FaqService::Stub> faqs_;
  std::unique_ptr<advisor::v1::RoleMatchingService::Stub> roles_;
};

}  // namespace advisor::server

#endif  // ADVISOR_TESTS_API_BULK_TEST_SERVER_H_

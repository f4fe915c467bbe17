#ifndef ADVISOR_TESTS_API_BULK_TEST_SERVER_H_
#define ADVISOR_TESTS_API_BULK_TEST_SERVER_H_

#include <chrono>
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

// Generous: only a hung server should ever hit it.
inline constexpr std::chrono::seconds kBulkCallTimeout(30);

// An in-process AdvisorServer on 127.0.0.1 (free port, embedded knowledge
// base) with FaqService and RoleMatchingService stubs, for the batch and
// stream tests.
class BulkServerTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // A context whose call fails rather than hangs if the server is stuck.
  static std::unique_ptr<grpc::ClientContext> Context();

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

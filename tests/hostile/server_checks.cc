#include "tests/hostile/server_checks.h"

#include <memory>

#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "tests/support/call_context.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {

void ExpectHealthyAndCorrect(const ServerProcess& server) {
  ASSERT_TRUE(server.IsRunning()) << "advisor_server died; stderr:\n" << server.Stderr();
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // A connection of its own.
  const std::shared_ptr<grpc::Channel> fresh =
      grpc::CreateCustomChannel(server.address(), grpc::InsecureChannelCredentials(), arguments);

  grpc::health::v1::HealthCheckRequest health_request;
  health_request.set_service("advisor.v1.FaqService");
  grpc::health::v1::HealthCheckResponse health;
  const grpc::Status health_status =
      grpc::health::v1::Health::NewStub(fresh)->Check(CallContext().get(), health_request, &health);
  ASSERT_TRUE(health_status.ok()) << health_status.error_message();
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  advisor::v1::GetFrameworkRequest get;
  get.set_name("torch");
  advisor::v1::GetFrameworkResponse framework;
  const grpc::Status get_status = advisor::v1::FrameworkService::NewStub(fresh)->GetFramework(
      CallContext().get(), get, &framework);
  ASSERT_TRUE(get_status.ok()) << get_status.error_message();
  EXPECT_EQ(framework.framework().display_name(), "PyTorch");

  advisor::v1::AnswerQuestionRequest question;
  question.set_question("Is learning only one deep learning framework enough for AI jobs?");
  advisor::v1::AnswerQuestionResponse answer;
  const grpc::Status answer_status = advisor::v1::FaqService::NewStub(fresh)->AnswerQuestion(
      CallContext().get(), question, &answer);
  ASSERT_TRUE(answer_status.ok()) << answer_status.error_message();
  EXPECT_TRUE(answer.answered());
  EXPECT_EQ(answer.faq_id(), "faq-one-framework-enough");
  EXPECT_TRUE(server.IsRunning());
}

}  // namespace advisor::testing

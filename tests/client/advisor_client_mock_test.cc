// How code written against AdvisorClient is unit-tested without a server:
// give the client a MockAdvisorConnection and script its answers.
#include <memory>

#include "advisor/client/client.h"
#include "advisor/client/mocks/mock_advisor_connection.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

using ::advisor::client_mocks::MockAdvisorConnection;
using ::testing::ElementsAre;
using ::testing::Property;
using ::testing::Return;

v1::Framework MakeFramework(const std::string& id) {
  v1::Framework framework;
  framework.set_id(id);
  framework.set_name("frameworks/" + id);
  return framework;
}

TEST(AdvisorClientMockTest, GetFrameworkSendsTheNameAndReturnsTheFramework) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  v1::GetFrameworkResponse response;
  *response.mutable_framework() = MakeFramework("keras");
  EXPECT_CALL(*mock, GetFramework(Property(&v1::GetFrameworkRequest::name, "keras")))
      .WillOnce(Return(response));
  AdvisorClient client(mock);
  auto framework = client.GetFramework("keras");
  ASSERT_TRUE(framework.ok()) << framework.status();
  EXPECT_EQ(framework->name(), "frameworks/keras");
}

TEST(AdvisorClientMockTest, GetFrameworkPassesErrorsThrough) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, GetFramework).WillOnce(Return(absl::NotFoundError("no such framework")));
  AdvisorClient client(mock);
  auto framework = client.GetFramework("caffe");
  EXPECT_EQ(framework.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(framework.status().message(), "no such framework");
}

TEST(AdvisorClientMockTest, ListAllFrameworksFollowsPageTokens) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  v1::ListFrameworksResponse first;
  *first.add_frameworks() = MakeFramework("pytorch");
  first.set_next_page_token("page-2");
  v1::ListFrameworksResponse second;
  *second.add_frameworks() = MakeFramework("keras");
  EXPECT_CALL(*mock, ListFrameworks(Property(&v1::ListFrameworksRequest::page_token, "")))
      .WillOnce(Return(first));
  EXPECT_CALL(*mock, ListFrameworks(Property(&v1::ListFrameworksRequest::page_token, "page-2")))
      .WillOnce(Return(second));
  AdvisorClient client(mock);
  auto all = client.ListAllFrameworks(1);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, ElementsAre(Property(&v1::Framework::id, "pytorch"),
                                Property(&v1::Framework::id, "keras")));
}

TEST(AdvisorClientMockTest, ListAllFrameworksStopsOnARepeatedToken) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  v1::ListFrameworksResponse looping;
  looping.set_next_page_token("again");
  EXPECT_CALL(*mock, ListFrameworks).Times(2).WillRepeatedly(Return(looping));
  AdvisorClient client(mock);
  EXPECT_EQ(client.ListAllFrameworks().status().code(), absl::StatusCode::kInternal);
}

TEST(AdvisorClientMockTest, ListAllFaqsReturnsTheFirstError) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, ListFaqs).WillOnce(Return(absl::InvalidArgumentError("bad page size")));
  AdvisorClient client(mock);
  EXPECT_EQ(client.ListAllFaqs(-1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(AdvisorClientMockTest, CompareFrameworksSendsNamesInOrder) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, CompareFrameworks(Property(&v1::CompareFrameworksRequest::names,
                                                ElementsAre("pytorch", "tf"))))
      .WillOnce(Return(v1::CompareFrameworksResponse{}));
  AdvisorClient client(mock);
  EXPECT_TRUE(client.CompareFrameworks({"pytorch", "tf"}).ok());
}

TEST(AdvisorClientMockTest, MatchRoleAndAnswerQuestionSendTheText) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, MatchRole(Property(&v1::MatchRoleRequest::description, "ML engineer")))
      .WillOnce(Return(v1::MatchRoleResponse{}));
  v1::AnswerQuestionResponse unanswered;
  unanswered.set_confidence(0.03);
  EXPECT_CALL(*mock, AnswerQuestion(Property(&v1::AnswerQuestionRequest::question, "why?")))
      .WillOnce(Return(unanswered));
  AdvisorClient client(mock);
  EXPECT_TRUE(client.MatchRole("ML engineer").ok());
  auto answer = client.AnswerQuestion("why?");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_FALSE(answer->answered());
}

TEST(AdvisorClientMockTest, CopiesShareTheConnection) {
  auto mock = std::make_shared<MockAdvisorConnection>();
  EXPECT_CALL(*mock, ListFaqs).Times(2).WillRepeatedly(Return(v1::ListFaqsResponse{}));
  AdvisorClient client(mock);
  AdvisorClient copy = client;
  EXPECT_TRUE(client.ListFaqs().ok());
  EXPECT_TRUE(copy.ListFaqs().ok());
}

// A connection that overrides nothing: every RPC is UNIMPLEMENTED, which is
// what keeps hand-written fakes compiling when the API grows.
TEST(AdvisorConnectionTest, DefaultsAreUnimplemented) {
  AdvisorClient client(std::make_shared<AdvisorConnection>());
  EXPECT_EQ(client.GetFramework("keras").status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(client.ListFrameworks().status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(client.CompareFrameworks({"a", "b"}).status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(client.MatchRole("x").status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(client.AnswerQuestion("x").status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(client.ListFaqs().status().code(), absl::StatusCode::kUnimplemented);
}

TEST(MakeAdvisorConnectionTest, InvalidOptionsFailEveryCall) {
  ClientOptions options;
  options.target.clear();
  AdvisorClient client(MakeAdvisorConnection(options));
  EXPECT_EQ(client.GetFramework("keras").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.AnswerQuestion("x").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace advisor::client

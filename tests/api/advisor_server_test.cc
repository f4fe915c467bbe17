// The service layer end to end in one process: AdvisorServer on 127.0.0.1
// with a free port and the embedded knowledge base, called over a real
// channel with the generated stubs.

#include "service/server/advisor_server.h"

#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include "service/engines/answer_scoring.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/support/call_context.h"
#include "tests/support/in_process_server.h"
#include "tests/support/reflection_probe.h"
#include <grpcpp/grpcpp.h>

namespace advisor::server {
namespace {

using ::advisor::testing::CallContext;
using ::advisor::v1::AnswerQuestionRequest;
using ::advisor::v1::AnswerQuestionResponse;
using ::advisor::v1::CompareFrameworksRequest;
using ::advisor::v1::CompareFrameworksResponse;
using ::advisor::v1::GetFrameworkRequest;
using ::advisor::v1::GetFrameworkResponse;
using ::advisor::v1::ListFaqsRequest;
using ::advisor::v1::ListFaqsResponse;
using ::advisor::v1::ListFrameworksRequest;
using ::advisor::v1::ListFrameworksResponse;
using ::advisor::v1::MatchRoleRequest;
using ::advisor::v1::MatchRoleResponse;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;

// Role matching ranks the frameworks the hiring patterns speak about: the
// seed's three, not the others the knowledge base describes.
constexpr int kRankedFrameworks = 3;
constexpr char kEnterpriseTitle[] = "Enterprise roles (banks, tech firms, consulting)";

class AdvisorServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<testing::InProcessServer> started = testing::StartInProcessServer();
    ASSERT_TRUE(started.ok()) << started.status();
    knowledge_base_ = std::move(started->knowledge_base);
    server_ = std::move(started->server);
    channel_ = std::move(started->channel);
    frameworks_ = advisor::v1::FrameworkService::NewStub(channel_);
    roles_ = advisor::v1::RoleMatchingService::NewStub(channel_);
    faqs_ = advisor::v1::FaqService::NewStub(channel_);
    health_ = grpc::health::v1::Health::NewStub(channel_);
  }

  grpc::Status GetFramework(const std::string& name, GetFrameworkResponse& response) {
    GetFrameworkRequest request;
    request.set_name(name);
    return frameworks_->GetFramework(CallContext().get(), request, &response);
  }

  grpc::Status ListFrameworks(int page_size, const std::string& page_token,
                              ListFrameworksResponse& response) {
    ListFrameworksRequest request;
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return frameworks_->ListFrameworks(CallContext().get(), request, &response);
  }

  grpc::Status Compare(const std::vector<std::string>& names, CompareFrameworksResponse& response) {
    CompareFrameworksRequest request;
    for (const std::string& name : names) request.add_names(name);
    return frameworks_->CompareFrameworks(CallContext().get(), request, &response);
  }

  grpc::Status MatchRole(const std::string& description, MatchRoleResponse& response) {
    MatchRoleRequest request;
    request.set_description(description);
    return roles_->MatchRole(CallContext().get(), request, &response);
  }

  grpc::Status Ask(const std::string& question, AnswerQuestionResponse& response) {
    AnswerQuestionRequest request;
    request.set_question(question);
    return faqs_->AnswerQuestion(CallContext().get(), request, &response);
  }

  grpc::Status ListFaqs(int page_size, const std::string& page_token, ListFaqsResponse& response) {
    ListFaqsRequest request;
    request.set_page_size(page_size);
    request.set_page_token(page_token);
    return faqs_->ListFaqs(CallContext().get(), request, &response);
  }

  const advisor::v1::Framework& KnowledgeBaseFramework(const std::string& id) const {
    for (const advisor::v1::Framework& framework : knowledge_base_.frameworks()) {
      if (framework.id() == id) return framework;
    }
    ADD_FAILURE() << "no framework " << id << " in the knowledge base";
    return advisor::v1::Framework::default_instance();
  }

  advisor::v1::KnowledgeBase knowledge_base_;
  std::unique_ptr<AdvisorServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<advisor::v1::FrameworkService::Stub> frameworks_;
  std::unique_ptr<advisor::v1::RoleMatchingService::Stub> roles_;
  std::unique_ptr<advisor::v1::FaqService::Stub> faqs_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

// --- Server ------------------------------------------------------------------

TEST_F(AdvisorServerTest, PortZeroBindsAFreePortAndReportsIt) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(server_->address(), absl::StrCat("127.0.0.1:", server_->port()));
}

TEST(AdvisorServerStartTest, RefusesMissingSnapshot) {
  AdvisorServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  EXPECT_EQ(AdvisorServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(AdvisorServerStartTest, RefusesPortOutOfRange) {
  absl::StatusOr<advisor::v1::KnowledgeBase> loaded = knowledge_base::LoadDefaultKnowledgeBase();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  AdvisorServerOptions options;
  options.host = "127.0.0.1";
  options.port = 65536;
  options.snapshot = engines::Snapshot::Build(*std::move(loaded));
  EXPECT_EQ(AdvisorServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorServerTest, PortInUseIsUnavailable) {
  AdvisorServerOptions options;
  options.host = "127.0.0.1";
  options.port = server_->port();
  options.snapshot = server_->snapshots().Current();
  EXPECT_EQ(AdvisorServer::Start(options).status().code(), absl::StatusCode::kUnavailable);
}

// --- FrameworkService --------------------------------------------------------

TEST_F(AdvisorServerTest, GetFrameworkByResourceName) {
  GetFrameworkResponse response;
  const grpc::Status status = GetFramework("frameworks/keras", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.framework().display_name(), "Keras");
  EXPECT_EQ(response.framework().name(), "frameworks/keras");
  EXPECT_EQ(response.framework().id(), "keras");
  EXPECT_EQ(response.framework().summary(), KnowledgeBaseFramework("keras").summary());
}

TEST_F(AdvisorServerTest, GetFrameworkByAlias) {
  GetFrameworkResponse response;
  const grpc::Status status = GetFramework("tf", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.framework().display_name(), "TensorFlow");
  EXPECT_EQ(response.framework().name(), "frameworks/tensorflow");
}

TEST_F(AdvisorServerTest, GetUnknownFrameworkIsNotFoundWithSuggestion) {
  GetFrameworkResponse response;
  // Two letters off: one letter off is found (FrameworkLookup).
  const grpc::Status status = GetFramework("tensrflw", response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("did you mean TensorFlow"));
}

TEST_F(AdvisorServerTest, GetEmptyFrameworkNameIsInvalidArgument) {
  GetFrameworkResponse response;
  EXPECT_EQ(GetFramework("", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, ListFrameworksPagesThroughAllInOrder) {
  ListFrameworksResponse first;
  grpc::Status status = ListFrameworks(2, "", first);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(first.frameworks_size(), 2);
  EXPECT_EQ(first.frameworks(0).name(), "frameworks/pytorch");
  EXPECT_EQ(first.frameworks(1).name(), "frameworks/tensorflow");
  EXPECT_EQ(first.total_size(), knowledge_base_.frameworks_size());
  ASSERT_FALSE(first.next_page_token().empty());

  ListFrameworksResponse second;
  status = ListFrameworks(2, first.next_page_token(), second);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(second.frameworks_size(), 2);
  EXPECT_EQ(second.frameworks(0).name(), "frameworks/keras");
  EXPECT_EQ(second.frameworks(0).display_name(), "Keras");
  EXPECT_EQ(second.total_size(), knowledge_base_.frameworks_size());

  // Page by page to the end, every framework once, in knowledge base order.
  int seen = 4;
  std::string token = second.next_page_token();
  while (!token.empty()) {
    ListFrameworksResponse page;
    status = ListFrameworks(2, token, page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& framework : page.frameworks()) {
      ASSERT_LT(seen, knowledge_base_.frameworks_size());
      EXPECT_EQ(framework.name(), knowledge_base_.frameworks(seen++).name());
    }
    token = page.next_page_token();
  }
  EXPECT_EQ(seen, knowledge_base_.frameworks_size());
}

TEST_F(AdvisorServerTest, ListFrameworksDefaultPageHoldsAll) {
  ListFrameworksResponse response;
  const grpc::Status status = ListFrameworks(0, "", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.frameworks_size(), knowledge_base_.frameworks_size());
  EXPECT_TRUE(response.next_page_token().empty());
}

TEST_F(AdvisorServerTest, ListFrameworksNegativePageSizeIsInvalidArgument) {
  ListFrameworksResponse response;
  EXPECT_EQ(ListFrameworks(-1, "", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, ListFrameworksForgedTokenIsInvalidArgument) {
  ListFrameworksResponse response;
  EXPECT_EQ(ListFrameworks(2, "offset=2", response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, ListFrameworksRefusesATokenFromListFaqs) {
  ListFaqsResponse faqs;
  const grpc::Status status = ListFaqs(2, "", faqs);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(faqs.next_page_token().empty());
  ListFrameworksResponse response;
  EXPECT_EQ(ListFrameworks(2, faqs.next_page_token(), response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, CompareFrameworksPutsThemSideBySide) {
  CompareFrameworksResponse response;
  const grpc::Status status = Compare({"PyTorch", "tf"}, response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.frameworks_size(), 2);

  const advisor::v1::FrameworkComparison& pytorch = response.frameworks(0);
  const advisor::v1::Framework& pytorch_source = KnowledgeBaseFramework("pytorch");
  EXPECT_EQ(pytorch.framework(), "frameworks/pytorch");
  EXPECT_EQ(pytorch.display_name(), "PyTorch");
  EXPECT_EQ(pytorch.summary(), pytorch_source.summary());
  EXPECT_THAT(pytorch.strengths(), ::testing::ElementsAreArray(pytorch_source.strengths()));
  EXPECT_THAT(pytorch.best_for(), ::testing::ElementsAreArray(pytorch_source.best_for()));

  const advisor::v1::FrameworkComparison& tensorflow = response.frameworks(1);
  EXPECT_EQ(tensorflow.framework(), "frameworks/tensorflow");
  EXPECT_EQ(tensorflow.display_name(), "TensorFlow");
  std::vector<std::string> employers;
  for (const advisor::v1::HiringPreference& preference : tensorflow.hired_by()) {
    employers.push_back(preference.employer());
    EXPECT_FALSE(preference.reason().empty()) << preference.employer();
  }
  EXPECT_THAT(employers, Contains(kEnterpriseTitle));

  EXPECT_GT(response.insights_size(), 0);
  EXPECT_EQ(response.advice(), knowledge_base_.general_advice());
}

TEST_F(AdvisorServerTest, CompareOneFrameworkIsInvalidArgument) {
  CompareFrameworksResponse response;
  EXPECT_EQ(Compare({"keras"}, response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, CompareUnknownFrameworkIsNotFound) {
  CompareFrameworksResponse response;
  const grpc::Status status = Compare({"keras", "caffe-nonexistent"}, response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("caffe-nonexistent"));
}

// --- RoleMatchingService -----------------------------------------------------

TEST_F(AdvisorServerTest, MatchRoleRanksTensorFlowFirstForABank) {
  MatchRoleResponse response;
  const grpc::Status status = MatchRole("ML engineer at a bank", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.matches_size(), kRankedFrameworks);
  EXPECT_EQ(response.matches(0).framework(), "frameworks/tensorflow");
  EXPECT_EQ(response.matches(0).display_name(), "TensorFlow");
  EXPECT_FALSE(response.matches(0).reasons().empty());
  for (int i = 0; i < response.matches_size(); ++i) {
    EXPECT_GE(response.matches(i).score(), 0.0);
    EXPECT_LE(response.matches(i).score(), 1.0);
    if (i > 0) {
      EXPECT_LE(response.matches(i).score(), response.matches(i - 1).score());
    }
  }
  EXPECT_THAT(response.recognized_roles(), Contains(kEnterpriseTitle));
  ASSERT_FALSE(response.learning_path().empty());
  for (const advisor::v1::LearningStep& step : response.learning_path()) {
    EXPECT_TRUE(absl::StartsWith(step.framework(), "frameworks/")) << step.framework();
    EXPECT_FALSE(step.display_name().empty());
    EXPECT_FALSE(step.why().empty());
  }
  EXPECT_FALSE(response.advice().empty());
}

TEST_F(AdvisorServerTest, MatchRoleRanksPyTorchFirstForResearch) {
  MatchRoleResponse response;
  const grpc::Status status = MatchRole("PhD student doing computer vision research", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(response.matches().empty());
  EXPECT_EQ(response.matches(0).display_name(), "PyTorch");
}

TEST_F(AdvisorServerTest, MatchRoleBlankDescriptionIsInvalidArgument) {
  MatchRoleResponse response;
  EXPECT_EQ(MatchRole("   ", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// --- FaqService --------------------------------------------------------------

TEST_F(AdvisorServerTest, AnswerQuestionGivesTheSeedAnswerWordForWord) {
  AnswerQuestionResponse response;
  const grpc::Status status =
      Ask("Why do startups prefer PyTorch over other frameworks today?", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.answered());
  EXPECT_EQ(response.faq_id(), "faq-startups-pytorch");
  EXPECT_EQ(response.question(), "Why do startups prefer PyTorch over other frameworks today?");
  // Word for word from the seed document's FAQ section.
  EXPECT_EQ(response.answer(),
            "PyTorch enables faster experimentation and offers greater flexibility, making it "
            "ideal for innovation.");
  EXPECT_GT(response.confidence(), 0.5);
  EXPECT_LE(response.confidence(), 1.0);
  EXPECT_LE(response.alternatives_size(), 3);
  EXPECT_EQ(response.source().kind(), advisor::v1::AnswerSource::KIND_FAQ);
  EXPECT_EQ(response.source().name(), "faqs/faq-startups-pytorch");
  for (const advisor::v1::FaqCandidate& alternative : response.alternatives()) {
    EXPECT_NE(alternative.source().name(), response.source().name());
    EXPECT_FALSE(alternative.answer().empty());
    // faq_id and question only for FAQ entries.
    EXPECT_EQ(alternative.question().empty(), alternative.faq_id().empty());
    EXPECT_EQ(alternative.source().kind() == advisor::v1::AnswerSource::KIND_FAQ,
              !alternative.faq_id().empty());
  }
}

TEST_F(AdvisorServerTest, AnswerQuestionAnswersFromAFrameworkFieldWithItsSource) {
  AnswerQuestionResponse response;
  const grpc::Status status = Ask("who developed tensorflow", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.answered());
  EXPECT_EQ(response.faq_id(), "");
  EXPECT_EQ(response.question(), "");
  EXPECT_EQ(response.answer(), "Google");
  EXPECT_EQ(response.source().kind(), advisor::v1::AnswerSource::KIND_FRAMEWORK);
  EXPECT_EQ(response.source().name(), "frameworks/tensorflow");
  EXPECT_EQ(response.source().field(), "developer");
  EXPECT_EQ(response.source().title(), "TensorFlow");
}

TEST_F(AdvisorServerTest, AnswerQuestionExplainsTheAnswerOnlyWhenAsked) {
  AnswerQuestionResponse plain;
  ASSERT_TRUE(Ask("who developed tensorflow", plain).ok());
  EXPECT_FALSE(plain.has_explanation());

  AnswerQuestionRequest request;
  request.set_question("who developed tensorflow");
  request.set_explain(true);
  AnswerQuestionResponse explained;
  const grpc::Status status = faqs_->AnswerQuestion(CallContext().get(), request, &explained);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // The same answer, with how it was chosen.
  explained.clear_explanation();
  EXPECT_EQ(explained.SerializeAsString(), plain.SerializeAsString());
  ASSERT_TRUE(faqs_->AnswerQuestion(CallContext().get(), request, &explained).ok());
  const advisor::v1::AnswerExplanation& explanation = explained.explanation();
  EXPECT_THAT(explanation.frameworks(), ::testing::ElementsAre("TensorFlow"));
  ASSERT_FALSE(explanation.model_labels().empty());
  EXPECT_EQ(explanation.model_labels(0).label(), "frameworks/*/developer");
  ASSERT_FALSE(explanation.candidates().empty());
  const advisor::v1::ExplainedCandidate& best = explanation.candidates(0);
  EXPECT_EQ(best.item(), "frameworks/tensorflow/developer");
  EXPECT_EQ(best.answer(), "Google");
  EXPECT_DOUBLE_EQ(best.confidence(), explained.confidence());
  // The confidence is the logistic function of the terms it lists.
  double logit = best.bias();
  for (const advisor::v1::CandidateSignal& signal : best.signals()) {
    logit += signal.value() * signal.weight();
  }
  EXPECT_NEAR(1 / (1 + std::exp(-logit)), best.confidence(), 1e-9);
  EXPECT_DOUBLE_EQ(explanation.answer_threshold(),
                   advisor::engines::ScoringParameters{}.answer_threshold);
}

TEST_F(AdvisorServerTest, AnswerQuestionAnswersFromTheArticleWithItsSection) {
  AnswerQuestionResponse response;
  const grpc::Status status = Ask("is the AI job market growing in India?", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.answered());
  EXPECT_EQ(response.source().kind(), advisor::v1::AnswerSource::KIND_DOCUMENT);
  EXPECT_EQ(response.source().name(), "documents/deep-learning-frameworks-2024");
  EXPECT_EQ(response.source().section(), "The Evolving AI Job Market");
  EXPECT_NE(response.answer().find("rapid growth"), std::string::npos) << response.answer();
  // The answer is the sentence; the passage is its whole paragraph.
  EXPECT_NE(response.source().passage().find(response.answer()), std::string::npos);
  EXPECT_GT(response.source().passage().size(), response.answer().size());
}

TEST_F(AdvisorServerTest, AnswerEmptyQuestionIsInvalidArgument) {
  AnswerQuestionResponse response;
  EXPECT_EQ(Ask("", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, AnswerOverlongQuestionIsInvalidArgument) {
  AnswerQuestionResponse response;
  EXPECT_EQ(Ask(std::string(4097, 'a'), response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AdvisorServerTest, OffTopicQuestionIsNotAnsweredAndLeavesAnswerFieldsEmpty) {
  AnswerQuestionResponse response;
  const grpc::Status status = Ask("How long should I bake a banana bread?", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(response.answered());
  EXPECT_EQ(response.faq_id(), "");
  EXPECT_EQ(response.question(), "");
  EXPECT_EQ(response.answer(), "");
  EXPECT_GE(response.confidence(), 0.0);
  EXPECT_LT(response.confidence(), 1.0);
}

TEST_F(AdvisorServerTest, ListFaqsReturnsEveryEntryWithResourceNames) {
  ListFaqsResponse response;
  const grpc::Status status = ListFaqs(0, "", response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.faqs_size(), knowledge_base_.faqs_size());
  EXPECT_EQ(response.total_size(), knowledge_base_.faqs_size());
  EXPECT_TRUE(response.next_page_token().empty());
  for (int i = 0; i < response.faqs_size(); ++i) {
    const advisor::v1::FaqEntry& source = knowledge_base_.faqs(i);
    EXPECT_EQ(response.faqs(i).name(), absl::StrCat("faqs/", source.id()));
    EXPECT_EQ(response.faqs(i).id(), source.id());
    EXPECT_EQ(response.faqs(i).question(), source.question());
    EXPECT_EQ(response.faqs(i).answer(), source.answer());
  }
  EXPECT_EQ(response.faqs(0).name(), "faqs/faq-popular-2024");
}

TEST_F(AdvisorServerTest, ListFaqsPagesEndWithAnEmptyToken) {
  std::vector<std::string> ids;
  std::string token;
  int pages = 0;
  do {
    ListFaqsResponse response;
    const grpc::Status status = ListFaqs(2, token, response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_LE(response.faqs_size(), 2);
    for (const advisor::v1::Faq& faq : response.faqs()) ids.push_back(faq.id());
    token = response.next_page_token();
    ASSERT_LT(++pages, 100) << "paging does not end";
  } while (!token.empty());
  ASSERT_EQ(static_cast<int>(ids.size()), knowledge_base_.faqs_size());
  for (int i = 0; i < knowledge_base_.faqs_size(); ++i) {
    EXPECT_EQ(ids[i], knowledge_base_.faqs(i).id());
  }
}

TEST_F(AdvisorServerTest, ListFaqsNegativePageSizeIsInvalidArgument) {
  ListFaqsResponse response;
  EXPECT_EQ(ListFaqs(-5, "", response).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// --- Health and reflection ---------------------------------------------------

TEST_F(AdvisorServerTest, HealthReportsEveryServiceServing) {
  for (const std::string service : {"", "advisor.v1.FrameworkService",
                                    "advisor.v1.RoleMatchingService", "advisor.v1.FaqService"}) {
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    const grpc::Status status = health_->Check(CallContext().get(), request, &response);
    ASSERT_TRUE(status.ok()) << service << ": " << status.error_message();
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }
}

TEST_F(AdvisorServerTest, HealthOfUnknownServiceIsNotFound) {
  HealthCheckRequest request;
  request.set_service("advisor.v1.NoSuchService");
  HealthCheckResponse response;
  EXPECT_EQ(health_->Check(CallContext().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(AdvisorServerTest, ShutdownTurnsHealthNotServingForWatchers) {
  HealthCheckRequest request;
  request.set_service("advisor.v1.FaqService");
  std::unique_ptr<grpc::ClientContext> context = CallContext();
  std::unique_ptr<grpc::ClientReader<HealthCheckResponse>> watch =
      health_->Watch(context.get(), request);
  HealthCheckResponse update;
  ASSERT_TRUE(watch->Read(&update));
  EXPECT_EQ(update.status(), HealthCheckResponse::SERVING);

  // Shutdown blocks until calls in flight end or the deadline passes, so it
  // runs aside while this thread sees the watch report the change.
  std::thread shutdown([this] { server_->Shutdown(absl::Now() + absl::Seconds(30)); });
  const bool updated = watch->Read(&update);
  context->TryCancel();
  shutdown.join();
  ASSERT_TRUE(updated);
  EXPECT_EQ(update.status(), HealthCheckResponse::NOT_SERVING);
}

TEST_F(AdvisorServerTest, ReflectionListsEveryService) {
  absl::StatusOr<std::vector<std::string>> services = testing::ListServices(channel_);
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services,
              IsSupersetOf({"advisor.v1.FrameworkService", "advisor.v1.RoleMatchingService",
                            "advisor.v1.FaqService", "grpc.health.v1.Health"}));
}

TEST_F(AdvisorServerTest, ReflectionDescribesTheAdvisorAndHealthServices) {
  for (const auto& [symbol, file] : std::vector<std::pair<std::string, std::string>>{
           {"advisor.v1.FaqService", "advisor/v1/faq_service.proto"},
           {"grpc.health.v1.Health", "grpc/health/v1/health.proto"}}) {
    absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> files =
        testing::FileContainingSymbol(channel_, symbol);
    ASSERT_TRUE(files.ok()) << symbol << ": " << files.status();
    ASSERT_FALSE(files->empty()) << symbol;
    EXPECT_EQ(files->front().name(), file);
  }
}

TEST_F(AdvisorServerTest, ReflectionCannotDescribeUnknownSymbols) {
  EXPECT_EQ(testing::FileContainingSymbol(channel_, "advisor.v1.NoSuchService").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace advisor::server

#include "tests/client/fake_advisor_server.h"

#include <cstdlib>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

namespace advisor::testing {
namespace {

std::string Metadata(const grpc::CallbackServerContext& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return "";
  return {it->second.data(), it->second.size()};
}

v1::Framework MakeFramework(const std::string& id, const std::string& display_name) {
  v1::Framework framework;
  framework.set_name("frameworks/" + id);
  framework.set_id(id);
  framework.set_display_name(display_name);
  return framework;
}

// An answer that is a whole framework field: no passage beside it.
void FillFrameworkFieldAnswer(v1::AnswerQuestionResponse& response) {
  response.set_answered(true);
  response.set_answer("The fake Keras team");
  response.set_confidence(0.9);
  v1::AnswerSource& source = *response.mutable_source();
  source.set_kind(v1::AnswerSource::KIND_FRAMEWORK);
  source.set_name("frameworks/keras");
  source.set_title("Keras");
  source.set_field("developer");
}

// An answer that is one sentence of a document paragraph, with a FAQ entry
// and a framework field as alternatives.
void FillDocumentAnswer(v1::AnswerQuestionResponse& response) {
  response.set_answered(true);
  response.set_answer("The fake market grows.");
  response.set_confidence(0.7);
  v1::AnswerSource& source = *response.mutable_source();
  source.set_kind(v1::AnswerSource::KIND_DOCUMENT);
  source.set_name("documents/fake-guide");
  source.set_title("A Fake Guide");
  source.set_section("The Fake Market");
  source.set_passage("The fake market grows. Fake skills are scarce.");
  v1::FaqCandidate& faq = *response.add_alternatives();
  faq.set_faq_id("faq-fake");
  faq.set_question("Is the fake market growing?");
  faq.set_confidence(0.4);
  faq.mutable_source()->set_kind(v1::AnswerSource::KIND_FAQ);
  faq.mutable_source()->set_name("faqs/faq-fake");
  v1::FaqCandidate& field = *response.add_alternatives();
  field.set_confidence(0.3);
  field.set_answer("Fake strengths.");
  field.mutable_source()->set_kind(v1::AnswerSource::KIND_FRAMEWORK);
  field.mutable_source()->set_name("frameworks/pytorch");
  field.mutable_source()->set_title("PyTorch");
}

}  // namespace

FakeAdvisorServer::FakeAdvisorServer(std::shared_ptr<grpc::ServerCredentials> credentials) {
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", std::move(credentials), &port);
  builder.RegisterService(static_cast<v1::FrameworkService::CallbackService*>(this));
  builder.RegisterService(static_cast<v1::RoleMatchingService::CallbackService*>(this));
  builder.RegisterService(static_cast<v1::FaqService::CallbackService*>(this));
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port == 0) std::abort();  // Nothing to test without a server.
  target_ = absl::StrCat("127.0.0.1:", port);
}

FakeAdvisorServer::~FakeAdvisorServer() {
  {
    absl::MutexLock lock(&mu_);
    for (auto* reactor : hanging_) reactor->Finish(grpc::Status::CANCELLED);
    hanging_.clear();
  }
  server_->Shutdown();
}

void FakeAdvisorServer::FailNextMatchRoles(int count) {
  absl::MutexLock lock(&mu_);
  match_role_failures_left_ = count;
}

int FakeAdvisorServer::match_role_calls() {
  absl::MutexLock lock(&mu_);
  return match_role_calls_;
}

std::string FakeAdvisorServer::last_authorization() {
  absl::MutexLock lock(&mu_);
  return last_authorization_;
}

std::string FakeAdvisorServer::last_user_agent() {
  absl::MutexLock lock(&mu_);
  return last_user_agent_;
}

grpc::ServerUnaryReactor* FakeAdvisorServer::GetFramework(grpc::CallbackServerContext* context,
                                                          const v1::GetFrameworkRequest* request,
                                                          v1::GetFrameworkResponse* response) {
  {
    absl::MutexLock lock(&mu_);
    last_authorization_ = Metadata(*context, "authorization");
    last_user_agent_ = Metadata(*context, "user-agent");
  }
  auto* reactor = context->DefaultReactor();
  if (request->name() != "keras") {
    reactor->Finish(grpc::Status(grpc::StatusCode::NOT_FOUND,
                                 absl::StrCat("framework '", request->name(), "' not found")));
    return reactor;
  }
  *response->mutable_framework() = MakeFramework("keras", "Keras");
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* FakeAdvisorServer::ListFrameworks(
    grpc::CallbackServerContext* context, const v1::ListFrameworksRequest* request,
    v1::ListFrameworksResponse* response) {
  v1::Framework const all[] = {MakeFramework("pytorch", "PyTorch"),
                               MakeFramework("tensorflow", "TensorFlow"),
                               MakeFramework("keras", "Keras")};
  const int total = 3;
  int start = 0;
  auto* reactor = context->DefaultReactor();
  if (!request->page_token().empty() &&
      (!absl::SimpleAtoi(request->page_token(), &start) || start < 0 || start >= total)) {
    reactor->Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad page token"));
    return reactor;
  }
  const int size = request->page_size() > 0 ? request->page_size() : total;
  const int end = std::min(total, start + size);
  for (int i = start; i < end; ++i) *response->add_frameworks() = all[i];
  if (end < total) response->set_next_page_token(absl::StrCat(end));
  response->set_total_size(total);
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* FakeAdvisorServer::CompareFrameworks(
    grpc::CallbackServerContext* context, const v1::CompareFrameworksRequest* request,
    v1::CompareFrameworksResponse* response) {
  for (const auto& name : request->names()) {
    auto* column = response->add_frameworks();
    column->set_framework("frameworks/" + name);
    column->set_display_name(name);
  }
  auto* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* FakeAdvisorServer::MatchRole(grpc::CallbackServerContext* context,
                                                       const v1::MatchRoleRequest* /*request*/,
                                                       v1::MatchRoleResponse* response) {
  bool fail = false;
  {
    absl::MutexLock lock(&mu_);
    ++match_role_calls_;
    if (match_role_failures_left_ > 0) {
      --match_role_failures_left_;
      fail = true;
    }
  }
  auto* reactor = context->DefaultReactor();
  if (fail) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "try again"));
    return reactor;
  }
  auto* match = response->add_matches();
  match->set_framework("frameworks/pytorch");
  match->set_display_name("PyTorch");
  match->set_score(0.9);
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* FakeAdvisorServer::AnswerQuestion(
    grpc::CallbackServerContext* context, const v1::AnswerQuestionRequest* request,
    v1::AnswerQuestionResponse* response) {
  auto* reactor = context->DefaultReactor();
  if (request->question() == "hang") {
    absl::MutexLock lock(&mu_);
    hanging_.push_back(reactor);
    return reactor;
  }
  if (request->question() == kFrameworkFieldQuestion) {
    FillFrameworkFieldAnswer(*response);
  } else if (request->question() == kDocumentQuestion) {
    FillDocumentAnswer(*response);
  } else {
    response->set_answered(true);
    response->set_faq_id("faq-fake");
    response->set_answer("A canned answer.");
    response->set_confidence(1.0);
  }
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* FakeAdvisorServer::ListFaqs(grpc::CallbackServerContext* context,
                                                      const v1::ListFaqsRequest* /*request*/,
                                                      v1::ListFaqsResponse* response) {
  for (const char* id : {"faq-one", "faq-two"}) {
    auto* faq = response->add_faqs();
    faq->set_id(id);
    faq->set_name(absl::StrCat("faqs/", id));
  }
  response->set_total_size(2);
  auto* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace advisor::testing

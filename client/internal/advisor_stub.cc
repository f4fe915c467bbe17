#include "client/internal/advisor_stub.h"

#include <condition_variable>
#include <mutex>
#include <utility>

#include "client/internal/grpc_answer_stream.h"
#include "client/internal/status_conversion.h"

namespace advisor::client_internal {

class PendingCalls {
 public:
  // Held by one async call from its start until it has fully finished.
  class Ticket {
   public:
    explicit Ticket(std::shared_ptr<PendingCalls> calls) : calls_(std::move(calls)) {
      const std::lock_guard<std::mutex> lock(calls_->mu_);
      ++calls_->count_;
    }
    ~Ticket() {
      const std::lock_guard<std::mutex> lock(calls_->mu_);
      if (--calls_->count_ == 0) calls_->none_left_.notify_all();
    }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

   private:
    // Keeps the counter alive past the stub, until this ticket is done.
    const std::shared_ptr<PendingCalls> calls_;
  };

  void WaitUntilNone() {
    std::unique_lock<std::mutex> lock(mu_);
    none_left_.wait(lock, [this] { return count_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable none_left_;
  int count_ = 0;
};

namespace {

// Runs one generated unary call and turns its outcome into a StatusOr.
template <typename Response, typename Call>
absl::StatusOr<Response> Invoke(Call&& call) {
  Response response;
  grpc::Status status = std::forward<Call>(call)(&response);
  if (!status.ok()) return MakeStatusFromRpcError(status);
  return response;
}

// Starts one generated callback-API unary call. What the call points into
// (context, request copy, response) lives on the heap until it completes,
// then is freed after `done` has run; only then does the call stop
// counting in `pending`.
template <typename Request, typename Response, typename Start>
void AsyncInvoke(const std::shared_ptr<PendingCalls>& pending,
                 std::unique_ptr<grpc::ClientContext> context, const Request& request,
                 Callback<Response> done, Start&& start) {
  struct Call {
    // First, so destroyed last: after the context, which holds a reference
    // to the channel.
    PendingCalls::Ticket ticket;
    std::unique_ptr<grpc::ClientContext> context;
    Request request;
    Response response;
    Callback<Response> done;
  };
  auto* call = new Call{PendingCalls::Ticket(pending), std::move(context), request, Response(),
                        std::move(done)};
  std::forward<Start>(start)(call->context.get(), &call->request, &call->response,
                             [call](const grpc::Status& status) {
                               std::unique_ptr<Call> owned(call);
                               if (!status.ok()) {
                                 owned->done(MakeStatusFromRpcError(status));
                               } else {
                                 owned->done(std::move(owned->response));
                               }
                             });
}

}  // namespace

DefaultAdvisorStub::DefaultAdvisorStub(
    std::unique_ptr<v1::FrameworkService::StubInterface> frameworks,
    std::unique_ptr<v1::RoleMatchingService::StubInterface> roles,
    std::unique_ptr<v1::FaqService::StubInterface> faqs)
    : frameworks_(std::move(frameworks)),
      roles_(std::move(roles)),
      faqs_(std::move(faqs)),
      pending_(std::make_shared<PendingCalls>()) {}

DefaultAdvisorStub::~DefaultAdvisorStub() { pending_->WaitUntilNone(); }

absl::StatusOr<v1::GetFrameworkResponse> DefaultAdvisorStub::GetFramework(
    grpc::ClientContext& context, const v1::GetFrameworkRequest& request) {
  return Invoke<v1::GetFrameworkResponse>([&](v1::GetFrameworkResponse* response) {
    return frameworks_->GetFramework(&context, request, response);
  });
}

absl::StatusOr<v1::ListFrameworksResponse> DefaultAdvisorStub::ListFrameworks(
    grpc::ClientContext& context, const v1::ListFrameworksRequest& request) {
  return Invoke<v1::ListFrameworksResponse>([&](v1::ListFrameworksResponse* response) {
    return frameworks_->ListFrameworks(&context, request, response);
  });
}

absl::StatusOr<v1::CompareFrameworksResponse> DefaultAdvisorStub::CompareFrameworks(
    grpc::ClientContext& context, const v1::CompareFrameworksRequest& request) {
  return Invoke<v1::CompareFrameworksResponse>([&](v1::CompareFrameworksResponse* response) {
    return frameworks_->CompareFrameworks(&context, request, response);
  });
}

absl::StatusOr<v1::MatchRoleResponse> DefaultAdvisorStub::MatchRole(
    grpc::ClientContext& context, const v1::MatchRoleRequest& request) {
  return Invoke<v1::MatchRoleResponse>([&](v1::MatchRoleResponse* response) {
    return roles_->MatchRole(&context, request, response);
  });
}

absl::StatusOr<v1::BatchMatchRolesResponse> DefaultAdvisorStub::BatchMatchRoles(
    grpc::ClientContext& context, const v1::BatchMatchRolesRequest& request) {
  return Invoke<v1::BatchMatchRolesResponse>([&](v1::BatchMatchRolesResponse* response) {
    return roles_->BatchMatchRoles(&context, request, response);
  });
}

absl::StatusOr<v1::AnswerQuestionResponse> DefaultAdvisorStub::AnswerQuestion(
    grpc::ClientContext& context, const v1::AnswerQuestionRequest& request) {
  return Invoke<v1::AnswerQuestionResponse>([&](v1::AnswerQuestionResponse* response) {
    return faqs_->AnswerQuestion(&context, request, response);
  });
}

absl::StatusOr<v1::BatchAnswerQuestionsResponse> DefaultAdvisorStub::BatchAnswerQuestions(
    grpc::ClientContext& context, const v1::BatchAnswerQuestionsRequest& request) {
  return Invoke<v1::BatchAnswerQuestionsResponse>([&](v1::BatchAnswerQuestionsResponse* response) {
    return faqs_->BatchAnswerQuestions(&context, request, response);
  });
}

absl::StatusOr<v1::ListFaqsResponse> DefaultAdvisorStub::ListFaqs(
    grpc::ClientContext& context, const v1::ListFaqsRequest& request) {
  return Invoke<v1::ListFaqsResponse>(
      [&](v1::ListFaqsResponse* response) { return faqs_->ListFaqs(&context, request, response); });
}

void DefaultAdvisorStub::AsyncGetFramework(std::unique_ptr<grpc::ClientContext> context,
                                           const v1::GetFrameworkRequest& request,
                                           Callback<v1::GetFrameworkResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    frameworks_->async()->GetFramework(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncListFrameworks(std::unique_ptr<grpc::ClientContext> context,
                                             const v1::ListFrameworksRequest& request,
                                             Callback<v1::ListFrameworksResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    frameworks_->async()->ListFrameworks(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncCompareFrameworks(std::unique_ptr<grpc::ClientContext> context,
                                                const v1::CompareFrameworksRequest& request,
                                                Callback<v1::CompareFrameworksResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    frameworks_->async()->CompareFrameworks(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncMatchRole(std::unique_ptr<grpc::ClientContext> context,
                                        const v1::MatchRoleRequest& request,
                                        Callback<v1::MatchRoleResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    roles_->async()->MatchRole(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncBatchMatchRoles(std::unique_ptr<grpc::ClientContext> context,
                                              const v1::BatchMatchRolesRequest& request,
                                              Callback<v1::BatchMatchRolesResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    roles_->async()->BatchMatchRoles(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncAnswerQuestion(std::unique_ptr<grpc::ClientContext> context,
                                             const v1::AnswerQuestionRequest& request,
                                             Callback<v1::AnswerQuestionResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    faqs_->async()->AnswerQuestion(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncBatchAnswerQuestions(
    std::unique_ptr<grpc::ClientContext> context, const v1::BatchAnswerQuestionsRequest& request,
    Callback<v1::BatchAnswerQuestionsResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    faqs_->async()->BatchAnswerQuestions(std::forward<decltype(args)>(args)...);
  });
}

void DefaultAdvisorStub::AsyncListFaqs(std::unique_ptr<grpc::ClientContext> context,
                                       const v1::ListFaqsRequest& request,
                                       Callback<v1::ListFaqsResponse> done) {
  AsyncInvoke(pending_, std::move(context), request, std::move(done), [this](auto&&... args) {
    faqs_->async()->ListFaqs(std::forward<decltype(args)>(args)...);
  });
}

std::unique_ptr<client::AnswerStream> DefaultAdvisorStub::StreamAnswers(
    std::unique_ptr<grpc::ClientContext> context) {
  return std::make_unique<GrpcAnswerStream>(*faqs_, std::move(context));
}

}  // namespace advisor::client_internal

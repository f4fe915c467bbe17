#ifndef ADVISOR_TESTS_CLIENT_FAKE_ADVISOR_SERVER_H_
#define ADVISOR_TESTS_CLIENT_FAKE_ADVISOR_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>

namespace advisor::testing {

// Questions the fake answers with a source (see FakeAdvisorServer).
inline constexpr char kFrameworkFieldQuestion[] = "who develops fake keras?";
inline constexpr char kDocumentQuestion[] = "is the fake market growing?";

// An in-process gRPC server with canned answers, on 127.0.0.1 and a port
// the OS picks, for testing the SDK over a real channel:
// - GetFramework("keras") returns Keras; any other name is NOT_FOUND.
// - ListFrameworks serves PyTorch, TensorFlow, Keras, `page_size` at a time.
// - CompareFrameworks returns one column per name, in order.
// - MatchRole fails with UNAVAILABLE as often as FailNextMatchRoles says,
//   then succeeds.
// - AnswerQuestion("hang") never answers (until the server stops);
//   kFrameworkFieldQuestion is answered from a framework field and
//   kDocumentQuestion from a sentence of a document (both with a source);
//   any other question gets a fixed FAQ answer without a source, as a
//   server from before sources existed would give.
// - ListFaqs returns two entries.
// It records the `authorization` and `user-agent` metadata of the last
// GetFramework call.
class FakeAdvisorServer final : public v1::FrameworkService::CallbackService,
                                public v1::RoleMatchingService::CallbackService,
                                public v1::FaqService::CallbackService {
 public:
  // Listens with `credentials`: plaintext by default, or e.g. TLS.
  explicit FakeAdvisorServer(
      std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials());
  // Finishes the calls left hanging, then stops the server.
  ~FakeAdvisorServer() override;

  FakeAdvisorServer(const FakeAdvisorServer&) = delete;
  FakeAdvisorServer& operator=(const FakeAdvisorServer&) = delete;

  // `127.0.0.1:<port>`.
  std::string target() const { return target_; }
  // Makes the next `count` MatchRole calls fail with UNAVAILABLE.
  void FailNextMatchRoles(int count);
  // MatchRole calls received so far, failed ones included.
  int match_role_calls();
  // `authorization` metadata of the last GetFramework call ("" if none).
  std::string last_authorization();
  // `user-agent` metadata of the last GetFramework call.
  std::string last_user_agent();

  grpc::ServerUnaryReactor* GetFramework(grpc::CallbackServerContext* context,
                                         const v1::GetFrameworkRequest* request,
                                         v1::GetFrameworkResponse* response) override;
  grpc::ServerUnaryReactor* ListFrameworks(grpc::CallbackServerContext* context,
                                           const v1::ListFrameworksRequest* request,
                                           v1::ListFrameworksResponse* response) override;
  grpc::ServerUnaryReactor* CompareFrameworks(grpc::CallbackServerContext* context,
                                              const v1::CompareFrameworksRequest* request,
                                              v1::CompareFrameworksResponse* response) override;
  grpc::ServerUnaryReactor* MatchRole(grpc::CallbackServerContext* context,
                                      const v1::MatchRoleRequest* request,
                                      v1::MatchRoleResponse* response) override;
  grpc::ServerUnaryReactor* AnswerQuestion(grpc::CallbackServerContext* context,
                                           const v1::AnswerQuestionRequest* request,
                                           v1::AnswerQuestionResponse* response) override;
  grpc::ServerUnaryReactor* ListFaqs(grpc::CallbackServerContext* context,
                                     const v1::ListFaqsRequest* request,
                                     v1::ListFaqsResponse* response) override;

 private:
  absl::Mutex mu_;
  int match_role_failures_left_ ABSL_GUARDED_BY(mu_) = 0;
  int match_role_calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::string last_authorization_ ABSL_GUARDED_BY(mu_);
  std::string last_user_agent_ ABSL_GUARDED_BY(mu_);
  std::vector<grpc::ServerUnaryReactor*> hanging_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<grpc::Server> server_;
  std::string target_;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_CLIENT_FAKE_ADVISOR_SERVER_H_

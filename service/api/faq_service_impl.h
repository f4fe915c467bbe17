#ifndef ADVISOR_SERVICE_API_FAQ_SERVICE_IMPL_H_
#define ADVISOR_SERVICE_API_FAQ_SERVICE_IMPL_H_

#include "advisor/v1/faq_service.grpc.pb.h"
#include "service/api/snapshot_source.h"
#include <grpcpp/grpcpp.h>

namespace advisor::api {

// advisor.v1.FaqService over engines::FaqAnswerer and the knowledge base's
// FAQ list: translates between protos and the engine, nothing more. Each
// call takes the current snapshot once (a stream: once per request). Stateless apart from
// `snapshots`, which must outlive it. Thread-safe.
class FaqServiceImpl final : public advisor::v1::FaqService::CallbackService {
 public:
  explicit FaqServiceImpl(const SnapshotSource& snapshots);

  grpc::ServerUnaryReactor* AnswerQuestion(grpc::CallbackServerContext* context,
                                           const advisor::v1::AnswerQuestionRequest* request,
                                           advisor::v1::AnswerQuestionResponse* response) override;

  grpc::ServerUnaryReactor* ListFaqs(grpc::CallbackServerContext* context,
                                     const advisor::v1::ListFaqsRequest* request,
                                     advisor::v1::ListFaqsResponse* response) override;

  grpc::ServerUnaryReactor* BatchAnswerQuestions(
      grpc::CallbackServerContext* context, const advisor::v1::BatchAnswerQuestionsRequest* request,
      advisor::v1::BatchAnswerQuestionsResponse* response) override;

  // Each stream gets its own StreamAnswersReactor (kStreamAnswersWindow).
  grpc::ServerBidiReactor<advisor::v1::StreamAnswersRequest, advisor::v1::StreamAnswersResponse>*
  StreamAnswers(grpc::CallbackServerContext* context) override;

 private:
  const SnapshotSource& snapshots_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_FAQ_SERVICE_IMPL_H_

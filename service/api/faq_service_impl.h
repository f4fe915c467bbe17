#ifndef ADVISOR_SERVICE_API_FAQ_SERVICE_IMPL_H_
#define ADVISOR_SERVICE_API_FAQ_SERVICE_IMPL_H_

#include "advisor/v1/faq_service.grpc.pb.h"
#include "service/api/calls/serve_unary.h"
#include <grpcpp/grpcpp.h>

namespace advisor::api {

// advisor.v1.FaqService over engines::KnowledgeAnswerer and the knowledge base's
// FAQ list: translates between protos and the engine, nothing more. Each
// call takes the current snapshot once (a stream: once per request). Stateless apart from
// `environment`. Thread-safe.
class FaqServiceImpl final
    : public advisor::v1::FaqService::WithCallbackMethod_StreamAnswers<
          advisor::v1::FaqService::WithRawCallbackMethod_AnswerQuestion<
              advisor::v1::FaqService::WithRawCallbackMethod_ListFaqs<
                  advisor::v1::FaqService::WithRawCallbackMethod_BatchAnswerQuestions<
                      advisor::v1::FaqService::Service>>>> {
 public:
  explicit FaqServiceImpl(ServiceEnvironment environment);

  grpc::ServerUnaryReactor* AnswerQuestion(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* ListFaqs(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* request,
                                     grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* BatchAnswerQuestions(grpc::CallbackServerContext* context,
                                                 const grpc::ByteBuffer* request,
                                                 grpc::ByteBuffer* response) override;

  // Each stream gets its own StreamAnswersReactor (kStreamAnswersWindow).
  grpc::ServerBidiReactor<advisor::v1::StreamAnswersRequest, advisor::v1::StreamAnswersResponse>*
  StreamAnswers(grpc::CallbackServerContext* context) override;

 private:
  const ServiceEnvironment environment_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_FAQ_SERVICE_IMPL_H_

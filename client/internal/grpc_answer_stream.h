#ifndef ADVISOR_CLIENT_INTERNAL_GRPC_ANSWER_STREAM_H_
#define ADVISOR_CLIENT_INTERNAL_GRPC_ANSWER_STREAM_H_

#include <memory>

#include "advisor/client/answer_stream.h"
#include "advisor/v1/faq_service.grpc.pb.h"
#include <grpcpp/client_context.h>
#include <grpcpp/support/sync_stream.h>

namespace advisor::client_internal {

// AnswerStream over gRPC's blocking bidirectional stream. Owns the call's
// context, which must outlive the stream object gRPC hands out.
class GrpcAnswerStream : public client::AnswerStream {
 public:
  // Opens the stream on `stub` with `context` (deadline and metadata set).
  GrpcAnswerStream(v1::FaqService::StubInterface& stub,
                   std::unique_ptr<grpc::ClientContext> context);

  bool Write(const v1::StreamAnswersRequest& request) override;
  bool WritesDone() override;
  bool Read(v1::StreamAnswersResponse* response) override;
  void Cancel() override;
  absl::Status Finish() override;

 private:
  // Declared first: `stream_` uses it until it is destroyed.
  std::unique_ptr<grpc::ClientContext> context_;
  std::unique_ptr<
      grpc::ClientReaderWriterInterface<v1::StreamAnswersRequest, v1::StreamAnswersResponse>>
      stream_;
};

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_GRPC_ANSWER_STREAM_H_

#include "client/internal/grpc_answer_stream.h"

#include <utility>

#include "client/internal/status_conversion.h"

namespace advisor::client_internal {

GrpcAnswerStream::GrpcAnswerStream(v1::FaqService::StubInterface& stub,
                                   std::unique_ptr<grpc::ClientContext> context)
    : context_(std::move(context)), stream_(stub.StreamAnswers(context_.get())) {}

bool GrpcAnswerStream::Write(const v1::StreamAnswersRequest& request) {
  return stream_->Write(request);
}

bool GrpcAnswerStream::WritesDone() { return stream_->WritesDone(); }

bool GrpcAnswerStream::Read(v1::StreamAnswersResponse* response) { return stream_->Read(response); }

void GrpcAnswerStream::Cancel() { context_->TryCancel(); }

absl::Status GrpcAnswerStream::Finish() { return MakeStatusFromRpcError(stream_->Finish()); }

}  // namespace advisor::client_internal

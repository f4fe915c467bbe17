#include "tests/hostile/raw_unary_call.h"

#include <future>
#include <vector>

#include "absl/time/clock.h"

#include <grpcpp/generic/generic_stub.h>

namespace advisor::testing {

RawReply RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& method,
                      absl::string_view request, absl::Duration timeout, bool wait_for_ready) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  context.set_wait_for_ready(wait_for_ready);
  const grpc::Slice slice(request.data(), request.size());
  const grpc::ByteBuffer request_buffer(&slice, 1);
  grpc::ByteBuffer response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&done](const grpc::Status& status) { done.set_value(status); });
  RawReply reply;
  reply.status = done.get_future().get();
  if (reply.status.ok()) {
    std::vector<grpc::Slice> slices;
    if (response_buffer.Dump(&slices).ok()) {
      for (const grpc::Slice& part : slices) {
        reply.response.append(reinterpret_cast<const char*>(part.begin()), part.size());
      }
    }
  }
  return reply;
}

}  // namespace advisor::testing

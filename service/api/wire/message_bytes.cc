#include "service/api/wire/message_bytes.h"

#include <cstdint>
#include <string>

#include <grpcpp/support/slice.h>

namespace advisor::api {

void SetSlice(grpc::Slice slice, grpc::ByteBuffer* bytes) {
  grpc::ByteBuffer buffer(&slice, 1);
  bytes->Swap(&buffer);
}

bool ParseMessage(const grpc::ByteBuffer& bytes, google::protobuf::MessageLite* message) {
  grpc::Slice slice;
  // Requests of a few KiB arrive in one slice; larger ones are joined once.
  if (!bytes.TrySingleSlice(&slice).ok() && !bytes.DumpToSingleSlice(&slice).ok()) return false;
  return message->ParseFromArray(slice.begin(), static_cast<int>(slice.size()));
}

grpc::Status UnparsableRequestStatus() {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      "the request is not a valid message for this method: a string field holds "
                      "invalid UTF-8, or the bytes are not the method's protobuf request");
}

void SerializeMessage(const google::protobuf::MessageLite& message, grpc::ByteBuffer* bytes) {
  grpc::Slice slice(message.ByteSizeLong());
  message.SerializeWithCachedSizesToArray(const_cast<uint8_t*>(slice.begin()));
  SetSlice(std::move(slice), bytes);
}

}  // namespace advisor::api

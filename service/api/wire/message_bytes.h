#ifndef ADVISOR_SERVICE_API_WIRE_MESSAGE_BYTES_H_
#define ADVISOR_SERVICE_API_WIRE_MESSAGE_BYTES_H_

#include <cstdint>
#include <utility>

#include "google/protobuf/message_lite.h"

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>
#include <grpcpp/support/status.h>

namespace advisor::api {

// Conversions between protobuf messages and the bytes of a raw gRPC method
// (one registered with ByteBuffer request and response). Raw methods let
// the server parse requests itself, so a malformed one gets a clear
// INVALID_ARGUMENT (gRPC 1.51 answers it with an empty UNIMPLEMENTED), and
// send prebuilt response bytes.

// Parses `bytes` into `message`; false when they are not a valid encoding
// of it (including invalid UTF-8 in a string field).
bool ParseMessage(const grpc::ByteBuffer& bytes, google::protobuf::MessageLite* message);

// The status for a request ParseMessage refused.
grpc::Status UnparsableRequestStatus();

// Replaces `bytes` with the encoding of `message`, in one slice.
void SerializeMessage(const google::protobuf::MessageLite& message, grpc::ByteBuffer* bytes);

// Replaces `bytes` with the one slice `slice` (a reference to its bytes,
// not a copy).
void SetSlice(grpc::Slice slice, grpc::ByteBuffer* bytes);

// Replaces `bytes` with what `encoder` writes (see MatchRoleResponseEncoder):
// size() bytes, into one slice.
template <typename Encoder>
void SetEncodedMessage(const Encoder& encoder, grpc::ByteBuffer* bytes) {
  grpc::Slice slice(encoder.size());
  encoder.Write(const_cast<uint8_t*>(slice.begin()));
  SetSlice(std::move(slice), bytes);
}

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_WIRE_MESSAGE_BYTES_H_

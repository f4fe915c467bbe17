#include "tests/support/reflection_probe.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include "tests/support/call_context.h"
#include <google/protobuf/unknown_field_set.h>
#include <grpcpp/client_context.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

namespace advisor::testing {
namespace {

using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

constexpr char kMethod[] = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

// Field numbers of grpc/reflection/v1alpha/reflection.proto.
constexpr int kRequestFileContainingSymbol = 4;
constexpr int kRequestListServices = 7;
constexpr int kResponseFileDescriptors = 4;
constexpr int kResponseListServices = 6;
constexpr int kResponseError = 7;
constexpr int kFileDescriptorProtoBytes = 1;  // FileDescriptorResponse
constexpr int kListedService = 1;             // ListServiceResponse
constexpr int kServiceName = 1;               // ServiceResponse
constexpr int kErrorMessage = 2;              // ErrorResponse

// Runs one completion-queue operation to its end; false if it failed.
bool Await(grpc::CompletionQueue& queue, void* expected_tag) {
  void* tag = nullptr;
  bool ok = false;
  if (!queue.Next(&tag, &ok)) return false;
  return ok && tag == expected_tag;
}

// Sends `request` (a serialized ServerReflectionRequest) on a new stream and
// returns the serialized response.
absl::StatusOr<std::string> RoundTrip(const std::shared_ptr<grpc::Channel>& channel,
                                      const std::string& request) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  const std::unique_ptr<grpc::ClientContext> context = CallContext();
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(context.get(), kMethod, &queue);

  int start_tag = 0;
  int write_tag = 0;
  int read_tag = 0;
  int finish_tag = 0;
  grpc::ByteBuffer response;
  grpc::Status status;
  call->StartCall(&start_tag);
  bool ok = Await(queue, &start_tag);
  if (ok) {
    grpc::Slice slice(request);
    call->WriteLast(grpc::ByteBuffer(&slice, 1), grpc::WriteOptions(), &write_tag);
    ok = Await(queue, &write_tag);
  }
  bool read_ok = false;
  if (ok) {
    call->Read(&response, &read_tag);
    read_ok = Await(queue, &read_tag);
  }
  call->Finish(&status, &finish_tag);
  Await(queue, &finish_tag);
  queue.Shutdown();
  void* ignored_tag = nullptr;
  bool ignored_ok = false;
  while (queue.Next(&ignored_tag, &ignored_ok)) {
  }

  if (!status.ok()) {
    // Test-only shortcut: gRPC and Abseil number their codes identically.
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("reflection call failed: ", status.error_message()));
  }
  if (!read_ok) return absl::InternalError("reflection stream ended without a response");
  grpc::Slice single;
  if (!response.DumpToSingleSlice(&single).ok()) {
    return absl::InternalError("cannot read the reflection response");
  }
  return std::string(reinterpret_cast<const char*>(single.begin()), single.size());
}

// Reads the fields of a (sub)message; false if it is malformed. The
// field set can be neither copied nor moved, hence the out-parameter.
bool ParseFields(const std::string& bytes, UnknownFieldSet& fields) {
  return fields.ParseFromString(bytes);
}

// The submessage that answers the request (field `expected_number` of
// ServerReflectionResponse), or the server's reflection error.
absl::Status ResponseBody(const std::string& response, int expected_number, UnknownFieldSet& body) {
  UnknownFieldSet fields;
  if (!ParseFields(response, fields)) return absl::InternalError("malformed reflection response");
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& field = fields.field(i);
    if (field.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    if (field.number() == expected_number) {
      if (!ParseFields(field.length_delimited(), body)) {
        return absl::InternalError("malformed reflection response body");
      }
      return absl::OkStatus();
    }
    if (field.number() == kResponseError) {
      UnknownFieldSet error;
      std::string message;
      if (ParseFields(field.length_delimited(), error)) {
        for (int j = 0; j < error.field_count(); ++j) {
          if (error.field(j).number() == kErrorMessage &&
              error.field(j).type() == UnknownField::TYPE_LENGTH_DELIMITED) {
            message = error.field(j).length_delimited();
          }
        }
      }
      return absl::NotFoundError(absl::StrCat("reflection error: ", message));
    }
  }
  return absl::InternalError("reflection response lacks the expected field");
}

std::string EncodeRequest(int field_number, const std::string& value) {
  UnknownFieldSet request;
  request.AddLengthDelimited(field_number, value);
  std::string bytes;
  request.SerializeToString(&bytes);
  return bytes;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ListServices(
    const std::shared_ptr<grpc::Channel>& channel) {
  absl::StatusOr<std::string> response =
      RoundTrip(channel, EncodeRequest(kRequestListServices, "*"));
  if (!response.ok()) return response.status();
  UnknownFieldSet list;
  if (absl::Status body = ResponseBody(*response, kResponseListServices, list); !body.ok()) {
    return body;
  }
  std::vector<std::string> names;
  for (int i = 0; i < list.field_count(); ++i) {
    if (list.field(i).number() != kListedService) continue;
    UnknownFieldSet service;
    if (!ParseFields(list.field(i).length_delimited(), service)) {
      return absl::InternalError("malformed ServiceResponse");
    }
    for (int j = 0; j < service.field_count(); ++j) {
      if (service.field(j).number() == kServiceName) {
        names.push_back(service.field(j).length_delimited());
      }
    }
  }
  return names;
}

absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> FileContainingSymbol(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& symbol) {
  absl::StatusOr<std::string> response =
      RoundTrip(channel, EncodeRequest(kRequestFileContainingSymbol, symbol));
  if (!response.ok()) return response.status();
  UnknownFieldSet files;
  if (absl::Status body = ResponseBody(*response, kResponseFileDescriptors, files); !body.ok()) {
    return body;
  }
  std::vector<google::protobuf::FileDescriptorProto> descriptors;
  for (int i = 0; i < files.field_count(); ++i) {
    if (files.field(i).number() != kFileDescriptorProtoBytes) continue;
    google::protobuf::FileDescriptorProto descriptor;
    if (!descriptor.ParseFromString(files.field(i).length_delimited())) {
      return absl::InternalError("malformed FileDescriptorProto in reflection response");
    }
    descriptors.push_back(std::move(descriptor));
  }
  return descriptors;
}

}  // namespace advisor::testing

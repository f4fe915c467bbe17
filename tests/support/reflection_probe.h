#ifndef ADVISOR_TESTS_SUPPORT_REFLECTION_PROBE_H_
#define ADVISOR_TESTS_SUPPORT_REFLECTION_PROBE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

#include <google/protobuf/descriptor.pb.h>
#include <grpcpp/channel.h>

namespace advisor::testing {

// A minimal client of grpc.reflection.v1alpha.ServerReflection, the only
// reflection version gRPC 1.51 serves. Debian ships no headers for the
// reflection protos, so requests and responses are encoded at the wire
// level through a generic stub; one request per stream is all tests need.

// The fully qualified names of the services the server lists.
// UNAVAILABLE etc. as the call fails; INTERNAL for a reply that is not a
// service list.
absl::StatusOr<std::vector<std::string>> ListServices(
    const std::shared_ptr<grpc::Channel>& channel);

// The file descriptors the server sends for the file that defines `symbol`
// (e.g. "grpc.health.v1.Health"), that file first. NOT_FOUND when the server
// answers with a reflection error (it cannot describe the symbol).
absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> FileContainingSymbol(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& symbol);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_REFLECTION_PROBE_H_

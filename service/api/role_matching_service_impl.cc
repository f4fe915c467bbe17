#include "service/api/role_matching_service_impl.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"

#include "service/api/calls/serve_unary.h"
#include "service/api/item_results.h"
#include "service/api/match_conversion.h"
#include "service/api/status_conversion.h"
#include "service/engines/role_matcher.h"

namespace advisor::api {
namespace {

using advisor::v1::BatchMatchRolesRequest;
using advisor::v1::BatchMatchRolesResponse;
using advisor::v1::MatchRoleRequest;
using advisor::v1::MatchRoleResponse;

constexpr absl::string_view kMatchRoleMethod = "/advisor.v1.RoleMatchingService/MatchRole";
constexpr absl::string_view kBatchMatchRolesMethod =
    "/advisor.v1.RoleMatchingService/BatchMatchRoles";

absl::Status FillBatch(const engines::Snapshot& snapshot, const BatchMatchRolesRequest& request,
                       BatchMatchRolesResponse& response) {
  if (absl::Status size = CheckBatchSize(request.requests_size()); !size.ok()) return size;
  response.mutable_results()->Reserve(request.requests_size());
  for (const MatchRoleRequest& item : request.requests()) {
    FillItemResult(*response.add_results(),
                   [&](MatchRoleResponse& match) { return FillMatch(snapshot, item, match); });
  }
  return absl::OkStatus();
}

}  // namespace

RoleMatchingServiceImpl::RoleMatchingServiceImpl(ServiceEnvironment environment)
    : environment_(environment) {}

grpc::ServerUnaryReactor* RoleMatchingServiceImpl::MatchRole(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  return ServeUnaryBytes<MatchRoleRequest>(
      {environment_, kMatchRoleMethod, context, request, response},
      [](const ServingSnapshot& serving, const MatchRoleRequest& role, CallArena& /*arena*/,
         grpc::ByteBuffer* bytes) { return WriteMatch(serving, role, bytes); });
}

grpc::ServerUnaryReactor* RoleMatchingServiceImpl::BatchMatchRoles(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return ServeUnaryMessage<BatchMatchRolesRequest, BatchMatchRolesResponse>(
      {environment_, kBatchMatchRolesMethod, context, request, response}, FillBatch);
}

}  // namespace advisor::api

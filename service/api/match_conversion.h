#ifndef ADVISOR_SERVICE_API_MATCH_CONVERSION_H_
#define ADVISOR_SERVICE_API_MATCH_CONVERSION_H_

#include "absl/status/status.h"

#include "advisor/v1/role_matching_service.pb.h"
#include "service/api/snapshot_source.h"
#include "service/engines/snapshot.h"
#include <grpcpp/support/byte_buffer.h>

// The one conversion between a MatchRole request and its response, shared
// by the unary and batch RPCs of RoleMatchingService.
namespace advisor::api {

// Matches `request` against `snapshot` into `response` (which must be
// empty). INVALID_ARGUMENT as engines::RoleMatcher::Match.
absl::Status FillMatch(const engines::Snapshot& snapshot,
                       const advisor::v1::MatchRoleRequest& request,
                       advisor::v1::MatchRoleResponse& response);

// As FillMatch, straight into response bytes (MatchRoleResponseEncoder),
// with the served_by of `serving`: the unary RPC's response.
absl::Status WriteMatch(const ServingSnapshot& serving,
                        const advisor::v1::MatchRoleRequest& request, grpc::ByteBuffer* bytes);

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_MATCH_CONVERSION_H_

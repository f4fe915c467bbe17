#include "service/api/role_matching_service_impl.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"

#include "service/api/item_results.h"
#include "service/api/serve_unary.h"
#include "service/api/status_conversion.h"
#include "service/engines/role_matcher.h"

namespace advisor::api {
namespace {

using advisor::v1::BatchMatchRolesRequest;
using advisor::v1::BatchMatchRolesResponse;
using advisor::v1::MatchRoleRequest;
using advisor::v1::MatchRoleResponse;

absl::Status FillMatch(const engines::Snapshot& snapshot, const MatchRoleRequest& request,
                       MatchRoleResponse& response) {
  absl::StatusOr<engines::RoleMatch> match = snapshot.roles().Match(request.description());
  if (!match.ok()) return match.status();
  response.mutable_matches()->Reserve(static_cast<int>(match->fits.size()));
  for (engines::FrameworkFit& fit : match->fits) {
    advisor::v1::FrameworkMatch* out = response.add_matches();
    out->set_framework(fit.framework->name());
    out->set_display_name(fit.framework->display_name());
    out->set_score(fit.score);
    for (std::string& reason : fit.reasons) out->add_reasons(std::move(reason));
  }
  for (engines::LearningStep& step : match->learning_path) {
    advisor::v1::LearningStep* out = response.add_learning_path();
    out->set_framework(step.framework->name());
    out->set_display_name(step.framework->display_name());
    out->set_why(std::move(step.why));
  }
  response.set_advice(std::move(match->advice));
  for (const advisor::v1::HiringPattern* pattern : match->recognized) {
    response.add_recognized_roles(pattern->title());
  }
  return absl::OkStatus();
}

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

RoleMatchingServiceImpl::RoleMatchingServiceImpl(const SnapshotSource& snapshots)
    : snapshots_(snapshots) {}

grpc::ServerUnaryReactor* RoleMatchingServiceImpl::MatchRole(grpc::CallbackServerContext* context,
                                                             const MatchRoleRequest* request,
                                                             MatchRoleResponse* response) {
  return ServeUnary(context, snapshots_, *request, *response, FillMatch);
}

grpc::ServerUnaryReactor* RoleMatchingServiceImpl::BatchMatchRoles(
    grpc::CallbackServerContext* context, const BatchMatchRolesRequest* request,
    BatchMatchRolesResponse* response) {
  return ServeUnary(context, snapshots_, *request, *response, FillBatch);
}

}  // namespace advisor::api

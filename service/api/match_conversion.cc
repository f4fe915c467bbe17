#include "service/api/match_conversion.h"

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "service/api/message_bytes.h"
#include "service/api/response_encoders.h"
#include "service/engines/role_matcher.h"

namespace advisor::api {

using advisor::v1::MatchRoleRequest;
using advisor::v1::MatchRoleResponse;

absl::Status FillMatch(const engines::Snapshot& snapshot, const MatchRoleRequest& request,
                       MatchRoleResponse& response) {
  absl::StatusOr<engines::RoleMatch> match = snapshot.roles().Match(request.description());
  if (!match.ok()) return match.status();
  response.mutable_matches()->Reserve(static_cast<int>(match->fits.size()));
  for (const engines::FrameworkFit& fit : match->fits) {
    advisor::v1::FrameworkMatch* out = response.add_matches();
    out->set_framework(fit.framework->name());
    out->set_display_name(fit.framework->display_name());
    out->set_score(fit.score);
    for (absl::string_view reason : fit.reasons) out->add_reasons(reason.data(), reason.size());
  }
  for (const engines::LearningStep& step : match->learning_path) {
    advisor::v1::LearningStep* out = response.add_learning_path();
    out->set_framework(step.framework->name());
    out->set_display_name(step.framework->display_name());
    out->set_why(step.why.data(), step.why.size());
  }
  response.set_advice(match->advice.data(), match->advice.size());
  for (const advisor::v1::HiringPattern* pattern : match->recognized) {
    response.add_recognized_roles(pattern->title());
  }
  return absl::OkStatus();
}

absl::Status WriteMatch(const ServingSnapshot& serving, const MatchRoleRequest& request,
                        grpc::ByteBuffer* bytes) {
  absl::StatusOr<engines::RoleMatch> match = serving.snapshot->roles().Match(request.description());
  if (!match.ok()) return match.status();
  SetEncodedMessage(MatchRoleResponseEncoder(*match, serving.encoded_served_by), bytes);
  return absl::OkStatus();
}

}  // namespace advisor::api

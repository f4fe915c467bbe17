#include "service/api/match_conversion.h"

#include <cassert>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "service/api/wire/message_bytes.h"
#include "service/api/wire/wire_writer.h"
#include "service/engines/role_matcher.h"

namespace advisor::api {

using advisor::v1::FrameworkMatch;
using advisor::v1::LearningStep;
using advisor::v1::MatchRoleRequest;
using advisor::v1::MatchRoleResponse;

namespace {

size_t FrameworkMatchSize(const engines::FrameworkFit& fit) {
  size_t size =
      wire::StringSize(FrameworkMatch::kFrameworkFieldNumber, fit.framework->name()) +
      wire::StringSize(FrameworkMatch::kDisplayNameFieldNumber, fit.framework->display_name()) +
      wire::DoubleSize(FrameworkMatch::kScoreFieldNumber, fit.score);
  for (const auto& reason : fit.reasons) {
    size += wire::RepeatedStringSize(FrameworkMatch::kReasonsFieldNumber, reason);
  }
  return size;
}

uint8_t* WriteFrameworkMatch(const engines::FrameworkFit& fit, uint8_t* out) {
  out = wire::WriteString(FrameworkMatch::kFrameworkFieldNumber, fit.framework->name(), out);
  out = wire::WriteString(FrameworkMatch::kDisplayNameFieldNumber, fit.framework->display_name(),
                          out);
  out = wire::WriteDouble(FrameworkMatch::kScoreFieldNumber, fit.score, out);
  for (const auto& reason : fit.reasons) {
    out = wire::WriteRepeatedString(FrameworkMatch::kReasonsFieldNumber, reason, out);
  }
  return out;
}

size_t LearningStepSize(const engines::LearningStep& step) {
  return wire::StringSize(LearningStep::kFrameworkFieldNumber, step.framework->name()) +
         wire::StringSize(LearningStep::kDisplayNameFieldNumber, step.framework->display_name()) +
         wire::StringSize(LearningStep::kWhyFieldNumber, step.why);
}

uint8_t* WriteLearningStep(const engines::LearningStep& step, uint8_t* out) {
  out = wire::WriteString(LearningStep::kFrameworkFieldNumber, step.framework->name(), out);
  out =
      wire::WriteString(LearningStep::kDisplayNameFieldNumber, step.framework->display_name(), out);
  return wire::WriteString(LearningStep::kWhyFieldNumber, step.why, out);
}

}  // namespace

MatchRoleResponseEncoder::MatchRoleResponseEncoder(const engines::RoleMatch& match,
                                                   absl::string_view encoded_served_by)
    : match_(match), encoded_served_by_(encoded_served_by) {
  for (const engines::FrameworkFit& fit : match.fits) {
    nested_sizes_.push_back(FrameworkMatchSize(fit));
    size_ +=
        wire::LengthDelimitedSize(MatchRoleResponse::kMatchesFieldNumber, nested_sizes_.back());
  }
  for (const engines::LearningStep& step : match.learning_path) {
    nested_sizes_.push_back(LearningStepSize(step));
    size_ += wire::LengthDelimitedSize(MatchRoleResponse::kLearningPathFieldNumber,
                                       nested_sizes_.back());
  }
  size_ += wire::StringSize(MatchRoleResponse::kAdviceFieldNumber, match.advice);
  for (const advisor::v1::HiringPattern* pattern : match.recognized) {
    size_ +=
        wire::RepeatedStringSize(MatchRoleResponse::kRecognizedRolesFieldNumber, pattern->title());
  }
  size_ += wire::EncodedMessageSize(MatchRoleResponse::kServedByFieldNumber, encoded_served_by_);
}

void MatchRoleResponseEncoder::Write(uint8_t* out) const {
  [[maybe_unused]] const uint8_t* const start = out;
  size_t nested = 0;
  for (const engines::FrameworkFit& fit : match_.fits) {
    out = wire::WriteLengthDelimitedHeader(MatchRoleResponse::kMatchesFieldNumber,
                                           nested_sizes_[nested++], out);
    out = WriteFrameworkMatch(fit, out);
  }
  for (const engines::LearningStep& step : match_.learning_path) {
    out = wire::WriteLengthDelimitedHeader(MatchRoleResponse::kLearningPathFieldNumber,
                                           nested_sizes_[nested++], out);
    out = WriteLearningStep(step, out);
  }
  out = wire::WriteString(MatchRoleResponse::kAdviceFieldNumber, match_.advice, out);
  for (const advisor::v1::HiringPattern* pattern : match_.recognized) {
    out = wire::WriteRepeatedString(MatchRoleResponse::kRecognizedRolesFieldNumber,
                                    pattern->title(), out);
  }
  [[maybe_unused]] const uint8_t* const end =
      wire::WriteEncodedMessage(MatchRoleResponse::kServedByFieldNumber, encoded_served_by_, out);
  assert(static_cast<size_t>(end - start) == size_);
}

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

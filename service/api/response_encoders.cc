#include "service/api/response_encoders.h"

#include <cassert>

#include "absl/strings/string_view.h"

#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"
#include "service/api/wire_writer.h"

namespace advisor::api {
namespace {

using advisor::v1::AnswerQuestionResponse;
using advisor::v1::FaqCandidate;
using advisor::v1::FrameworkMatch;
using advisor::v1::LearningStep;
using advisor::v1::MatchRoleResponse;

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

size_t FaqCandidateSize(const engines::FaqCandidate& candidate) {
  return wire::StringSize(FaqCandidate::kFaqIdFieldNumber, candidate.entry->id()) +
         wire::StringSize(FaqCandidate::kQuestionFieldNumber, candidate.entry->question()) +
         wire::DoubleSize(FaqCandidate::kConfidenceFieldNumber, candidate.confidence);
}

uint8_t* WriteFaqCandidate(const engines::FaqCandidate& candidate, uint8_t* out) {
  out = wire::WriteString(FaqCandidate::kFaqIdFieldNumber, candidate.entry->id(), out);
  out = wire::WriteString(FaqCandidate::kQuestionFieldNumber, candidate.entry->question(), out);
  return wire::WriteDouble(FaqCandidate::kConfidenceFieldNumber, candidate.confidence, out);
}

// The answered FAQ, or null when the answer fields stay empty.
const advisor::v1::FaqEntry* AnsweredEntry(const engines::FaqAnswer& answer) {
  return answer.answered ? answer.best : nullptr;
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

AnswerQuestionResponseEncoder::AnswerQuestionResponseEncoder(const engines::FaqAnswer& answer,
                                                             absl::string_view encoded_served_by)
    : answer_(answer), encoded_served_by_(encoded_served_by) {
  size_ = wire::BoolSize(AnswerQuestionResponse::kAnsweredFieldNumber, answer.answered);
  if (const advisor::v1::FaqEntry* entry = AnsweredEntry(answer)) {
    size_ += wire::StringSize(AnswerQuestionResponse::kFaqIdFieldNumber, entry->id()) +
             wire::StringSize(AnswerQuestionResponse::kQuestionFieldNumber, entry->question()) +
             wire::StringSize(AnswerQuestionResponse::kAnswerFieldNumber, entry->answer());
  }
  size_ += wire::DoubleSize(AnswerQuestionResponse::kConfidenceFieldNumber, answer.confidence);
  for (const engines::FaqCandidate& candidate : answer.alternatives) {
    candidate_sizes_.push_back(FaqCandidateSize(candidate));
    size_ += wire::LengthDelimitedSize(AnswerQuestionResponse::kAlternativesFieldNumber,
                                       candidate_sizes_.back());
  }
  size_ +=
      wire::EncodedMessageSize(AnswerQuestionResponse::kServedByFieldNumber, encoded_served_by_);
}

void AnswerQuestionResponseEncoder::Write(uint8_t* out) const {
  [[maybe_unused]] const uint8_t* const start = out;
  out = wire::WriteBool(AnswerQuestionResponse::kAnsweredFieldNumber, answer_.answered, out);
  if (const advisor::v1::FaqEntry* entry = AnsweredEntry(answer_)) {
    out = wire::WriteString(AnswerQuestionResponse::kFaqIdFieldNumber, entry->id(), out);
    out = wire::WriteString(AnswerQuestionResponse::kQuestionFieldNumber, entry->question(), out);
    out = wire::WriteString(AnswerQuestionResponse::kAnswerFieldNumber, entry->answer(), out);
  }
  out = wire::WriteDouble(AnswerQuestionResponse::kConfidenceFieldNumber, answer_.confidence, out);
  size_t index = 0;
  for (const engines::FaqCandidate& candidate : answer_.alternatives) {
    out = wire::WriteLengthDelimitedHeader(AnswerQuestionResponse::kAlternativesFieldNumber,
                                           candidate_sizes_[index++], out);
    out = WriteFaqCandidate(candidate, out);
  }
  [[maybe_unused]] const uint8_t* const end = wire::WriteEncodedMessage(
      AnswerQuestionResponse::kServedByFieldNumber, encoded_served_by_, out);
  assert(static_cast<size_t>(end - start) == size_);
}

}  // namespace advisor::api

#ifndef ADVISOR_SERVICE_API_ANSWER_CONVERSION_H_
#define ADVISOR_SERVICE_API_ANSWER_CONVERSION_H_

#include "absl/status/status.h"

#include "advisor/v1/faq_service.pb.h"
#include "service/engines/snapshot.h"

// The one conversion between an AnswerQuestion request and its response,
// shared by the unary, batch and stream RPCs of FaqService.
namespace advisor::api {

// Answers `request` from `snapshot` into `response` (which must be empty).
// INVALID_ARGUMENT as engines::KnowledgeAnswerer::Answer.
absl::Status FillAnswer(const engines::Snapshot& snapshot,
                        const advisor::v1::AnswerQuestionRequest& request,
                        advisor::v1::AnswerQuestionResponse& response);

// FillAnswer into a per-item result: the answer, or the item's error.
void FillAnswerResult(const engines::Snapshot& snapshot,
                      const advisor::v1::AnswerQuestionRequest& request,
                      advisor::v1::AnswerQuestionResult& result);

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_ANSWER_CONVERSION_H_

#include "service/api/answer_conversion.h"

#include "absl/status/statusor.h"

#include "service/api/item_results.h"
#include "service/api/message_bytes.h"
#include "service/api/response_encoders.h"
#include "service/engines/faq_answerer.h"

namespace advisor::api {

absl::Status FillAnswer(const engines::Snapshot& snapshot,
                        const advisor::v1::AnswerQuestionRequest& request,
                        advisor::v1::AnswerQuestionResponse& response) {
  absl::StatusOr<engines::FaqAnswer> answer = snapshot.faqs().Answer(request.question());
  if (!answer.ok()) return answer.status();
  response.set_answered(answer->answered);
  // The API promises empty answer fields when the question is not covered,
  // even though the engine may still name its best (too weak) guess.
  if (answer->answered && answer->best != nullptr) {
    response.set_faq_id(answer->best->id());
    response.set_question(answer->best->question());
    response.set_answer(answer->best->answer());
  }
  response.set_confidence(answer->confidence);
  for (const engines::FaqCandidate& candidate : answer->alternatives) {
    advisor::v1::FaqCandidate* out = response.add_alternatives();
    out->set_faq_id(candidate.entry->id());
    out->set_question(candidate.entry->question());
    out->set_confidence(candidate.confidence);
  }
  return absl::OkStatus();
}

absl::Status WriteAnswer(const ServingSnapshot& serving,
                         const advisor::v1::AnswerQuestionRequest& request,
                         grpc::ByteBuffer* bytes) {
  absl::StatusOr<engines::FaqAnswer> answer = serving.snapshot->faqs().Answer(request.question());
  if (!answer.ok()) return answer.status();
  SetEncodedMessage(AnswerQuestionResponseEncoder(*answer, serving.encoded_served_by), bytes);
  return absl::OkStatus();
}

void FillAnswerResult(const engines::Snapshot& snapshot,
                      const advisor::v1::AnswerQuestionRequest& request,
                      advisor::v1::AnswerQuestionResult& result) {
  FillItemResult(result, [&](advisor::v1::AnswerQuestionResponse& response) {
    return FillAnswer(snapshot, request, response);
  });
}

}  // namespace advisor::api

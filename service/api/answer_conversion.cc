#include "service/api/answer_conversion.h"

#include <string>

#include "absl/status/statusor.h"

#include "service/api/item_results.h"
#include "service/engines/knowledge_answerer.h"

namespace advisor::api {
namespace {

using advisor::v1::AnswerSource;

AnswerSource::Kind ToProto(engines::SourceKind kind) {
  switch (kind) {
    case engines::SourceKind::kFaq:
      return AnswerSource::KIND_FAQ;
    case engines::SourceKind::kFramework:
      return AnswerSource::KIND_FRAMEWORK;
    case engines::SourceKind::kHiringPattern:
      return AnswerSource::KIND_HIRING_PATTERN;
    case engines::SourceKind::kInsight:
      return AnswerSource::KIND_INSIGHT;
    case engines::SourceKind::kAdvice:
      return AnswerSource::KIND_ADVICE;
    case engines::SourceKind::kDocument:
      return AnswerSource::KIND_DOCUMENT;
  }
  return AnswerSource::KIND_UNSPECIFIED;
}

// `answer` is the part of the passage that answered.
void FillSource(const engines::Passage& passage, absl::string_view answer, AnswerSource& source) {
  source.set_kind(ToProto(passage.kind));
  source.set_name(passage.name);
  source.set_title(passage.title);
  source.set_field(passage.field);
  // The passage only when it says more than the answer: not sent twice.
  if (answer.size() != passage.text.size()) {
    source.set_passage(passage.text.data(), passage.text.size());
  }
  source.set_section(passage.section);
}

// The answer, its FAQ entry when one answered, and its source, into an
// AnswerQuestionResponse or a FaqCandidate (the same fields in both).
template <typename Message>
void FillCandidate(const engines::AnswerCandidate& candidate, Message& out) {
  const engines::Passage& passage = *candidate.passage;
  if (passage.faq != nullptr) {
    out.set_faq_id(passage.faq->id());
    out.set_question(passage.faq->question());
  }
  out.set_answer(candidate.answer.data(), candidate.answer.size());
  FillSource(passage, candidate.answer, *out.mutable_source());
}

}  // namespace

absl::Status FillAnswer(const engines::Snapshot& snapshot,
                        const advisor::v1::AnswerQuestionRequest& request,
                        advisor::v1::AnswerQuestionResponse& response) {
  absl::StatusOr<engines::KnowledgeAnswer> answer = snapshot.answers().Answer(request.question());
  if (!answer.ok()) return answer.status();
  response.set_answered(answer->answered);
  response.set_confidence(answer->best.confidence);
  // The API promises empty answer fields when the question is not covered,
  // even though the engine may still name its best (too weak) guess.
  if (answer->answered) FillCandidate(answer->best, response);
  for (const engines::AnswerCandidate& candidate : answer->alternatives) {
    advisor::v1::FaqCandidate& out = *response.add_alternatives();
    out.set_confidence(candidate.confidence);
    FillCandidate(candidate, out);
  }
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

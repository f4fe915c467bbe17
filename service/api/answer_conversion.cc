#include "service/api/answer_conversion.h"

#include <cassert>
#include <string>

#include "absl/status/statusor.h"

#include "service/api/item_results.h"
#include "service/api/wire/message_bytes.h"
#include "service/api/wire/wire_writer.h"
#include "service/engines/context_token.h"
#include "service/engines/knowledge_answerer.h"

namespace advisor::api {
namespace {

using advisor::v1::AnswerQuestionResponse;
using advisor::v1::AnswerSource;
using advisor::v1::FaqCandidate;

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

// The passage only when it says more than the answer: not sent twice.
absl::string_view PassageBesides(const engines::Passage& passage, absl::string_view answer) {
  return answer.size() != passage.text.size() ? passage.text : absl::string_view();
}

// `answer` is the part of the passage that answered.
void FillSource(const engines::Passage& passage, absl::string_view answer, AnswerSource& source) {
  source.set_kind(ToProto(passage.kind));
  source.set_name(passage.name);
  source.set_title(passage.title);
  source.set_field(passage.field);
  const absl::string_view besides = PassageBesides(passage, answer);
  if (!besides.empty()) source.set_passage(besides.data(), besides.size());
  source.set_section(passage.section);
  source.set_url(passage.url);
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

// FillSource's AnswerSource, encoded.
size_t SourceSize(const engines::AnswerCandidate& candidate) {
  const engines::Passage& passage = *candidate.passage;
  return wire::EnumSize(AnswerSource::kKindFieldNumber, ToProto(passage.kind)) +
         wire::StringSize(AnswerSource::kNameFieldNumber, passage.name) +
         wire::StringSize(AnswerSource::kTitleFieldNumber, passage.title) +
         wire::StringSize(AnswerSource::kFieldFieldNumber, passage.field) +
         wire::StringSize(AnswerSource::kPassageFieldNumber,
                          PassageBesides(passage, candidate.answer)) +
         wire::StringSize(AnswerSource::kSectionFieldNumber, passage.section) +
         wire::StringSize(AnswerSource::kUrlFieldNumber, passage.url);
}

uint8_t* WriteSource(const engines::AnswerCandidate& candidate, uint8_t* out) {
  const engines::Passage& passage = *candidate.passage;
  out = wire::WriteEnum(AnswerSource::kKindFieldNumber, ToProto(passage.kind), out);
  out = wire::WriteString(AnswerSource::kNameFieldNumber, passage.name, out);
  out = wire::WriteString(AnswerSource::kTitleFieldNumber, passage.title, out);
  out = wire::WriteString(AnswerSource::kFieldFieldNumber, passage.field, out);
  out = wire::WriteString(AnswerSource::kPassageFieldNumber,
                          PassageBesides(passage, candidate.answer), out);
  out = wire::WriteString(AnswerSource::kSectionFieldNumber, passage.section, out);
  return wire::WriteString(AnswerSource::kUrlFieldNumber, passage.url, out);
}

// A passage the answer joins, as a source that carries its text in
// `passage` (no answer of its own was taken from it).
engines::AnswerCandidate WholePassage(const engines::Passage& passage) {
  return engines::AnswerCandidate{&passage, absl::string_view(), 0};
}

absl::string_view FaqId(const engines::Passage& passage) {
  return passage.faq != nullptr ? absl::string_view(passage.faq->id()) : absl::string_view();
}

absl::string_view FaqQuestion(const engines::Passage& passage) {
  return passage.faq != nullptr ? absl::string_view(passage.faq->question()) : absl::string_view();
}

// An alternative's FaqCandidate, encoded, around a source of `source_size`.
size_t AlternativeSize(const engines::AnswerCandidate& candidate, size_t source_size) {
  const engines::Passage& passage = *candidate.passage;
  return wire::StringSize(FaqCandidate::kFaqIdFieldNumber, FaqId(passage)) +
         wire::StringSize(FaqCandidate::kQuestionFieldNumber, FaqQuestion(passage)) +
         wire::DoubleSize(FaqCandidate::kConfidenceFieldNumber, candidate.confidence) +
         wire::LengthDelimitedSize(FaqCandidate::kSourceFieldNumber, source_size) +
         wire::StringSize(FaqCandidate::kAnswerFieldNumber, candidate.answer);
}

uint8_t* WriteAlternative(const engines::AnswerCandidate& candidate, size_t source_size,
                          uint8_t* out) {
  const engines::Passage& passage = *candidate.passage;
  out = wire::WriteString(FaqCandidate::kFaqIdFieldNumber, FaqId(passage), out);
  out = wire::WriteString(FaqCandidate::kQuestionFieldNumber, FaqQuestion(passage), out);
  out = wire::WriteDouble(FaqCandidate::kConfidenceFieldNumber, candidate.confidence, out);
  out = wire::WriteLengthDelimitedHeader(FaqCandidate::kSourceFieldNumber, source_size, out);
  out = WriteSource(candidate, out);
  return wire::WriteString(FaqCandidate::kAnswerFieldNumber, candidate.answer, out);
}

}  // namespace

AnswerQuestionResponseEncoder::AnswerQuestionResponseEncoder(const engines::KnowledgeAnswer& answer,
                                                             absl::string_view encoded_served_by,
                                                             absl::string_view context)
    : answer_(answer), encoded_served_by_(encoded_served_by), context_(context) {
  // As FillAnswer: the best candidate's fields only when it answered.
  size_ = wire::BoolSize(AnswerQuestionResponse::kAnsweredFieldNumber, answer.answered) +
          wire::DoubleSize(AnswerQuestionResponse::kConfidenceFieldNumber, answer.best.confidence);
  if (answer.answered) {
    const engines::Passage& passage = *answer.best.passage;
    nested_sizes_.push_back(SourceSize(answer.best));
    size_ +=
        wire::StringSize(AnswerQuestionResponse::kFaqIdFieldNumber, FaqId(passage)) +
        wire::StringSize(AnswerQuestionResponse::kQuestionFieldNumber, FaqQuestion(passage)) +
        wire::StringSize(AnswerQuestionResponse::kAnswerFieldNumber, answer.best.answer) +
        wire::LengthDelimitedSize(AnswerQuestionResponse::kSourceFieldNumber, nested_sizes_.back());
  }
  for (const engines::AnswerCandidate& candidate : answer.alternatives) {
    const size_t source_size = SourceSize(candidate);
    const size_t alternative_size = AlternativeSize(candidate, source_size);
    nested_sizes_.push_back(alternative_size);
    nested_sizes_.push_back(source_size);
    size_ += wire::LengthDelimitedSize(AnswerQuestionResponse::kAlternativesFieldNumber,
                                       alternative_size);
  }
  size_ +=
      wire::EncodedMessageSize(AnswerQuestionResponse::kServedByFieldNumber, encoded_served_by_);
  for (const engines::Passage* joined : answer.also_from) {
    nested_sizes_.push_back(SourceSize(WholePassage(*joined)));
    size_ += wire::LengthDelimitedSize(AnswerQuestionResponse::kAlsoFromFieldNumber,
                                       nested_sizes_.back());
  }
  size_ += wire::StringSize(AnswerQuestionResponse::kContextFieldNumber, context_);
}

void AnswerQuestionResponseEncoder::Write(uint8_t* out) const {
  [[maybe_unused]] const uint8_t* const start = out;
  const engines::AnswerCandidate& best = answer_.best;
  size_t nested = 0;
  // Fields in number order, as the generated serializer writes them.
  out = wire::WriteBool(AnswerQuestionResponse::kAnsweredFieldNumber, answer_.answered, out);
  if (answer_.answered) {
    out = wire::WriteString(AnswerQuestionResponse::kFaqIdFieldNumber, FaqId(*best.passage), out);
    out = wire::WriteString(AnswerQuestionResponse::kQuestionFieldNumber,
                            FaqQuestion(*best.passage), out);
    out = wire::WriteString(AnswerQuestionResponse::kAnswerFieldNumber, best.answer, out);
  }
  out = wire::WriteDouble(AnswerQuestionResponse::kConfidenceFieldNumber, best.confidence, out);
  const size_t best_source_size = answer_.answered ? nested_sizes_[nested++] : 0;
  for (const engines::AnswerCandidate& candidate : answer_.alternatives) {
    const size_t alternative_size = nested_sizes_[nested++];
    const size_t source_size = nested_sizes_[nested++];
    out = wire::WriteLengthDelimitedHeader(AnswerQuestionResponse::kAlternativesFieldNumber,
                                           alternative_size, out);
    out = WriteAlternative(candidate, source_size, out);
  }
  out = wire::WriteEncodedMessage(AnswerQuestionResponse::kServedByFieldNumber, encoded_served_by_,
                                  out);
  if (answer_.answered) {
    out = wire::WriteLengthDelimitedHeader(AnswerQuestionResponse::kSourceFieldNumber,
                                           best_source_size, out);
    out = WriteSource(best, out);
  }
  for (const engines::Passage* joined : answer_.also_from) {
    out = wire::WriteLengthDelimitedHeader(AnswerQuestionResponse::kAlsoFromFieldNumber,
                                           nested_sizes_[nested++], out);
    out = WriteSource(WholePassage(*joined), out);
  }
  out = wire::WriteString(AnswerQuestionResponse::kContextFieldNumber, context_, out);
  assert(static_cast<size_t>(out - start) == size_);
}

// The engine's explanation as the API's.
void FillExplanation(const engines::AnswerExplanation& explanation,
                     advisor::v1::AnswerExplanation& out) {
  out.mutable_terms()->Add(explanation.terms.begin(), explanation.terms.end());
  out.mutable_frameworks()->Add(explanation.frameworks.begin(), explanation.frameworks.end());
  out.mutable_undescribed_frameworks()->Add(explanation.undescribed_frameworks.begin(),
                                            explanation.undescribed_frameworks.end());
  for (const auto& [label, probability] : explanation.model_labels) {
    advisor::v1::LabelProbability& labelled = *out.add_model_labels();
    labelled.set_label(label);
    labelled.set_probability(probability);
  }
  for (const engines::AnswerExplanation::Candidate& candidate : explanation.candidates) {
    advisor::v1::ExplainedCandidate& explained = *out.add_candidates();
    FillSource(*candidate.passage, candidate.answer, *explained.mutable_source());
    explained.set_item(candidate.passage->item);
    explained.set_answer(candidate.answer.data(), candidate.answer.size());
    explained.set_confidence(candidate.confidence);
    explained.set_bias(explanation.bias);
    for (int i = 0; i < engines::kSignalCount; ++i) {
      advisor::v1::CandidateSignal& signal = *explained.add_signals();
      signal.set_name(engines::kSignalNames[i]);
      signal.set_value(candidate.features[i]);
      signal.set_weight(candidate.weights[i]);
    }
  }
  out.mutable_set_aside()->Add(explanation.dropped.begin(), explanation.dropped.end());
  out.set_answer_threshold(explanation.answer_threshold);
  out.set_read_as(explanation.read_as);
}

namespace {

// The engine's answer to `request`, in the conversation its asker and
// context token describe.
absl::StatusOr<engines::KnowledgeAnswer> AnswerRequest(
    const engines::Snapshot& snapshot, const advisor::v1::AnswerQuestionRequest& request) {
  absl::StatusOr<advisor::v1::ConversationContext> context =
      engines::DecodeContextToken(request.context());
  if (!context.ok()) return context.status();
  const engines::Conversation conversation{request.asker(), &*context};
  return snapshot.answers().Answer(request.question(), request.explain(), conversation);
}

}  // namespace

absl::Status FillAnswer(const engines::Snapshot& snapshot,
                        const advisor::v1::AnswerQuestionRequest& request,
                        advisor::v1::AnswerQuestionResponse& response) {
  absl::StatusOr<engines::KnowledgeAnswer> answer = AnswerRequest(snapshot, request);
  if (!answer.ok()) return answer.status();
  response.set_context(engines::EncodeContextToken(answer->context));
  if (answer->explanation != nullptr) {
    FillExplanation(*answer->explanation, *response.mutable_explanation());
  }
  response.set_answered(answer->answered);
  response.set_confidence(answer->best.confidence);
  // The API promises empty answer fields when the question is not covered,
  // even though the engine may still name its best (too weak) guess.
  if (answer->answered) FillCandidate(answer->best, response);
  for (const engines::Passage* joined : answer->also_from) {
    FillSource(*joined, absl::string_view(), *response.add_also_from());
  }
  for (const engines::AnswerCandidate& candidate : answer->alternatives) {
    advisor::v1::FaqCandidate& out = *response.add_alternatives();
    out.set_confidence(candidate.confidence);
    FillCandidate(candidate, out);
  }
  return absl::OkStatus();
}

absl::Status WriteAnswer(const ServingSnapshot& serving,
                         const advisor::v1::AnswerQuestionRequest& request,
                         grpc::ByteBuffer* bytes) {
  // An explanation is for debugging: the generated serializer writes it.
  if (request.explain()) {
    advisor::v1::AnswerQuestionResponse response;
    if (absl::Status filled = FillAnswer(*serving.snapshot, request, response); !filled.ok()) {
      return filled;
    }
    *response.mutable_served_by() = serving.served_by;
    SerializeMessage(response, bytes);
    return absl::OkStatus();
  }
  absl::StatusOr<engines::KnowledgeAnswer> answer = AnswerRequest(*serving.snapshot, request);
  if (!answer.ok()) return answer.status();
  const std::string context = engines::EncodeContextToken(answer->context);
  SetEncodedMessage(AnswerQuestionResponseEncoder(*answer, serving.encoded_served_by, context),
                    bytes);
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

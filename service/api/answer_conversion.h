#ifndef ADVISOR_SERVICE_API_ANSWER_CONVERSION_H_
#define ADVISOR_SERVICE_API_ANSWER_CONVERSION_H_

#include <cstddef>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/faq_service.pb.h"
#include "service/api/snapshot_source.h"
#include "service/engines/knowledge_answerer.h"
#include "service/engines/snapshot.h"
#include <grpcpp/support/byte_buffer.h>

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

// The hand-written twin of FillAnswer, as MatchRoleResponseEncoder is
// FillMatch's (docs/adr/0002-raw-methods-and-prebuilt-responses.md): the
// bytes of advisor.v1.AnswerQuestionResponse for `answer`, with
// `encoded_served_by` (a serialised advisor.v1.ServedBy) as its served_by
// and `context` as its conversation token,
// written through protobuf's public io::CodedOutputStream straight from
// the engine's views into the knowledge base. Its strings were checked
// for UTF-8 when the knowledge base loaded, so they are copied once and
// never checked again. response_encoders_test checks the bytes against
// the generated serializer and fails when one of its messages gains a
// field; the rpc fuzzer checks them on random questions. Both arguments
// must outlive the encoder.
class AnswerQuestionResponseEncoder {
 public:
  AnswerQuestionResponseEncoder(const engines::KnowledgeAnswer& answer,
                                absl::string_view encoded_served_by, absl::string_view context);

  // Bytes the encoding takes.
  size_t size() const { return size_; }

  // Writes the encoding: exactly size() bytes from `out`.
  void Write(uint8_t* out) const;

 private:
  const engines::KnowledgeAnswer& answer_;
  const absl::string_view encoded_served_by_;
  // The response's conversation token (engines::EncodeContextToken).
  const absl::string_view context_;
  // The best answer's AnswerSource size, then for each alternative its
  // FaqCandidate size and its AnswerSource size.
  absl::InlinedVector<size_t, 1 + 2 * engines::kMaxAlternatives> nested_sizes_;
  size_t size_ = 0;
};

// As FillAnswer, straight into response bytes
// (AnswerQuestionResponseEncoder), with the served_by of `serving`: the
// unary RPC's response.
absl::Status WriteAnswer(const ServingSnapshot& serving,
                         const advisor::v1::AnswerQuestionRequest& request,
                         grpc::ByteBuffer* bytes);

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_ANSWER_CONVERSION_H_

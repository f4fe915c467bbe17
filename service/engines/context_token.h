#ifndef ADVISOR_SERVICE_ENGINES_CONTEXT_TOKEN_H_
#define ADVISOR_SERVICE_ENGINES_CONTEXT_TOKEN_H_

#include <cstddef>
#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/conversation_context.pb.h"

// The opaque conversation token of AnswerQuestionResponse.context and
// AnswerQuestionRequest.context: a ConversationContext, serialised, behind a
// CRC-32 of its bytes, in URL-safe base64 without padding, after a version
// prefix ("1."). The checksum is not a secret: a token only steers its own
// conversation, so it guards against damage and against strings this
// service did not issue, not against a client forging its own context.
namespace advisor::engines {

// Longest token issued or accepted, in bytes.
inline constexpr size_t kMaxContextTokenBytes = 512;
// Longest ConversationContext.question kept, in bytes.
inline constexpr size_t kMaxContextQuestionBytes = 200;
// Most frameworks a context keeps in play.
inline constexpr int kMaxContextFrameworks = 4;

// What a conversation is about after an answer, as the answerer leaves it:
// the fields of a ConversationContext, as views (into the knowledge base
// and the answerer, valid as long as the snapshot) but the question, which
// it owns. Encoded straight into a token, with no message built.
struct ContextView {
  absl::InlinedVector<absl::string_view, kMaxContextFrameworks> framework_ids;
  absl::string_view hiring_pattern_id;
  std::string question;
  absl::string_view item;
};

// The token for `context`, at most kMaxContextTokenBytes: the question is
// cut at a word boundary to kMaxContextQuestionBytes, and further (then the
// item, then all but the first framework dropped) when long ids would make
// the token too long. The bytes behind the checksum are exactly what
// protobuf serialises of the same ConversationContext.
std::string EncodeContextToken(const ContextView& context);
std::string EncodeContextToken(const advisor::v1::ConversationContext& context);

// The context a token holds; an empty token is an empty context.
// INVALID_ARGUMENT, with a message for the caller, for a token longer than
// kMaxContextTokenBytes, of another version, or damaged (not base64, a
// wrong checksum, not a ConversationContext, or holding more than a token
// is ever issued with).
absl::StatusOr<advisor::v1::ConversationContext> DecodeContextToken(absl::string_view token);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_CONTEXT_TOKEN_H_

#ifndef ADVISOR_SERVICE_ENGINES_FOLLOW_UP_H_
#define ADVISOR_SERVICE_ENGINES_FOLLOW_UP_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

#include "advisor/v1/conversation_context.pb.h"

// Reads a follow-up question against what the conversation was about
// (ConversationContext) and writes it out as a question that stands on its
// own, so that the answerer answers it as any other: "and keras?" after
// "who makes tensorflow?" is "who makes keras", "who made it?" with PyTorch
// in play is "who made pytorch", "why?" after "which framework do banks
// prefer?" is "why which framework do banks prefer".
namespace advisor::engines {

// What the resolver needs to know of the knowledge base's entities.
class MentionReader {
 public:
  virtual ~MentionReader() = default;
  // How many words from `words[first]` name one framework the knowledge
  // base describes (0 when none), and its id.
  virtual size_t FrameworkAt(absl::Span<const absl::string_view> words, size_t first,
                             std::string* id) const = 0;
  // Whether `word` says what kind of employer or level a hiring pattern is
  // about ("bank", "startups", "beginner").
  virtual bool IsEmployerWord(absl::string_view word) const = 0;
  // Whether `word` is a content word: not a stop word (known to the
  // knowledge base or not: "cons" says what is asked even so).
  virtual bool IsContentWord(absl::string_view word) const = 0;
  // A framework's display name, for the rewritten question.
  virtual std::string DisplayName(absl::string_view framework_id) const = 0;
};

// How a question was read against its context.
enum class FollowUpKind {
  // It stands on its own (or there is no context): answered as asked.
  kStandsAlone,
  // Only new frameworks or a new kind of employer ("and keras?", "what
  // about startups?"): the previous question with them in place of the
  // previous ones.
  kNewSubject,
  // Nothing but a question word ("why?", "since when?"): it asks about
  // the previous question.
  kAboutPrevious,
  // It refers back ("who made it?", "which of the two is easier?"): the
  // frameworks in play in place of the reference.
  kReference,
  // A few words with nothing to say what they are about ("any
  // weaknesses?"): the frameworks in play, or the previous question, added.
  kElliptic,
};

struct ResolvedQuestion {
  FollowUpKind kind = FollowUpKind::kStandsAlone;
  // The question to answer: the question itself when it stands alone,
  // else a rewrite of its folded words.
  std::string text;
  // The frameworks the question (as resolved) names, by id, in order;
  // empty for a question read without context (the answerer's own
  // analysis knows what it names).
  std::vector<std::string> frameworks;
  // For a question that stands alone but names no framework while one is
  // in play ("first release year?"): the question about that framework, to
  // answer instead when the question alone is not answered or is answered
  // about another framework. Empty otherwise.
  std::string about_in_play;
  std::string in_play_framework;
};

// Resolves `question` against `context` (see the kinds above).
ResolvedQuestion ResolveFollowUp(absl::string_view question,
                                 const advisor::v1::ConversationContext& context,
                                 const MentionReader& reader);

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_FOLLOW_UP_H_

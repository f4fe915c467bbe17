#ifndef ADVISOR_SERVICE_ENGINES_KNOWLEDGE_ANSWERER_H_
#define ADVISOR_SERVICE_ENGINES_KNOWLEDGE_ANSWERER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/conversation_context.pb.h"
#include "advisor/v1/knowledge_base.pb.h"
#include "service/engines/answer_scoring.h"
#include "service/engines/context_token.h"

namespace advisor::engines {

// Most alternatives an answer lists.
inline constexpr int kMaxAlternatives = 3;

// Most passages an answer joins (KnowledgeAnswer::also_from).
inline constexpr int kMaxJoinedPassages = 2;

// Longest description of who asks (Conversation::asker), in bytes.
inline constexpr size_t kMaxAskerBytes = 512;

// Confidence from which a question counts as answered.
inline constexpr double kAnswerThreshold = ScoringParameters{}.answer_threshold;

// Alternatives below this confidence are not worth listing.
inline constexpr double kMinAlternativeConfidence = ScoringParameters{}.min_alternative_confidence;

// The kinds of knowledge base content that answer questions.
enum class SourceKind { kFaq, kFramework, kHiringPattern, kInsight, kAdvice, kDocument };

// One piece of the knowledge base that can answer a question on its own:
// a FAQ entry, one field of a framework, a hiring pattern, an insight, the
// advice or a learning path, or one paragraph of a document.
struct Passage {
  SourceKind kind = SourceKind::kFaq;
  // Resource name: "faqs/{id}", "frameworks/{id}", "hiringPatterns/{id}",
  // "insights/{n}", "advice/general", "advice/defaultLearningPath",
  // "hiringPatterns/{id}/learningPath" or "documents/{id}".
  std::string name;
  // For people: the FAQ question, the framework's display name, the
  // pattern's title, the frameworks an insight is about, the document's
  // title.
  std::string title;
  // kFramework: the field's proto name ("developer", "summary", ...).
  std::string field;
  // kDocument: the paragraph's section heading.
  std::string section;
  // The page its fact was read at: a framework field's source, a
  // document's URL; empty when the knowledge base names none.
  std::string url;
  // The whole passage (a FAQ entry's answer, a document's paragraph); a
  // view into the knowledge base or the answerer. Passages matched by one
  // sentence of a paragraph share the paragraph's text.
  absl::string_view text;
  // kFaq: the entry; null otherwise.
  const advisor::v1::FaqEntry* faq = nullptr;
  // The knowledge base item it belongs to, as `ExampleQuestions.item`
  // names it ("frameworks/pytorch/developer", "documents/{id}/paragraphs/2").
  // The sentences of one text share it.
  std::string item;
};

// One passage that answers a question, and the text that answers it.
struct AnswerCandidate {
  const Passage* passage = nullptr;
  // The most precise part of `passage->text` that answers: all of it, or
  // the one or two sentences that do. A view into the passage.
  absl::string_view answer;
  // In [0, 1].
  double confidence = 0;
};

// How an answer was chosen, for people: what the question was read as and
// every candidate with its signals.
struct AnswerExplanation {
  // The question's terms as the analyzer read them (synonyms resolved).
  std::vector<std::string> terms;
  // The frameworks it names: described ones, then others.
  std::vector<std::string> frameworks;
  std::vector<std::string> undescribed_frameworks;
  // The question model's most likely labels with their probabilities,
  // best first (an item, "frameworks/*/{field}" or "outOfScope").
  std::vector<std::pair<std::string, double>> model_labels;
  struct Candidate {
    const Passage* passage = nullptr;
    // The text it would answer with (see AnswerCandidate::answer).
    absl::string_view answer;
    CandidateSignals signals;
    double confidence = 0;
    // ExplainConfidence().
    std::string explanation;
    // SignalFeatures() of `signals` and their weights.
    double features[kSignalCount] = {};
    double weights[kSignalCount] = {};
  };
  // The logistic model's bias and the answer threshold.
  double bias = 0;
  double answer_threshold = 0;
  // The candidates, best first.
  std::vector<Candidate> candidates;
  // Why candidates were set aside before scoring (e.g. "about another
  // framework"), one line each.
  std::vector<std::string> dropped;
  // The question as answered: a follow-up resolved against its context,
  // behind what the asker implies (see KnowledgeAnswerer::Answer).
  std::string read_as;
};

// The result of answering one question.
struct KnowledgeAnswer {
  // False when nothing reaches kAnswerThreshold: the knowledge base does
  // not cover the question. `best` may still be set then.
  bool answered = false;
  // The best candidate; its passage is null when nothing matched at all.
  AnswerCandidate best;
  // Further passages the answer joins: when a hiring pattern answers a
  // question that says where the asker works and names frameworks ("I work
  // at a bank, should I learn PyTorch?"), what each named framework is best
  // for. Views into the answerer.
  absl::InlinedVector<const Passage*, kMaxJoinedPassages> also_from;
  // Next best candidates (other passages), best first, at most
  // kMaxAlternatives, each of at least kMinAlternativeConfidence. Held
  // inline: an answer allocates nothing.
  absl::InlinedVector<AnswerCandidate, kMaxAlternatives> alternatives;
  // Set only when asked for.
  std::unique_ptr<AnswerExplanation> explanation;
  // The frameworks the question names, as the analyzer read it.
  absl::InlinedVector<const advisor::v1::Framework*, 2> named_frameworks;
  // What the conversation is about after this answer (EncodeContextToken
  // makes its token); set only by the Answer overload that takes a
  // Conversation.
  ContextView context;
};

// Who asks, and what the conversation was about before the question.
struct Conversation {
  // Free text: role, kind of employer, experience; may be empty. At most
  // kMaxAskerBytes.
  absl::string_view asker;
  // The previous answer's KnowledgeAnswer::context (decoded from its
  // token); null for a first question.
  const advisor::v1::ConversationContext* context = nullptr;
};

// Answers questions in the asker's own words (paraphrases, synonyms,
// misspellings, a preamble about the asker) from everything the knowledge
// base holds. Built once per knowledge base: every FAQ entry, framework
// field, hiring pattern, insight, the advice and learning paths, and every
// paragraph of every document become passages of one PassageIndex, with
// one text::TextAnalyzer over their vocabulary, the knowledge base's
// synonyms and stop words and the framework names. Then immutable and safe
// to share between threads.
//
// It reads what is asked as well as which words occur: "who develops X",
// "X's website" and "what is X" want that field of framework X, "X vs Y"
// an insight about both; a passage about other frameworks than those the
// question names is discounted. The FAQ answer is preferred when an entry
// answers the question about as well as anything else. The confidence is
// near 1 for an exact fit, lower for paraphrases and near 0 for questions
// the knowledge base does not cover, which stay unanswered.
//
// Keeps pointers into `knowledge_base`, which must outlive it and must have
// been validated.
class KnowledgeAnswerer {
 public:
  explicit KnowledgeAnswerer(const advisor::v1::KnowledgeBase& knowledge_base);
  ~KnowledgeAnswerer();
  KnowledgeAnswerer(const KnowledgeAnswerer&) = delete;
  KnowledgeAnswerer& operator=(const KnowledgeAnswerer&) = delete;

  // The best answer to `question`. A question the knowledge base does not
  // cover (off-topic, or only stop words) is OK with answered = false.
  // INVALID_ARGUMENT when the question fails text::ValidateFreeText (empty,
  // blank, longer than 4096 bytes, invalid UTF-8).
  absl::StatusOr<KnowledgeAnswer> Answer(absl::string_view question) const;
  // As above; with `explain`, the answer carries its explanation.
  absl::StatusOr<KnowledgeAnswer> Answer(absl::string_view question, bool explain) const;
  // As above, in a conversation: a follow-up ("and keras?", "who made
  // it?", "why?") is first resolved against `conversation.context` into a
  // question that stands on its own (ResolveFollowUp); an asker whose
  // description names a kind of employer or level the hiring patterns know
  // sets the scene as a preamble in their own voice would. The answer's
  // `context` says what the conversation is about next. INVALID_ARGUMENT
  // also for an asker that is blank, longer than kMaxAskerBytes or not
  // UTF-8.
  absl::StatusOr<KnowledgeAnswer> Answer(absl::string_view question, bool explain,
                                         const Conversation& conversation) const;

  // Whether a question model was trained (the knowledge base has example
  // questions), and why not when training failed.
  bool has_question_model() const;
  const absl::Status& question_model_status() const;

  // Every passage, in knowledge base order.
  const std::vector<Passage>& passages() const;

 private:
  struct Index;
  std::unique_ptr<const Index> index_;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_KNOWLEDGE_ANSWERER_H_

// libFuzzer target for the engines over the default knowledge base:
// FrameworkLookup::Find and Compare, RoleMatcher::Match, KnowledgeAnswerer::Answer
// (alone and in a conversation, through its context token) and ResolvePage, each checked against
// the properties its header promises.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

#include "service/engines/context_token.h"
#include "service/engines/framework_lookup.h"
#include "service/engines/knowledge_answerer.h"
#include "service/engines/pagination.h"
#include "service/engines/role_matcher.h"
#include "service/engines/snapshot.h"
#include "service/text/text_normalizer.h"
#include "tests/fuzz/default_snapshot.h"
#include "tests/fuzz/fuzz_input.h"

namespace advisor::fuzz {
namespace {

bool IsFindError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument ||
         status.code() == absl::StatusCode::kNotFound;
}

void FuzzFind(const engines::Snapshot& snapshot, absl::string_view name) {
  absl::StatusOr<const advisor::v1::Framework*> found = snapshot.frameworks().Find(name);
  if (!found.ok()) {
    ADVISOR_FUZZ_CHECK(IsFindError(found.status()));
    return;
  }
  ADVISOR_FUZZ_CHECK(*found != nullptr);
  // A found framework is found again by its resource name.
  absl::StatusOr<const advisor::v1::Framework*> again =
      snapshot.frameworks().Find((*found)->name());
  ADVISOR_FUZZ_CHECK(again.ok() && *again == *found);
}

void FuzzCompare(const engines::Snapshot& snapshot, absl::string_view input) {
  const std::vector<std::string> names = absl::StrSplit(input, '\n');
  absl::StatusOr<engines::FrameworkComparison> comparison = snapshot.frameworks().Compare(names);
  if (!comparison.ok()) {
    ADVISOR_FUZZ_CHECK(IsFindError(comparison.status()));
    return;
  }
  ADVISOR_FUZZ_CHECK(comparison->entries.size() >= 2);
  ADVISOR_FUZZ_CHECK(comparison->entries.size() <= engines::kMaxComparedFrameworks);
  absl::flat_hash_set<const advisor::v1::Framework*> distinct;
  for (const auto& entry : comparison->entries) {
    ADVISOR_FUZZ_CHECK(entry.framework != nullptr);
    ADVISOR_FUZZ_CHECK(distinct.insert(entry.framework).second);
  }
}

// How many frameworks role matching ranks: those the hiring patterns and
// learning paths name (every framework when none does).
int RankedFrameworks(const advisor::v1::KnowledgeBase& knowledge_base) {
  absl::flat_hash_set<std::string> ids;
  for (const auto& step : knowledge_base.default_learning_path()) ids.insert(step.framework_id());
  for (const auto& pattern : knowledge_base.hiring_patterns()) {
    ids.insert(pattern.framework_id());
    for (const auto& step : pattern.learning_path()) ids.insert(step.framework_id());
  }
  return ids.empty() ? knowledge_base.frameworks_size() : static_cast<int>(ids.size());
}

void FuzzMatch(const engines::Snapshot& snapshot, absl::string_view description) {
  const bool valid = text::ValidateFreeText(description, "description").ok();
  absl::StatusOr<engines::RoleMatch> match = snapshot.roles().Match(description);
  ADVISOR_FUZZ_CHECK(match.ok() == valid);
  if (!match.ok()) {
    ADVISOR_FUZZ_CHECK(match.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  const int frameworks = RankedFrameworks(snapshot.knowledge_base());
  ADVISOR_FUZZ_CHECK(static_cast<int>(match->fits.size()) == frameworks);
  for (size_t i = 0; i < match->fits.size(); ++i) {
    const engines::FrameworkFit& fit = match->fits[i];
    ADVISOR_FUZZ_CHECK(fit.framework != nullptr);
    ADVISOR_FUZZ_CHECK(fit.score >= 0 && fit.score <= 1);
    if (i > 0) ADVISOR_FUZZ_CHECK(match->fits[i - 1].score >= fit.score);
  }
  absl::flat_hash_set<const advisor::v1::Framework*> in_path;
  for (const engines::LearningStep& step : match->learning_path) {
    ADVISOR_FUZZ_CHECK(step.framework != nullptr);
    ADVISOR_FUZZ_CHECK(in_path.insert(step.framework).second);
  }
  ADVISOR_FUZZ_CHECK(static_cast<int>(in_path.size()) == frameworks);
  for (const advisor::v1::HiringPattern* pattern : match->recognized) {
    ADVISOR_FUZZ_CHECK(pattern != nullptr);
  }
}

void FuzzAnswer(const engines::Snapshot& snapshot, absl::string_view question) {
  const bool valid = text::ValidateFreeText(question, "question").ok();
  absl::StatusOr<engines::KnowledgeAnswer> answer = snapshot.answers().Answer(question);
  ADVISOR_FUZZ_CHECK(answer.ok() == valid);
  if (!answer.ok()) {
    ADVISOR_FUZZ_CHECK(answer.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  const engines::AnswerCandidate& best = answer->best;
  ADVISOR_FUZZ_CHECK(best.confidence >= 0 && best.confidence <= 1);
  if (best.passage == nullptr) ADVISOR_FUZZ_CHECK(best.confidence == 0 && !answer->answered);
  if (answer->answered) ADVISOR_FUZZ_CHECK(best.confidence >= engines::kAnswerThreshold);
  ADVISOR_FUZZ_CHECK(answer->alternatives.size() <= engines::kMaxAlternatives);
  // An answer is always a part of its passage's text.
  auto inside_passage = [](const engines::AnswerCandidate& candidate) {
    const absl::string_view text = candidate.passage->text;
    return !candidate.answer.empty() && candidate.answer.data() >= text.data() &&
           candidate.answer.data() + candidate.answer.size() <= text.data() + text.size();
  };
  if (best.passage != nullptr) ADVISOR_FUZZ_CHECK(inside_passage(best));
  for (const engines::AnswerCandidate& candidate : answer->alternatives) {
    ADVISOR_FUZZ_CHECK(candidate.passage != nullptr && candidate.passage != best.passage);
    ADVISOR_FUZZ_CHECK(inside_passage(candidate));
    ADVISOR_FUZZ_CHECK(candidate.confidence >= engines::kMinAlternativeConfidence);
  }
}

// The payload is a context token, a question and an asker, split at
// newlines: a token the codec refuses is INVALID_ARGUMENT; one it reads
// answers the question in that conversation, and the answer's next
// context makes a token that reads back the same.
void FuzzConversation(const engines::Snapshot& snapshot, absl::string_view input) {
  const std::vector<absl::string_view> parts = absl::StrSplit(input, absl::MaxSplits('\n', 2));
  const absl::string_view token = parts[0];
  const absl::string_view question = parts.size() > 1 ? parts[1] : "and keras?";
  const absl::string_view asker = parts.size() > 2 ? parts[2] : "";
  absl::StatusOr<advisor::v1::ConversationContext> context = engines::DecodeContextToken(token);
  if (!context.ok()) {
    ADVISOR_FUZZ_CHECK(context.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  ADVISOR_FUZZ_CHECK(token.size() <= engines::kMaxContextTokenBytes);
  absl::StatusOr<engines::KnowledgeAnswer> answer = snapshot.answers().Answer(
      question, /*explain=*/false, engines::Conversation{asker, &*context});
  if (!answer.ok()) {
    ADVISOR_FUZZ_CHECK(answer.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  if (answer->answered) ADVISOR_FUZZ_CHECK(answer->best.confidence >= engines::kAnswerThreshold);
  const std::string next = engines::EncodeContextToken(answer->context);
  ADVISOR_FUZZ_CHECK(next.size() <= engines::kMaxContextTokenBytes);
  absl::StatusOr<advisor::v1::ConversationContext> read = engines::DecodeContextToken(next);
  ADVISOR_FUZZ_CHECK(read.ok());
  ADVISOR_FUZZ_CHECK(engines::EncodeContextToken(*read) == next);
}

// The payload starts with two 32-bit integers (total, page_size) followed
// by a page token.
void FuzzPage(absl::string_view input) {
  int32_t total = 0;
  int32_t page_size = 0;
  if (input.size() < sizeof(total) + sizeof(page_size)) return;
  std::memcpy(&total, input.data(), sizeof(total));
  std::memcpy(&page_size, input.data() + sizeof(total), sizeof(page_size));
  input.remove_prefix(sizeof(total) + sizeof(page_size));
  absl::StatusOr<engines::Page> page = engines::ResolvePage(total, page_size, input, "faqs");
  if (!page.ok()) {
    ADVISOR_FUZZ_CHECK(page.status().code() == absl::StatusCode::kInvalidArgument);
    return;
  }
  ADVISOR_FUZZ_CHECK(page_size >= 0);
  ADVISOR_FUZZ_CHECK(page->begin >= 0 && page->begin <= page->end);
  ADVISOR_FUZZ_CHECK(page->end <= std::max(total, 0));
  ADVISOR_FUZZ_CHECK(page->end - page->begin <= engines::kMaxPageSize);
  if (page->next_page_token.empty()) {
    ADVISOR_FUZZ_CHECK(page->end == std::max(total, 0));
    return;
  }
  // The token resumes where the page ended, and only for its collection.
  absl::StatusOr<engines::Page> next =
      engines::ResolvePage(total, page_size, page->next_page_token, "faqs");
  ADVISOR_FUZZ_CHECK(next.ok() && next->begin == page->end);
  ADVISOR_FUZZ_CHECK(
      !engines::ResolvePage(total, page_size, page->next_page_token, "frameworks").ok());
}

}  // namespace
}  // namespace advisor::fuzz

// Builds the snapshot before fuzzing starts, so its cost never counts
// against the first input's time limit.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  advisor::fuzz::DefaultSnapshot();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace advisor::fuzz;  // NOLINT(google-build-using-namespace): one entry point.
  static const advisor::engines::Snapshot& snapshot = *DefaultSnapshot();
  const SelectedInput input = SplitSelector(data, size);
  switch (input.selector % 6) {
    case 0:
      FuzzFind(snapshot, input.payload);
      break;
    case 1:
      FuzzCompare(snapshot, input.payload);
      break;
    case 2:
      FuzzMatch(snapshot, input.payload);
      break;
    case 3:
      FuzzAnswer(snapshot, input.payload);
      break;
    case 5:
      FuzzConversation(snapshot, input.payload);
      break;
    default:
      FuzzPage(input.payload);
      break;
  }
  return 0;
}

#include "service/engines/follow_up.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

#include "service/engines/english_lexicon.h"
#include "service/text/tokenizer.h"

namespace advisor::engines {
namespace {

using advisor::v1::ConversationContext;
using WordSet = absl::flat_hash_set<absl::string_view>;

// Words a follow-up opens with that say nothing of what it asks ("and",
// "ok so").
const WordSet& LeadWords() { return CueWords("follow_up_lead"); }
// Words that stand for something said before ("it", "that one").
const WordSet& ReferenceWords() { return CueWords("reference"); }
// References to more than one thing ("both", "the two", "them").
const WordSet& PluralReferenceWords() { return CueWords("plural_reference"); }
// Words that ask, but say nothing of what about ("since when?").
const WordSet& QuestionWords() { return CueWords("question_word"); }

// Most content words a question may have and still need its context to
// say what it is about ("any weaknesses?").
constexpr int kMaxEllipticContentWords = 1;

struct FrameworkSpan {
  size_t first = 0;
  size_t size = 0;
  std::string id;
};

std::vector<FrameworkSpan> FrameworkSpans(absl::Span<const absl::string_view> words,
                                          const MentionReader& reader) {
  std::vector<FrameworkSpan> spans;
  for (size_t i = 0; i < words.size();) {
    FrameworkSpan span;
    span.size = reader.FrameworkAt(words, i, &span.id);
    if (span.size == 0) {
      ++i;
      continue;
    }
    span.first = i;
    i += span.size;
    spans.push_back(std::move(span));
  }
  return spans;
}

// The ids of the frameworks `text` names, in order.
std::vector<std::string> FrameworkIdsIn(absl::string_view text, const MentionReader& reader) {
  text::FoldedWords folded;
  text::FoldWordsInto(text, &folded);
  std::vector<std::string> ids;
  for (FrameworkSpan& span : FrameworkSpans(folded.words, reader))
    ids.push_back(std::move(span.id));
  return ids;
}

// The names of `ids` joined for a question ("PyTorch and TensorFlow").
std::string Names(const std::vector<std::string>& ids, const MentionReader& reader) {
  std::vector<std::string> names;
  names.reserve(ids.size());
  for (const std::string& id : ids) names.push_back(reader.DisplayName(id));
  return absl::StrJoin(names, " and ");
}

// `words` with each span of `spans` replaced: the first by `replacement`,
// the others dropped; `replacement` after the words when there is none.
std::string Replace(const std::vector<absl::string_view>& words,
                    const std::vector<FrameworkSpan>& spans, absl::string_view replacement) {
  std::vector<absl::string_view> out;
  size_t next_span = 0;
  bool replaced = false;
  for (size_t i = 0; i < words.size();) {
    if (next_span < spans.size() && spans[next_span].first == i) {
      if (!replaced) out.push_back(replacement);
      replaced = true;
      i += spans[next_span++].size;
      continue;
    }
    out.push_back(words[i++]);
  }
  if (!replaced) out.push_back(replacement);
  return absl::StrJoin(out, " ");
}

}  // namespace

ResolvedQuestion ResolveFollowUp(absl::string_view question, const ConversationContext& context,
                                 const MentionReader& reader) {
  ResolvedQuestion resolved;
  resolved.text = std::string(question);
  // A first question is answered as asked: nothing to read it against.
  if (context.question().empty() && context.framework_ids().empty()) return resolved;
  thread_local text::FoldedWords folded;
  text::FoldWordsInto(question, &folded);
  const std::vector<absl::string_view>& words = folded.words;
  const std::vector<FrameworkSpan> spans = FrameworkSpans(words, reader);
  for (const FrameworkSpan& span : spans) resolved.frameworks.push_back(span.id);

  // Past the words that open a follow-up ("and", "ok so", "what about").
  size_t start = 0;
  while (start < words.size() && LeadWords().contains(words[start])) ++start;
  if (start + 1 < words.size() && (words[start] == "what" || words[start] == "how") &&
      words[start + 1] == "about") {
    start += 2;
  }
  int content_words = 0;
  bool names_employer = false;
  size_t reference = words.size();
  bool plural_reference = false;
  std::vector<absl::string_view> subject;  // Its words past the opening.
  size_t next_span = 0;
  while (next_span < spans.size() && spans[next_span].first < start) ++next_span;
  for (size_t i = start; i < words.size(); ++i) {
    subject.push_back(words[i]);
    if (next_span < spans.size() && spans[next_span].first == i) {
      for (size_t k = 1; k < spans[next_span].size; ++k) subject.push_back(words[++i]);
      ++next_span;
      continue;
    }
    const absl::string_view word = words[i];
    if (reference == words.size() &&
        (ReferenceWords().contains(word) || PluralReferenceWords().contains(word))) {
      reference = i;
      plural_reference = PluralReferenceWords().contains(word);
    }
    if (QuestionWords().contains(word)) continue;
    if (reader.IsEmployerWord(word)) {
      names_employer = true;
    } else if (reader.IsContentWord(word)) {
      ++content_words;
    }
  }
  const bool names_framework = !spans.empty();
  thread_local text::FoldedWords previous;
  text::FoldWordsInto(context.question(), &previous);
  const std::vector<absl::string_view>& previous_words = previous.words;
  const bool has_previous = !previous_words.empty();

  const bool refers_back =
      !names_framework && reference < words.size() && !context.framework_ids().empty();
  if ((names_framework || (names_employer && !refers_back)) && content_words == 0 && has_previous) {
    // "and keras?": the previous question about the new subject.
    resolved.kind = FollowUpKind::kNewSubject;
    if (names_framework) {
      const std::vector<FrameworkSpan> previous_spans = FrameworkSpans(previous_words, reader);
      resolved.text = Replace(previous_words, previous_spans, Names(resolved.frameworks, reader));
    } else {
      // The previous employer's words give way to the new ones.
      std::vector<absl::string_view> kept;
      bool placed = false;
      for (const absl::string_view word : previous_words) {
        if (!reader.IsEmployerWord(word)) {
          kept.push_back(word);
        } else if (!placed) {
          kept.insert(kept.end(), subject.begin(), subject.end());
          placed = true;
        }
      }
      if (!placed) kept.insert(kept.end(), subject.begin(), subject.end());
      resolved.text = absl::StrJoin(kept, " ");
    }
    // Without a new framework, the previous question's stay the subject.
    if (!names_framework) resolved.frameworks = FrameworkIdsIn(resolved.text, reader);
    return resolved;
  }
  if (!names_framework && !names_employer && content_words == 0 && reference == words.size() &&
      has_previous) {
    // "why?": about the previous question.
    resolved.kind = FollowUpKind::kAboutPrevious;
    resolved.text =
        absl::StrCat(absl::StrJoin(subject, " "), " ", absl::StrJoin(previous_words, " "));
    resolved.frameworks = FrameworkIdsIn(resolved.text, reader);
    return resolved;
  }
  if (refers_back) {
    // "who made it?": the frameworks in play for the reference.
    resolved.kind = FollowUpKind::kReference;
    std::vector<std::string> in_play(context.framework_ids().begin(),
                                     context.framework_ids().end());
    in_play.resize(plural_reference && in_play.size() >= 2 ? 2 : 1);
    const std::string names = Names(in_play, reader);
    std::vector<absl::string_view> out(words.begin(), words.end());
    out[reference] = names;
    resolved.text = absl::StrJoin(out, " ");
    resolved.frameworks = std::move(in_play);
    return resolved;
  }
  if (!names_framework && !names_employer && content_words <= kMaxEllipticContentWords) {
    // "any weaknesses?": about the frameworks in play, or the previous
    // question's subject.
    resolved.kind = FollowUpKind::kElliptic;
    if (!context.framework_ids().empty()) {
      std::vector<std::string> in_play = {context.framework_ids(0)};
      resolved.text = absl::StrCat(absl::StrJoin(words, " "), " ", Names(in_play, reader));
      resolved.frameworks = std::move(in_play);
    } else if (has_previous) {
      resolved.text =
          absl::StrCat(absl::StrJoin(previous_words, " "), " ", absl::StrJoin(subject, " "));
    } else {
      resolved.kind = FollowUpKind::kStandsAlone;
    }
  }
  if (resolved.kind == FollowUpKind::kStandsAlone && !names_framework && !names_employer &&
      !context.framework_ids().empty()) {
    resolved.in_play_framework = context.framework_ids(0);
    resolved.about_in_play =
        absl::StrCat(question, " ", reader.DisplayName(resolved.in_play_framework));
  }
  return resolved;
}

}  // namespace advisor::engines

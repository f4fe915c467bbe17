#include "client/cli/text_output.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace advisor::cli {
namespace {

// Appends "  <title>:" and one "    - item" line per entry; nothing when
// there are no entries, so empty sections do not clutter the card.
template <typename Items>
void AppendList(std::string& out, absl::string_view title, const Items& items) {
  if (items.empty()) return;
  absl::StrAppend(&out, "  ", title, ":\n");
  for (const auto& item : items) absl::StrAppend(&out, "    - ", item, "\n");
}

// Where an answer comes from, for "(confidence N%; from ...)": the source's
// title and resource name, the FAQ question quoted. A server that names no
// source (before sources existed) still names its FAQ entry.
std::string DescribeAnswerOrigin(const v1::AnswerQuestionResponse& answer) {
  const v1::AnswerSource& source = answer.source();
  if (source.name().empty())
    return absl::StrCat("\"", answer.question(), "\" [", answer.faq_id(), "]");
  if (source.kind() == v1::AnswerSource::KIND_FAQ) {
    return absl::StrCat("\"", source.title(), "\" [", source.name(), "]");
  }
  return absl::StrCat(source.title(), " [", source.name(), "]");
}

// The lines under the confidence line that say which part of the source
// answered: a framework's field, a document's section, and the passage
// when the answer is only part of it.
void AppendSourceDetails(std::string& out, const v1::AnswerSource& source,
                         absl::string_view answer) {
  if (source.kind() == v1::AnswerSource::KIND_FRAMEWORK && !source.field().empty()) {
    absl::StrAppend(&out, "  Field: ", source.field(), "\n");
  }
  if (source.kind() == v1::AnswerSource::KIND_DOCUMENT && !source.section().empty()) {
    absl::StrAppend(&out, "  Section: ", source.section(), "\n");
  }
  if (!source.passage().empty() && source.passage() != answer) {
    absl::StrAppend(&out, "  Context: \"", source.passage(), "\"\n");
  }
}

// Whether an alternative is a FAQ entry (a server without sources only has
// those).
bool IsFaqCandidate(const v1::FaqCandidate& candidate) {
  return !candidate.faq_id().empty() || candidate.source().kind() == v1::AnswerSource::KIND_FAQ;
}

}  // namespace

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return "?%";
  return absl::StrFormat("%.0f%%", fraction * 100.0);
}

std::string FormatFramework(const v1::Framework& framework) {
  std::string out = absl::StrCat(framework.display_name(), " (", framework.name(), ")\n");
  // Each fact with the page it was read at, when the record names one.
  auto fact = [&](absl::string_view label, absl::string_view field, const std::string& value) {
    if (value.empty()) return;
    absl::StrAppend(&out, "  ", label, ": ", value);
    for (const v1::FieldSource& source : framework.field_sources()) {
      if (source.field() == field) absl::StrAppend(&out, "  [", source.url(), "]");
    }
    out += "\n";
  };
  if (!framework.aliases().empty()) {
    absl::StrAppend(&out, "  Also known as: ", absl::StrJoin(framework.aliases(), ", "), "\n");
  }
  fact("Kind", "kind", KindName(framework.kind()));
  std::string status = StatusName(framework.status());
  if (!status.empty() && framework.status_year() > 0) {
    absl::StrAppend(&status, " since ", framework.status_year());
  }
  if (!status.empty() && !framework.status_note().empty()) {
    absl::StrAppend(&status, " (", framework.status_note(), ")");
  }
  fact("Status", "status", status);
  fact("Developer", "developer", framework.developer());
  fact("First released", "first_release_year",
       framework.first_release_year() > 0 ? absl::StrCat(framework.first_release_year()) : "");
  fact("Licence", "licence", framework.licence());
  fact("Languages", "languages", absl::StrJoin(framework.languages(), ", "));
  fact("Builds on", "builds_on", absl::StrJoin(framework.builds_on(), ", "));
  fact("Works with", "works_with", absl::StrJoin(framework.works_with(), ", "));
  fact("Website", "website", framework.website());
  if (!framework.summary().empty()) absl::StrAppend(&out, "\n  ", framework.summary(), "\n\n");
  AppendList(out, "Strengths", framework.strengths());
  AppendList(out, "Best for", framework.best_for());
  AppendList(out, "Notes", framework.notes());
  AppendList(out, "Sources", framework.sources());
  return out;
}

std::string KindName(v1::Framework::Kind kind) {
  switch (kind) {
    case v1::Framework::KIND_FRAMEWORK:
      return "framework";
    case v1::Framework::KIND_HIGH_LEVEL_API:
      return "high-level API";
    case v1::Framework::KIND_LIBRARY:
      return "library";
    case v1::Framework::KIND_MODEL_FORMAT_OR_RUNTIME:
      return "model format or runtime";
    case v1::Framework::KIND_CLASSIC_ML_LIBRARY:
      return "classic ML library";
    default:
      return "";
  }
}

std::string StatusName(v1::Framework::Status status) {
  switch (status) {
    case v1::Framework::STATUS_ACTIVE:
      return "active";
    case v1::Framework::STATUS_MAINTENANCE:
      return "maintenance only";
    case v1::Framework::STATUS_RETIRED:
      return "retired";
    default:
      return "";
  }
}

std::string FormatFrameworkList(const std::vector<v1::Framework>& frameworks) {
  std::string out;
  for (const auto& framework : frameworks) {
    absl::StrAppend(
        &out, absl::StrFormat("%-26s %-24s %-24s %s\n", framework.display_name(), framework.name(),
                              KindName(framework.kind()), StatusName(framework.status())));
  }
  absl::StrAppend(&out, frameworks.size(),
                  frameworks.size() == 1 ? " framework\n" : " frameworks\n");
  return out;
}

std::string FormatComparison(const v1::CompareFrameworksResponse& comparison) {
  std::string out;
  for (const auto& column : comparison.frameworks()) {
    absl::StrAppend(&out, column.display_name(), " (", column.framework(), ")\n");
    if (!column.summary().empty()) absl::StrAppend(&out, "  ", column.summary(), "\n");
    const std::string kind = KindName(column.kind());
    if (!kind.empty()) absl::StrAppend(&out, "  Kind: ", kind, "\n");
    const std::string status = StatusName(column.status());
    if (!status.empty()) absl::StrAppend(&out, "  Status: ", status, "\n");
    if (!column.developer().empty())
      absl::StrAppend(&out, "  Developer: ", column.developer(), "\n");
    if (column.first_release_year() > 0) {
      absl::StrAppend(&out, "  First released: ", column.first_release_year(), "\n");
    }
    if (!column.licence().empty()) absl::StrAppend(&out, "  Licence: ", column.licence(), "\n");
    if (!column.builds_on().empty()) {
      absl::StrAppend(&out, "  Builds on: ", absl::StrJoin(column.builds_on(), ", "), "\n");
    }
    AppendList(out, "Strengths", column.strengths());
    AppendList(out, "Best for", column.best_for());
    if (!column.hired_by().empty()) {
      out += "  Hired by:\n";
      for (const auto& hiring : column.hired_by()) {
        absl::StrAppend(&out, "    - ", hiring.employer(), ": ", hiring.reason(), "\n");
      }
    }
    out += "\n";
  }
  if (!comparison.insights().empty()) {
    out += "Insights:\n";
    for (const auto& insight : comparison.insights()) absl::StrAppend(&out, "  - ", insight, "\n");
  }
  if (!comparison.advice().empty()) absl::StrAppend(&out, "Advice: ", comparison.advice(), "\n");
  return out;
}

std::string FormatRoleMatch(const v1::MatchRoleResponse& match) {
  std::string out;
  if (!match.recognized_roles().empty()) {
    absl::StrAppend(&out, "Recognized roles: ", absl::StrJoin(match.recognized_roles(), "; "),
                    "\n\n");
  }
  out += "Matches:\n";
  int rank = 0;
  for (const auto& candidate : match.matches()) {
    absl::StrAppend(&out, absl::StrFormat("  %d. %-12s %4s\n", ++rank, candidate.display_name(),
                                          FormatPercent(candidate.score())));
    for (const auto& reason : candidate.reasons()) absl::StrAppend(&out, "       - ", reason, "\n");
  }
  if (!match.learning_path().empty()) {
    out += "\nLearning path:\n";
    int step = 0;
    for (const auto& item : match.learning_path()) {
      absl::StrAppend(&out, "  ", ++step, ". ", item.display_name());
      if (!item.why().empty()) absl::StrAppend(&out, ": ", item.why());
      out += "\n";
    }
  }
  if (!match.advice().empty()) absl::StrAppend(&out, "\nAdvice: ", match.advice(), "\n");
  return out;
}

namespace {

// How the answer was chosen (`advisor --explain ask`): the question as
// read and each candidate's confidence with its signals.
void AppendExplanation(std::string& out, const v1::AnswerExplanation& explanation) {
  absl::StrAppend(&out, "Read as: ", explanation.read_as(),
                  "\n  terms: ", absl::StrJoin(explanation.terms(), " "), "\n");
  if (!explanation.frameworks().empty()) {
    absl::StrAppend(&out, "  frameworks: ", absl::StrJoin(explanation.frameworks(), ", "), "\n");
  }
  absl::StrAppend(&out, "Candidates (answered from ", FormatPercent(explanation.answer_threshold()),
                  "):\n");
  for (const v1::ExplainedCandidate& candidate : explanation.candidates()) {
    absl::StrAppend(&out, "  ", FormatPercent(candidate.confidence()), " ", candidate.item(), ":");
    for (const v1::CandidateSignal& signal : candidate.signals()) {
      if (signal.value() == 0) continue;
      absl::StrAppend(&out, " ", signal.name(), "=", absl::StrFormat("%.2f", signal.value()));
    }
    absl::StrAppend(&out, "\n");
  }
  for (const std::string& set_aside : explanation.set_aside()) {
    absl::StrAppend(&out, "  set aside: ", set_aside, "\n");
  }
}

}  // namespace

std::string FormatAnswer(const v1::AnswerQuestionResponse& answer) {
  std::string out;
  if (answer.answered()) {
    absl::StrAppend(&out, answer.answer(), "\n  (confidence ", FormatPercent(answer.confidence()),
                    "; from ", DescribeAnswerOrigin(answer), ")\n");
    AppendSourceDetails(out, answer.source(), answer.answer());
    for (const v1::AnswerSource& joined : answer.also_from()) {
      absl::StrAppend(&out, "  Also from ", joined.title(), " [", joined.name(), "] ",
                      joined.field(), ": ", joined.passage(), "\n");
    }
  } else {
    absl::StrAppend(&out, "No answer in the knowledge base (confidence ",
                    FormatPercent(answer.confidence()), ")\n");
  }
  if (!answer.alternatives().empty()) {
    const bool only_faqs =
        std::all_of(answer.alternatives().begin(), answer.alternatives().end(), IsFaqCandidate);
    absl::string_view const kind = only_faqs ? "questions" : "answers";
    absl::StrAppend(&out, answer.answered() ? "Related " : "Closest ", kind, ":\n");
    for (const auto& alternative : answer.alternatives()) {
      // A FAQ entry is best named by its question; anything else by its
      // source, since its answer text may be long.
      std::string const label =
          IsFaqCandidate(alternative)
              ? alternative.question()
              : absl::StrCat(alternative.source().title(), " [", alternative.source().name(), "]");
      absl::StrAppend(&out, "  - ", label, " (", FormatPercent(alternative.confidence()), ")\n");
    }
  }
  if (answer.has_explanation()) AppendExplanation(out, answer.explanation());
  return out;
}

std::string FormatFaqList(const std::vector<v1::Faq>& faqs) {
  std::string out;
  for (const auto& faq : faqs) {
    absl::StrAppend(&out, "Q: ", faq.question(), "\n   ", faq.answer(), "\n");
  }
  absl::StrAppend(&out, faqs.size(), faqs.size() == 1 ? " question\n" : " questions\n");
  return out;
}

}  // namespace advisor::cli

#include "client/cli/text_output.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace advisor::cli {
namespace {

// Appends "  <title>:" and one "    - item" line per entry; nothing when
// there are no entries, so empty sections do not clutter the card.
template <typename Items>
void AppendList(std::string& out, absl::string_view title, Items const& items) {
  if (items.empty()) return;
  absl::StrAppend(&out, "  ", title, ":\n");
  for (auto const& item : items) absl::StrAppend(&out, "    - ", item, "\n");
}

}  // namespace

std::string FormatPercent(double fraction) {
  if (!std::isfinite(fraction)) return "?%";
  return absl::StrFormat("%.0f%%", fraction * 100.0);
}

std::string FormatFramework(v1::Framework const& framework) {
  std::string out = absl::StrCat(framework.display_name(), " (", framework.name(), ")\n");
  if (!framework.aliases().empty()) {
    absl::StrAppend(&out, "  Also known as: ", absl::StrJoin(framework.aliases(), ", "), "\n");
  }
  if (!framework.developer().empty()) {
    absl::StrAppend(&out, "  Developer: ", framework.developer(), "\n");
  }
  if (!framework.website().empty()) {
    absl::StrAppend(&out, "  Website: ", framework.website(), "\n");
  }
  if (!framework.summary().empty()) absl::StrAppend(&out, "\n  ", framework.summary(), "\n\n");
  AppendList(out, "Strengths", framework.strengths());
  AppendList(out, "Best for", framework.best_for());
  AppendList(out, "Notes", framework.notes());
  AppendList(out, "Sources", framework.sources());
  return out;
}

std::string FormatFrameworkList(std::vector<v1::Framework> const& frameworks) {
  std::string out;
  for (auto const& framework : frameworks) {
    absl::StrAppend(&out,
                    absl::StrFormat("%-12s %-22s", framework.display_name(), framework.name()));
    if (!framework.strengths().empty()) absl::StrAppend(&out, " ", framework.strengths(0));
    out += "\n";
  }
  absl::StrAppend(&out, frameworks.size(),
                  frameworks.size() == 1 ? " framework\n" : " frameworks\n");
  return out;
}

std::string FormatComparison(v1::CompareFrameworksResponse const& comparison) {
  std::string out;
  for (auto const& column : comparison.frameworks()) {
    absl::StrAppend(&out, column.display_name(), " (", column.framework(), ")\n");
    if (!column.summary().empty()) absl::StrAppend(&out, "  ", column.summary(), "\n");
    AppendList(out, "Strengths", column.strengths());
    AppendList(out, "Best for", column.best_for());
    if (!column.hired_by().empty()) {
      out += "  Hired by:\n";
      for (auto const& hiring : column.hired_by()) {
        absl::StrAppend(&out, "    - ", hiring.employer(), ": ", hiring.reason(), "\n");
      }
    }
    out += "\n";
  }
  if (!comparison.insights().empty()) {
    out += "Insights:\n";
    for (auto const& insight : comparison.insights()) absl::StrAppend(&out, "  - ", insight, "\n");
  }
  if (!comparison.advice().empty()) absl::StrAppend(&out, "Advice: ", comparison.advice(), "\n");
  return out;
}

std::string FormatRoleMatch(v1::MatchRoleResponse const& match) {
  std::string out;
  if (!match.recognized_roles().empty()) {
    absl::StrAppend(&out, "Recognized roles: ", absl::StrJoin(match.recognized_roles(), "; "),
                    "\n\n");
  }
  out += "Matches:\n";
  int rank = 0;
  for (auto const& candidate : match.matches()) {
    absl::StrAppend(&out, absl::StrFormat("  %d. %-12s %4s\n", ++rank, candidate.display_name(),
                                          FormatPercent(candidate.score())));
    for (auto const& reason : candidate.reasons()) absl::StrAppend(&out, "       - ", reason, "\n");
  }
  if (!match.learning_path().empty()) {
    out += "\nLearning path:\n";
    int step = 0;
    for (auto const& item : match.learning_path()) {
      absl::StrAppend(&out, "  ", ++step, ". ", item.display_name());
      if (!item.why().empty()) absl::StrAppend(&out, ": ", item.why());
      out += "\n";
    }
  }
  if (!match.advice().empty()) absl::StrAppend(&out, "\nAdvice: ", match.advice(), "\n");
  return out;
}

std::string FormatAnswer(v1::AnswerQuestionResponse const& answer) {
  std::string out;
  if (answer.answered()) {
    absl::StrAppend(&out, answer.answer(), "\n  (confidence ", FormatPercent(answer.confidence()),
                    "; from \"", answer.question(), "\" [", answer.faq_id(), "])\n");
  } else {
    absl::StrAppend(&out, "No answer in the knowledge base (confidence ",
                    FormatPercent(answer.confidence()), ")\n");
  }
  if (!answer.alternatives().empty()) {
    out += answer.answered() ? "Related questions:\n" : "Closest questions:\n";
    for (auto const& alternative : answer.alternatives()) {
      absl::StrAppend(&out, "  - ", alternative.question(), " (",
                      FormatPercent(alternative.confidence()), ")\n");
    }
  }
  return out;
}

std::string FormatFaqList(std::vector<v1::Faq> const& faqs) {
  std::string out;
  for (auto const& faq : faqs) {
    absl::StrAppend(&out, "Q: ", faq.question(), "\n   ", faq.answer(), "\n");
  }
  absl::StrAppend(&out, faqs.size(), faqs.size() == 1 ? " question\n" : " questions\n");
  return out;
}

}  // namespace advisor::cli

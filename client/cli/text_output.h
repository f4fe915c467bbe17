#ifndef ADVISOR_CLIENT_CLI_TEXT_OUTPUT_H_
#define ADVISOR_CLIENT_CLI_TEXT_OUTPUT_H_

#include <string>
#include <vector>

#include "advisor/v1/faq.pb.h"
#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"

// Readable, plain-text renderings of the API's responses for the `advisor`
// CLI. Every function returns text ending in a newline.
namespace advisor::cli {

// A fraction in [0, 1] as a whole percentage, e.g. 0.934 -> "93%".
std::string FormatPercent(double fraction);

// A framework card: name, aliases, kind, status, developer, first release,
// licence, languages, what it builds on and works with, website (each
// fact with the page it was read at), summary, strengths, best-for, notes
// and sources.
std::string FormatFramework(const v1::Framework& framework);

// A framework's kind and status for people ("library", "retired"); empty
// when unspecified.
std::string KindName(v1::Framework::Kind kind);
std::string StatusName(v1::Framework::Status status);

// One line per framework: display name, resource name, kind, status.
std::string FormatFrameworkList(const std::vector<v1::Framework>& frameworks);

// Each framework's column one after another, then insights and advice.
std::string FormatComparison(const v1::CompareFrameworksResponse& comparison);

// Recognised roles, ranked matches with percentages and reasons, the
// learning path and the advice.
std::string FormatRoleMatch(const v1::MatchRoleResponse& match);

// The answer with its confidence and where it comes from (the source's
// title and resource name; a framework's field, a document's section, and
// the passage as context when the answer is only part of it), or "No
// answer in the knowledge base (confidence N%)"; then the alternatives.
std::string FormatAnswer(const v1::AnswerQuestionResponse& answer);

// Every FAQ entry: question, then its answer indented.
std::string FormatFaqList(const std::vector<v1::Faq>& faqs);

}  // namespace advisor::cli

#endif  // ADVISOR_CLIENT_CLI_TEXT_OUTPUT_H_

#include "tests/eval/dialog_sets.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace advisor::eval {
namespace {

constexpr absl::string_view kAskerMark = "@asker";
constexpr size_t kMissAnswerBytes = 120;

absl::Status BadLine(absl::string_view source, int line, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(source, ":", line, ": ", why));
}

}  // namespace

absl::StatusOr<std::vector<Dialog>> ParseDialogs(absl::string_view text, absl::string_view source) {
  std::vector<Dialog> dialogs;
  bool open = false;  // Whether the last row belongs to dialogs.back().
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (!line.empty() && line.front() == '#') continue;
    if (line.empty()) {
      if (open && dialogs.back().turns.empty()) {
        return BadLine(source, line_number, "a dialog has an asker but no questions");
      }
      open = false;
      continue;
    }
    const size_t tab = line.find('\t');
    if (tab == absl::string_view::npos) {
      return BadLine(source, line_number, "expected two tab-separated columns");
    }
    const absl::string_view first(absl::StripAsciiWhitespace(line.substr(0, tab)));
    const absl::string_view second(absl::StripAsciiWhitespace(line.substr(tab + 1)));
    if (!open) {
      dialogs.emplace_back().line = line_number;
      open = true;
    }
    Dialog& dialog = dialogs.back();
    if (first == kAskerMark) {
      if (!dialog.turns.empty() || !dialog.asker.empty()) {
        return BadLine(source, line_number, "@asker must be a dialog's first row");
      }
      dialog.asker = std::string(second);
      continue;
    }
    LabelledCase& turn = dialog.turns.emplace_back();
    turn.line = line_number;
    turn.expected = std::string(first);
    turn.input = std::string(second);
  }
  if (open && dialogs.back().turns.empty()) {
    return BadLine(source, line_number, "a dialog has an asker but no questions");
  }
  return dialogs;
}

absl::StatusOr<std::vector<Dialog>> ReadDialogs(const std::string& path) {
  absl::StatusOr<std::string> text = ReadSetText(path);
  if (!text.ok()) return text.status();
  return ParseDialogs(*text, path);
}

DialogResult RunDialogSet(const std::vector<Dialog>& dialogs, EvalBackend& backend,
                          bool in_conversation) {
  DialogResult result;
  for (const Dialog& dialog : dialogs) {
    std::string context;
    bool all_right = true;
    for (size_t t = 0; t < dialog.turns.size(); ++t) {
      const LabelledCase& turn = dialog.turns[t];
      const bool none = turn.expected == kNoAnswer;
      Tally& kind =
          t == 0 ? result.first_turns : (none ? result.follow_ups_none : result.follow_ups);
      v1::AnswerQuestionRequest request;
      request.set_question(turn.input);
      // The explanation says how a follow-up was read, for the report.
      request.set_explain(true);
      if (in_conversation) {
        request.set_asker(dialog.asker);
        request.set_context(context);
      }
      absl::StatusOr<AskReply> reply = backend.Ask(request);
      const bool right = reply.ok() && IsRightAskReply(turn, *reply);
      for (Tally* tally : {&kind, &result.turns}) {
        ++tally->total;
        tally->correct += right ? 1 : 0;
      }
      if (!dialog.asker.empty()) {
        ++result.turns_with_asker.total;
        result.turns_with_asker.correct += right ? 1 : 0;
      }
      all_right &= right;
      if (!reply.ok()) {
        result.misses.push_back({turn, reply.status().ToString(), -1});
        context.clear();
        continue;
      }
      context = reply->context;
      if (right) continue;
      if (reply->answered && reply->confidence >= kConfidentAnswer) {
        ++result.confident_wrong_answers;
      }
      std::string got = DescribeAskReply(*reply, kMissAnswerBytes);
      if (reply->read_as != turn.input) absl::StrAppend(&got, "\n      read as: ", reply->read_as);
      result.misses.push_back({turn, std::move(got), reply->confidence});
    }
    ++result.dialogs.total;
    result.dialogs.correct += all_right ? 1 : 0;
  }
  return result;
}

}  // namespace advisor::eval

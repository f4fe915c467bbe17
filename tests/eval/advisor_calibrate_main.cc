// advisor_calibrate: fits the weights of the answer's confidence
// (engines::ScoringParameters) on labelled ask sets, writer by writer, and
// reports how they do on a writer left out.
//
//   advisor_calibrate --sets=A=ask_dev.tsv,B=ask_dev_b.tsv,C=ask_dev_c.tsv
//
// Every question is answered in-process by the default knowledge base with
// its explanation, and again by the same knowledge base without its example
// questions (retrieval alone, as for a document imported later); every
// candidate answer becomes a row (its signals, and whether its text holds
// an expected phrase). Figures are for the knowledge base as served. A logistic regression
// (liblinear, L2-regularised) over those rows gives the weights. For each
// writer it fits on the others, picks the answer threshold on them, and
// scores the left-out writer: right answers, "no answer" on NONE rows,
// confident wrong answers and the expected calibration error. Then it fits
// on every writer and prints the weights as ScoringParameters.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

#include "linear.h"
#include "service/engines/answer_scoring.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "tests/eval/eval_sets.h"

ABSL_FLAG(std::vector<std::string>, sets, {},
          "WRITER=PATH of each writer's ask set, comma-separated (e.g. A=ask_dev.tsv,B=b.tsv)");
ABSL_FLAG(std::string, overrides, "",
          "Rows of the sets relabelled since the knowledge base answers them "
          "(tests/eval/overrides.tsv): left out of the fit and the figures, as advisor_eval "
          "reports them apart; empty = none");
ABSL_FLAG(double, regularisation, 1.0, "liblinear's C: larger fits the rows more closely");
ABSL_FLAG(double, threshold, advisor::engines::ScoringParameters{}.answer_threshold,
          "the answer threshold (default: the engine's); negative: choose it on the fitted writers "
          "(most rows right, a confident wrong answer counting as three misses)");
ABSL_FLAG(double, faq_preference_margin,
          advisor::engines::ScoringParameters{}.faq_preference_margin,
          "how much less confident a FAQ entry may be than the best candidate and still answer");
ABSL_FLAG(double, min_answerable_right, 0, "floor on each left-out writer's answerable rows right");
ABSL_FLAG(double, min_no_answer, 0, "floor on each left-out writer's NONE rows answered no answer");
ABSL_FLAG(int, max_confident_wrong, -1, "limit on each left-out writer's confident wrong answers");
ABSL_FLAG(double, max_calibration_error, 1, "limit on each left-out writer's calibration error");

namespace advisor::eval {
namespace {

using engines::CandidateSignals;
using engines::kSignalCount;

struct CandidateRow {
  double features[kSignalCount] = {};
  bool right = false;
  bool faq = false;  // A curated FAQ entry (ScoringParameters::faq_preference_margin).
};

struct Question {
  std::string writer;
  bool answerable = false;
  // Answered by the knowledge base without its example questions (no
  // question model): the rows that calibrate retrieval alone, as for a
  // document imported later.
  bool retrieval_only = false;
  std::vector<CandidateRow> candidates;
};

struct Fit {
  double bias = 0;
  double weights[kSignalCount] = {};
  double threshold = 0.5;
  double faq_preference_margin = absl::GetFlag(FLAGS_faq_preference_margin);
};

double Confidence(const Fit& fit, const CandidateRow& row) {
  double logit = fit.bias;
  for (int i = 0; i < kSignalCount; ++i) logit += fit.weights[i] * row.features[i];
  return 1 / (1 + std::exp(-logit));
}

Fit FitRows(const std::vector<const Question*>& questions, double regularisation) {
  std::vector<std::vector<feature_node>> nodes;
  std::vector<double> labels;
  for (const Question* question : questions) {
    for (const CandidateRow& row : question->candidates) {
      std::vector<feature_node>& x = nodes.emplace_back();
      for (int i = 0; i < kSignalCount; ++i) x.push_back({i + 1, row.features[i]});
      x.push_back({kSignalCount + 1, 1.0});  // The bias, as liblinear takes it.
      x.push_back({-1, 0});
      labels.push_back(row.right ? 1 : -1);
    }
  }
  std::vector<feature_node*> rows;
  for (auto& x : nodes) rows.push_back(x.data());
  problem prob{};
  prob.l = static_cast<int>(rows.size());
  prob.n = kSignalCount + 1;
  prob.y = labels.data();
  prob.x = rows.data();
  prob.bias = -1;  // Given as a feature above.
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = 1e-4;
  param.C = regularisation;
  Fit fit;
  model* trained = train(&prob, &param);
  // liblinear's weights are for its first label.
  const double sign = trained->label[0] == 1 ? 1 : -1;
  for (int i = 0; i < kSignalCount; ++i) fit.weights[i] = sign * trained->w[i];
  fit.bias = sign * trained->w[kSignalCount];
  free_and_destroy_model(&trained);
  return fit;
}

constexpr int kBins = 10;

// Every question's best candidate by its confidence, answered or not: how
// often the candidates given a confidence in each tenth are right.
struct Reliability {
  int count[kBins] = {};
  double confidence[kBins] = {};
  double right[kBins] = {};

  void Add(double best_confidence, bool right_answer) {
    const int bin = std::min(kBins - 1, static_cast<int>(best_confidence * kBins));
    count[bin]++;
    confidence[bin] += best_confidence;
    right[bin] += right_answer ? 1 : 0;
  }
  void Add(const Reliability& other) {
    for (int b = 0; b < kBins; ++b) {
      count[b] += other.count[b];
      confidence[b] += other.confidence[b];
      right[b] += other.right[b];
    }
  }
};

struct Scores {
  int answerable = 0, right = 0, none = 0, abstained = 0, confident_wrong = 0, answered = 0;
  double ece = 0;
  Reliability reliability;
};

Scores Score(const Fit& fit, const std::vector<const Question*>& questions) {
  Scores scores;
  double bin_confidence[kBins] = {}, bin_right[kBins] = {};
  int bin_count[kBins] = {};
  for (const Question* question : questions) {
    (question->answerable ? scores.answerable : scores.none)++;
    const CandidateRow* best = nullptr;
    double best_confidence = -1;
    for (const CandidateRow& row : question->candidates) {
      const double confidence = Confidence(fit, row);
      if (confidence > best_confidence) {
        best_confidence = confidence;
        best = &row;
      }
    }
    // As KnowledgeAnswerer chooses: a FAQ entry close enough to the best wins.
    if (best != nullptr && !best->faq) {
      const CandidateRow* faq = nullptr;
      double faq_confidence = -1;
      for (const CandidateRow& row : question->candidates) {
        if (row.faq && Confidence(fit, row) > faq_confidence) {
          faq = &row;
          faq_confidence = Confidence(fit, row);
        }
      }
      if (faq != nullptr && faq_confidence >= fit.threshold &&
          faq_confidence >= best_confidence - fit.faq_preference_margin) {
        best = faq;
        best_confidence = faq_confidence;
      }
    }
    if (best != nullptr) {
      scores.reliability.Add(best_confidence, question->answerable && best->right);
    }
    const bool answered = best != nullptr && best_confidence >= fit.threshold;
    if (!answered) {
      if (!question->answerable) scores.abstained++;
      continue;
    }
    scores.answered++;
    const bool right = question->answerable && best->right;
    if (right) scores.right++;
    if (!right && best_confidence >= kConfidentAnswer) scores.confident_wrong++;
    const int bin = std::min(kBins - 1, static_cast<int>(best_confidence * kBins));
    bin_confidence[bin] += best_confidence;
    bin_right[bin] += right ? 1 : 0;
    bin_count[bin]++;
  }
  for (int b = 0; b < kBins; ++b) {
    if (bin_count[b] == 0 || scores.answered == 0) continue;
    scores.ece += std::abs(bin_confidence[b] - bin_right[b]) / scores.answered;
  }
  return scores;
}

// The threshold that gets most rows right on `questions`, counting a
// confident wrong answer as three misses.
double ChooseThreshold(Fit fit, const std::vector<const Question*>& questions) {
  double best_threshold = 0.5;
  double best_value = -1e9;
  for (double threshold = 0.2; threshold <= 0.9001; threshold += 0.05) {
    fit.threshold = threshold;
    const Scores s = Score(fit, questions);
    const double value = s.right + s.abstained - 3.0 * s.confident_wrong;
    if (value > best_value) {
      best_value = value;
      best_threshold = threshold;
    }
  }
  return best_threshold;
}

// --threshold, or the one ChooseThreshold finds.
double ThresholdFor(const Fit& fit, const std::vector<const Question*>& questions) {
  const double threshold = absl::GetFlag(FLAGS_threshold);
  return threshold >= 0 ? threshold : ChooseThreshold(fit, questions);
}

void PrintReliability(const Reliability& r) {
  std::printf("| confidence | questions | mean confidence | right |\n|---|---|---|---|\n");
  for (int b = 0; b < kBins; ++b) {
    if (r.count[b] == 0) continue;
    std::printf("| %.1f-%.1f | %d | %.2f | %.2f |\n", b / 10.0, (b + 1) / 10.0, r.count[b],
                r.confidence[b] / r.count[b], r.right[b] / r.count[b]);
  }
}

void Print(const char* label, const Scores& s) {
  std::printf(
      "%-28s answerable right %5.1f%% (%d/%d)  none -> no answer %5.1f%% (%d/%d)  "
      "confident wrong %d  ECE %.3f\n",
      label, 100.0 * s.right / std::max(1, s.answerable), s.right, s.answerable,
      100.0 * s.abstained / std::max(1, s.none), s.abstained, s.none, s.confident_wrong, s.ece);
}

int Run() {
  absl::StatusOr<v1::KnowledgeBase> knowledge_base = knowledge_base::LoadDefaultKnowledgeBase();
  if (!knowledge_base.ok()) {
    std::fprintf(stderr, "%s\n", knowledge_base.status().ToString().c_str());
    return 2;
  }
  v1::KnowledgeBase without_examples = *knowledge_base;
  without_examples.clear_examples();
  const std::shared_ptr<const engines::Snapshot> snapshots[] = {
      engines::Snapshot::Build(*std::move(knowledge_base)),
      engines::Snapshot::Build(std::move(without_examples))};
  std::vector<Override> overrides;
  if (const std::string path = absl::GetFlag(FLAGS_overrides); !path.empty()) {
    absl::StatusOr<std::vector<Override>> read = ReadOverrides(path);
    if (!read.ok()) {
      std::fprintf(stderr, "%s\n", read.status().ToString().c_str());
      return 2;
    }
    overrides = *std::move(read);
  }
  std::vector<Question> questions;
  std::vector<std::string> writers;
  for (const std::string& spec : absl::GetFlag(FLAGS_sets)) {
    const std::pair<std::string, std::string> writer_path = absl::StrSplit(spec, '=');
    absl::StatusOr<std::vector<LabelledCase>> cases =
        ReadLabelledCases(writer_path.second, SetKind::kAsk);
    if (!cases.ok()) {
      std::fprintf(stderr, "%s\n", cases.status().ToString().c_str());
      return 2;
    }
    if (absl::Status applied = ApplyOverrides(overrides, writer_path.second, &*cases);
        !applied.ok()) {
      std::fprintf(stderr, "%s\n", applied.ToString().c_str());
      return 2;
    }
    writers.push_back(writer_path.first);
    const auto overridden = std::count_if(cases->begin(), cases->end(),
                                          [](const LabelledCase& c) { return c.overridden; });
    if (overridden > 0) {
      std::printf("%s: %td overridden rows left out (tests/eval/overrides.tsv)\n",
                  writer_path.first.c_str(), overridden);
    }
    for (const LabelledCase& labelled : *cases) {
      if (labelled.overridden) continue;
      for (const auto& snapshot : snapshots) {
        absl::StatusOr<engines::KnowledgeAnswer> answer =
            snapshot->answers().Answer(labelled.input, /*explain=*/true);
        if (!answer.ok()) continue;
        Question& question = questions.emplace_back();
        question.writer = writer_path.first;
        question.answerable = labelled.expected != kNoAnswer;
        question.retrieval_only = snapshot == snapshots[1];
        const std::vector<std::string> phrases = SplitExpectedPhrases(labelled.expected);
        for (const auto& candidate : answer->explanation->candidates) {
          CandidateRow& row = question.candidates.emplace_back();
          engines::SignalFeatures(candidate.signals, row.features);
          row.right = question.answerable && ContainsAnyPhrase(candidate.answer, phrases);
          row.faq = candidate.passage->kind == engines::SourceKind::kFaq;
        }
      }
    }
  }
  const double regularisation = absl::GetFlag(FLAGS_regularisation);
  auto select = [&](auto keep) {
    std::vector<const Question*> out;
    for (const Question& q : questions) {
      if (keep(q)) out.push_back(&q);
    }
    return out;
  };
  bool below_floor = false;
  Reliability left_out;
  std::printf("Leave one writer out (fit weights and threshold on the others, score this one):\n");
  for (const std::string& writer : writers) {
    const auto train = select([&](const Question& q) { return q.writer != writer; });
    const auto train_served =
        select([&](const Question& q) { return q.writer != writer && !q.retrieval_only; });
    const auto test =
        select([&](const Question& q) { return q.writer == writer && !q.retrieval_only; });
    Fit fit = FitRows(train, regularisation);
    fit.threshold = ThresholdFor(fit, train_served);
    const std::string label = absl::StrFormat("%s (threshold %.2f)", writer, fit.threshold);
    const Scores scores = Score(fit, test);
    Print(label.c_str(), scores);
    left_out.Add(scores.reliability);
    const double right = static_cast<double>(scores.right) / std::max(1, scores.answerable);
    const double no_answer = static_cast<double>(scores.abstained) / std::max(1, scores.none);
    const int max_wrong = absl::GetFlag(FLAGS_max_confident_wrong);
    if (right < absl::GetFlag(FLAGS_min_answerable_right) ||
        no_answer < absl::GetFlag(FLAGS_min_no_answer) ||
        (max_wrong >= 0 && scores.confident_wrong > max_wrong) ||
        scores.ece > absl::GetFlag(FLAGS_max_calibration_error)) {
      std::printf("  below a floor with %s left out\n", writer.c_str());
      below_floor = true;
    }
  }
  std::printf(
      "\nReliability, the left-out writers pooled (every question's best candidate, "
      "answered or not; a NONE row's is wrong):\n");
  PrintReliability(left_out);
  const auto all = select([](const Question&) { return true; });
  Fit fit = FitRows(all, regularisation);
  fit.threshold = ThresholdFor(fit, select([](const Question& q) { return !q.retrieval_only; }));
  std::printf("\nFitted on every writer, scored on each (flatters):\n");
  for (const std::string& writer : writers) {
    Print(writer.c_str(), Score(fit, select([&](const Question& q) {
                                  return q.writer == writer && !q.retrieval_only;
                                })));
  }
  std::printf("\nThe same without example questions (retrieval alone):\n");
  for (const std::string& writer : writers) {
    Print(writer.c_str(), Score(fit, select([&](const Question& q) {
                                  return q.writer == writer && q.retrieval_only;
                                })));
  }
  std::printf("\nScoringParameters:\n  bias = %.4f\n", fit.bias);
  for (int i = 0; i < kSignalCount; ++i) {
    std::printf("  %s = %.4f\n", engines::kSignalNames[i], fit.weights[i]);
  }
  std::printf("  answer_threshold = %.2f\n", fit.threshold);
  return below_floor ? 1 : 0;
}

}  // namespace
}  // namespace advisor::eval

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  set_print_string_function([](const char*) {});  // liblinear's progress lines.
  return advisor::eval::Run();
}

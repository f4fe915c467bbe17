// advisor_classifier_comparison: the question model as the server trains it
// (engines::QuestionModel: liblinear's L2R_LR_DUAL at the served C) against
// liblinear's other linear classifiers and weightings over the same
// features, on the knowledge base's example questions, leaving one example
// writer out at a time.
//
//   advisor_classifier_comparison [--knowledge_base=PATH]
//       [--classifiers=served,lr-counts,lrd-counts,svc-counts,cs-counts,lr-tfidf,...]
//       [--regularisations=0.25,1,4,16,64,256,1024] [--held_out=writer-1,...]
//
// The labels are those KnowledgeAnswerer gives the question model: one per
// item, the fields every framework has sharing one ("frameworks/*/summary"),
// "outOfScope" included. For each writer, every classifier is trained on the
// other writers' examples and predicts the held-out writer's. The features
// are word unigrams, word bigrams and character 3-5-grams of the folded
// words, hashed into the question model's number of buckets
// (service/text/hashed_features.h), L2-normalised counts or tf-idf; the
// compared classifiers' C is chosen on the training writers alone (leaving
// each of them out, most right first choices). Prints Markdown tables: each
// held-out writer, then all of them pooled, with top-1 and top-3 accuracy,
// out-of-scope recall and precision, mean log-loss (classifiers with
// probabilities), training time, model memory and the median time to
// predict one question.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"
#include "linear.h"
#include "service/engines/knowledge_answerer.h"
#include "service/engines/linear_problem.h"
#include "service/engines/question_model.h"
#include "service/engines/question_model_training_set.h"
#include "service/knowledge_base/item_names.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/text/hashed_features.h"

ABSL_FLAG(std::string, knowledge_base, "",
          "knowledge base file whose example questions to use (default: the embedded one)");
ABSL_FLAG(std::vector<std::string>, classifiers,
          std::vector<std::string>({"served", "lr-counts", "lr-tfidf", "lrd-counts", "lrd-tfidf",
                                    "svc-counts", "svc-tfidf", "cs-counts", "cs-tfidf"}),
          "classifiers to compare: served (the question model), and {lr,lrd,svc,cs}-{counts,tfidf} "
          "for liblinear's L2R_LR, L2R_LR_DUAL, L2R_L2LOSS_SVC_DUAL and MCSVM_CS over "
          "L2-normalised counts or tf-idf");
ABSL_FLAG(std::vector<std::string>, regularisations,
          std::vector<std::string>({"0.25", "1", "4", "16", "64", "256", "1024"}),
          "liblinear's C values to choose from on the training writers");
ABSL_FLAG(std::vector<std::string>, held_out, {},
          "writers to hold out, one at a time (default: every writer)");

namespace advisor::eval {
namespace {

using text::FeatureHasher;
using text::FeatureWeights;
using text::HashedFeature;
using text::Weighting;

using Clock = std::chrono::steady_clock;

// Probabilities below this count as this in the log-loss.
constexpr double kMinProbability = 1e-15;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Example {
  std::string question;
  std::string writer;
  int label = 0;
};

struct Examples {
  std::vector<Example> examples;
  std::vector<std::string> labels;
  std::vector<std::string> writers;  // Sorted.
  int out_of_scope = -1;
};

Examples ExamplesOf(const v1::KnowledgeBase& knowledge_base) {
  Examples out;
  std::map<std::string, int> label_of;
  std::set<std::string> writers;
  for (const auto& set : knowledge_base.examples()) {
    const std::string label = engines::QuestionModelLabel(set.item());
    const auto [it, added] = label_of.try_emplace(label, static_cast<int>(out.labels.size()));
    if (added) out.labels.push_back(label);
    writers.insert(set.author());
    for (const std::string& question : set.questions()) {
      out.examples.push_back({question, set.author(), it->second});
    }
  }
  if (const auto it = label_of.find(std::string(knowledge_base::kOutOfScopeItem));
      it != label_of.end()) {
    out.out_of_scope = it->second;
  }
  out.writers.assign(writers.begin(), writers.end());
  return out;
}

// A trained classifier.
class Classifier {
 public:
  virtual ~Classifier() = default;
  // Fills `scores` with each label's score for `question`, the most likely
  // highest: probabilities, when the classifier has them.
  virtual void Predict(absl::string_view question, std::vector<double>* scores) const = 0;
  // Bytes held by the model's parameters.
  virtual size_t memory_bytes() const = 0;
};

// A way of training a classifier.
class Method {
 public:
  virtual ~Method() = default;
  virtual std::string name() const = 0;
  virtual bool has_probabilities() const = 0;
  // The regularisations to choose from; empty when there is nothing to choose.
  virtual std::vector<double> regularisations() const = 0;
  virtual std::unique_ptr<const Classifier> Train(const std::vector<const Example*>& training,
                                                  int label_count, double regularisation) const = 0;
};

class ServedClassifier : public Classifier {
 public:
  explicit ServedClassifier(std::unique_ptr<const engines::QuestionModel> model)
      : model_(std::move(model)) {}
  void Predict(absl::string_view question, std::vector<double>* scores) const override {
    model_->Predict(question, &probabilities_);
    scores->assign(probabilities_.begin(), probabilities_.end());
  }
  size_t memory_bytes() const override { return model_->memory_bytes(); }

 private:
  std::unique_ptr<const engines::QuestionModel> model_;
  mutable std::vector<float> probabilities_;
};

// The question model as the server trains it.
class ServedMethod : public Method {
 public:
  std::string name() const override { return "QuestionModel (as served)"; }
  bool has_probabilities() const override { return true; }
  std::vector<double> regularisations() const override { return {}; }
  std::unique_ptr<const Classifier> Train(const std::vector<const Example*>& training,
                                          int label_count,
                                          double /*regularisation*/) const override {
    std::vector<engines::LabelledQuestion> questions;
    questions.reserve(training.size());
    for (const Example* example : training)
      questions.push_back({example->question, example->label});
    absl::StatusOr<std::unique_ptr<const engines::QuestionModel>> model =
        engines::QuestionModel::Train(questions, label_count, engines::QuestionModelOptions());
    if (!model.ok()) {
      std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
      std::exit(2);
    }
    return std::make_unique<ServedClassifier>(*std::move(model));
  }
};

class LinearClassifier : public Classifier {
 public:
  LinearClassifier(const FeatureHasher& hasher, FeatureWeights weights,
                   engines::LinearModel trained, int label_count)
      : hasher_(hasher),
        weights_(std::move(weights)),
        model_(std::move(trained)),
        label_count_(label_count),
        values_(static_cast<size_t>(model_->nr_class)) {}

  void Predict(absl::string_view question, std::vector<double>* scores) const override {
    hasher_.Count(question, &features_);
    weights_.Apply(&features_);
    engines::LinearRow(features_, hasher_.buckets(), &nodes_);
    const bool probabilities = check_probability_model(model_.get()) != 0;
    if (probabilities) {
      predict_probability(model_.get(), nodes_.data(), values_.data());
    } else {
      predict_values(model_.get(), nodes_.data(), values_.data());
    }
    scores->assign(static_cast<size_t>(label_count_),
                   probabilities ? 0.0 : -std::numeric_limits<double>::infinity());
    if (model_->nr_class == 2 && !probabilities && model_->param.solver_type != MCSVM_CS) {
      // One decision value, for the first label.
      (*scores)[static_cast<size_t>(model_->label[0])] = values_[0];
      (*scores)[static_cast<size_t>(model_->label[1])] = -values_[0];
      return;
    }
    for (int i = 0; i < model_->nr_class; ++i) {
      (*scores)[static_cast<size_t>(model_->label[i])] = values_[static_cast<size_t>(i)];
    }
  }

  size_t memory_bytes() const override {
    const bool one_vector = model_->nr_class == 2 && model_->param.solver_type != MCSVM_CS;
    const size_t vectors = one_vector ? 1 : static_cast<size_t>(model_->nr_class);
    return (static_cast<size_t>(model_->nr_feature) + 1) * vectors * sizeof(double) +
           static_cast<size_t>(model_->nr_class) * sizeof(int) + weights_.memory_bytes();
  }

 private:
  const FeatureHasher& hasher_;
  FeatureWeights weights_;
  engines::LinearModel model_;
  int label_count_;
  mutable std::vector<HashedFeature> features_;
  mutable std::vector<feature_node> nodes_;
  mutable std::vector<double> values_;
};

// A liblinear solver over hashed features.
class LinearMethod : public Method {
 public:
  LinearMethod(std::string name, int solver, Weighting weighting, const FeatureHasher& hasher,
               std::vector<double> regularisations)
      : name_(std::move(name)),
        solver_(solver),
        weighting_(weighting),
        hasher_(hasher),
        regularisations_(std::move(regularisations)) {}

  std::string name() const override { return name_; }
  bool has_probabilities() const override { return solver_ == L2R_LR || solver_ == L2R_LR_DUAL; }
  std::vector<double> regularisations() const override { return regularisations_; }

  std::unique_ptr<const Classifier> Train(const std::vector<const Example*>& training,
                                          int label_count, double regularisation) const override {
    std::vector<std::vector<HashedFeature>> features(training.size());
    for (size_t i = 0; i < training.size(); ++i) hasher_.Count(training[i]->question, &features[i]);
    FeatureWeights weights = FeatureWeights::Fit(weighting_, features, hasher_.buckets());
    engines::LinearProblem linear_problem(hasher_.buckets());
    for (size_t i = 0; i < training.size(); ++i) {
      weights.Apply(&features[i]);
      linear_problem.Add(features[i], training[i]->label);
    }
    const problem& prob = linear_problem.Get();
    parameter param{};
    param.solver_type = solver_;
    param.eps = solver_ == L2R_LR ? 0.01 : 0.1;  // liblinear's train defaults.
    param.C = regularisation;
    if (const char* problem = check_parameter(&prob, &param); problem != nullptr) {
      std::fprintf(stderr, "liblinear: %s\n", problem);
      std::exit(2);
    }
    std::srand(1);  // The dual solvers shuffle with rand().
    engines::LinearModel trained(train(&prob, &param));
    return std::make_unique<LinearClassifier>(hasher_, std::move(weights), std::move(trained),
                                              label_count);
  }

 private:
  std::string name_;
  int solver_;
  Weighting weighting_;
  const FeatureHasher& hasher_;
  std::vector<double> regularisations_;
};

// What a classifier got right on held-out questions.
struct Tally {
  int questions = 0;
  int top1 = 0;
  int top3 = 0;
  int out_of_scope = 0;            // Held-out questions labelled out of scope.
  int predicted_out_of_scope = 0;  // Predicted out of scope.
  int out_of_scope_right = 0;      // Both.
  double log_loss = 0;             // Summed over the questions.
  double train_ms = 0;             // Summed over the folds.
  double search_ms = 0;            // Choosing C, summed over the folds.
  double memory_bytes = 0;         // Summed over the folds.
  int folds = 0;
  std::vector<double> predict_us;
  std::vector<double> regularisations;  // Chosen in each fold.

  void Add(const Tally& other) {
    questions += other.questions;
    top1 += other.top1;
    top3 += other.top3;
    out_of_scope += other.out_of_scope;
    predicted_out_of_scope += other.predicted_out_of_scope;
    out_of_scope_right += other.out_of_scope_right;
    log_loss += other.log_loss;
    train_ms += other.train_ms;
    search_ms += other.search_ms;
    memory_bytes += other.memory_bytes;
    folds += other.folds;
    predict_us.insert(predict_us.end(), other.predict_us.begin(), other.predict_us.end());
    regularisations.insert(regularisations.end(), other.regularisations.begin(),
                           other.regularisations.end());
  }
};

// The first label with the highest score.
int Best(const std::vector<double>& scores) {
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

// How many labels rank before `label`: higher scores, and equal scores of
// labels before it.
int Rank(const std::vector<double>& scores, int label) {
  const double score = scores[static_cast<size_t>(label)];
  int rank = 0;
  for (size_t l = 0; l < scores.size(); ++l) {
    if (scores[l] > score || (scores[l] == score && static_cast<int>(l) < label)) ++rank;
  }
  return rank;
}

// Scores `classifier` on `questions`, then times its predictions of them.
void Score(const Classifier& classifier, const std::vector<const Example*>& questions,
           int out_of_scope, Tally* tally) {
  std::vector<double> scores;
  for (const Example* example : questions) {
    classifier.Predict(example->question, &scores);
    const int best = Best(scores);
    const int rank = Rank(scores, example->label);
    tally->questions++;
    tally->top1 += rank == 0 ? 1 : 0;
    tally->top3 += rank < 3 ? 1 : 0;
    const bool is_out = example->label == out_of_scope;
    const bool predicted_out = best == out_of_scope;
    tally->out_of_scope += is_out ? 1 : 0;
    tally->predicted_out_of_scope += predicted_out ? 1 : 0;
    tally->out_of_scope_right += is_out && predicted_out ? 1 : 0;
    tally->log_loss -=
        std::log(std::max(kMinProbability, scores[static_cast<size_t>(example->label)]));
  }
  for (const Example* example : questions) {
    const Clock::time_point start = Clock::now();
    classifier.Predict(example->question, &scores);
    tally->predict_us.push_back(1000 * MillisecondsSince(start));
  }
}

std::vector<const Example*> Select(const std::vector<const Example*>& examples,
                                   const std::string& writer, bool of_writer) {
  std::vector<const Example*> out;
  for (const Example* example : examples) {
    if ((example->writer == writer) == of_writer) out.push_back(example);
  }
  return out;
}

// The regularisation that gets most first choices right on `training`,
// each of its writers predicted by a model trained on the others; the
// smallest of equals. 0 when the method has none to choose.
double ChooseRegularisation(const Method& method, const std::vector<const Example*>& training,
                            int label_count) {
  const std::vector<double> candidates = method.regularisations();
  if (candidates.empty()) return 0;
  if (candidates.size() == 1) return candidates.front();
  std::set<std::string> writers;
  for (const Example* example : training) writers.insert(example->writer);
  double best = candidates.front();
  int best_right = -1;
  for (const double regularisation : candidates) {
    int right = 0;
    std::vector<double> scores;
    for (const std::string& writer : writers) {
      const std::unique_ptr<const Classifier> classifier =
          method.Train(Select(training, writer, false), label_count, regularisation);
      for (const Example* example : Select(training, writer, true)) {
        classifier->Predict(example->question, &scores);
        right += Best(scores) == example->label ? 1 : 0;
      }
    }
    if (right > best_right) {
      best_right = right;
      best = regularisation;
    }
  }
  return best;
}

Tally EvaluateFold(const Method& method, const std::vector<const Example*>& examples,
                   const std::string& writer, int label_count, int out_of_scope) {
  Tally tally;
  tally.folds = 1;
  const std::vector<const Example*> training = Select(examples, writer, false);
  Clock::time_point start = Clock::now();
  const double regularisation = ChooseRegularisation(method, training, label_count);
  tally.search_ms = MillisecondsSince(start);
  if (!method.regularisations().empty()) tally.regularisations.push_back(regularisation);
  start = Clock::now();
  const std::unique_ptr<const Classifier> classifier =
      method.Train(training, label_count, regularisation);
  tally.train_ms = MillisecondsSince(start);
  tally.memory_bytes = static_cast<double>(classifier->memory_bytes());
  Score(*classifier, Select(examples, writer, true), out_of_scope, &tally);
  return tally;
}

std::string Percent(int part, int whole) {
  if (whole == 0) return "–";
  return absl::StrFormat("%.1f %%", 100.0 * part / whole);
}

std::string Median(std::vector<double> values) {
  if (values.empty()) return "–";
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return absl::StrFormat("%.1f", *middle);
}

std::string Regularisations(const std::vector<double>& values) {
  if (values.empty()) return "–";
  std::vector<std::string> out;
  for (const double value : values) out.push_back(absl::StrFormat("%g", value));
  return absl::StrJoin(out, ", ");
}

std::string Row(const std::string& name, const std::string& held_out, const Tally& t,
                bool has_probabilities) {
  return absl::StrFormat(
      "| %s | %s | %d | %s | %s | %s | %s | %s | %.0f | %s | %.0f | %s | %s |", name, held_out,
      t.questions, Percent(t.top1, t.questions), Percent(t.top3, t.questions),
      Percent(t.out_of_scope_right, t.out_of_scope),
      Percent(t.out_of_scope_right, t.predicted_out_of_scope),
      has_probabilities ? absl::StrFormat("%.3f", t.log_loss / std::max(1, t.questions)) : "–",
      t.train_ms / std::max(1, t.folds),
      t.regularisations.empty() ? "–" : absl::StrFormat("%.0f", t.search_ms / std::max(1, t.folds)),
      t.memory_bytes / std::max(1, t.folds), Median(t.predict_us),
      Regularisations(t.regularisations));
}

std::vector<std::unique_ptr<const Method>> Methods(const FeatureHasher& hasher) {
  std::vector<double> regularisations;
  for (const std::string& value : absl::GetFlag(FLAGS_regularisations)) {
    double c = 0;
    if (!absl::SimpleAtod(value, &c) || c <= 0) {
      std::fprintf(stderr, "--regularisations: \"%s\" is not a positive number\n", value.c_str());
      std::exit(2);
    }
    regularisations.push_back(c);
  }
  std::sort(regularisations.begin(), regularisations.end());
  struct Solver {
    const char* key;
    const char* name;
    int solver;
  };
  constexpr Solver kSolvers[] = {{"lr", "L2R_LR", L2R_LR},
                                 {"svc", "L2R_L2LOSS_SVC_DUAL", L2R_L2LOSS_SVC_DUAL},
                                 {"lrd", "L2R_LR_DUAL", L2R_LR_DUAL},
                                 {"cs", "MCSVM_CS", MCSVM_CS}};
  std::vector<std::unique_ptr<const Method>> methods;
  for (const std::string& key : absl::GetFlag(FLAGS_classifiers)) {
    if (key == "served") {
      methods.push_back(std::make_unique<ServedMethod>());
      continue;
    }
    const std::pair<std::string, std::string> parts = absl::StrSplit(key, '-');
    const bool tf_idf = parts.second == "tfidf";
    const Solver* solver = nullptr;
    for (const Solver& s : kSolvers) {
      if (parts.first == s.key) solver = &s;
    }
    if (solver == nullptr || (!tf_idf && parts.second != "counts")) {
      std::fprintf(stderr, "--classifiers: unknown classifier \"%s\"\n", key.c_str());
      std::exit(2);
    }
    methods.push_back(std::make_unique<LinearMethod>(
        absl::StrCat("liblinear ", solver->name, tf_idf ? ", tf-idf" : ", counts"), solver->solver,
        tf_idf ? Weighting::kTfIdf : Weighting::kCounts, hasher, regularisations));
  }
  return methods;
}

int Run() {
  absl::StatusOr<v1::KnowledgeBase> knowledge_base =
      knowledge_base::LoadKnowledgeBaseFileOrDefault(absl::GetFlag(FLAGS_knowledge_base));
  if (!knowledge_base.ok()) {
    std::fprintf(stderr, "%s\n", knowledge_base.status().ToString().c_str());
    return 2;
  }
  const Examples data = ExamplesOf(*knowledge_base);
  std::vector<const Example*> examples;
  for (const Example& example : data.examples) examples.push_back(&example);
  std::vector<std::string> held_out = absl::GetFlag(FLAGS_held_out);
  if (held_out.empty()) held_out = data.writers;
  for (const std::string& writer : held_out) {
    if (std::find(data.writers.begin(), data.writers.end(), writer) == data.writers.end()) {
      std::fprintf(stderr, "--held_out: no examples by \"%s\"\n", writer.c_str());
      return 2;
    }
  }
  const engines::QuestionModelOptions options;
  const FeatureHasher hasher(options.buckets, options.min_char_ngram, options.max_char_ngram);
  const std::vector<std::unique_ptr<const Method>> methods = Methods(hasher);
  const int label_count = static_cast<int>(data.labels.size());

  std::printf("%zu example questions by %zu writers, %d labels; %d buckets.\n\n",
              data.examples.size(), data.writers.size(), label_count, options.buckets);
  const char* header =
      "| classifier | held out | questions | top-1 | top-3 | out-of-scope recall | out-of-scope "
      "precision | log-loss | train ms | C search ms | memory (bytes) | predict µs (median) | C "
      "|\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
  std::printf("%s", header);
  std::vector<Tally> pooled(methods.size());
  for (const std::string& writer : held_out) {
    for (size_t m = 0; m < methods.size(); ++m) {
      const Tally tally =
          EvaluateFold(*methods[m], examples, writer, label_count, data.out_of_scope);
      std::printf("%s\n",
                  Row(methods[m]->name(), writer, tally, methods[m]->has_probabilities()).c_str());
      std::fflush(stdout);
      pooled[m].Add(tally);
    }
  }
  std::printf("\nPooled over the held-out writers (times and memory: mean per fold):\n\n%s",
              header);
  for (size_t m = 0; m < methods.size(); ++m) {
    std::printf("%s\n",
                Row(methods[m]->name(), "all", pooled[m], methods[m]->has_probabilities()).c_str());
  }
  return 0;
}

}  // namespace
}  // namespace advisor::eval

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  set_print_string_function([](const char*) {});  // liblinear's progress lines.
  return advisor::eval::Run();
}

#include "service/engines/question_model.h"

#include <cmath>
#include <cstdlib>
#include <mutex>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include "linear.h"
#include "service/engines/linear_problem.h"

namespace advisor::engines {
namespace {

// liblinear's training is serialised: its dual solver shuffles with the
// process's rand(), seeded before each training so that a knowledge base
// always gives the same model.
std::mutex& TrainingMutex() {
  static std::mutex mutex;
  return mutex;
}

void SilenceLiblinear() {
  static std::once_flag once;
  std::call_once(once, [] { set_print_string_function([](const char*) {}); });
}

float Logistic(float score) { return 1.0F / (1.0F + std::exp(-score)); }

}  // namespace

struct QuestionModel::Impl {
  Impl(const QuestionModelOptions& options)
      : hasher(options.buckets, options.min_char_ngram, options.max_char_ngram) {}

  text::FeatureHasher hasher;
  // Our label of each of liblinear's classes, in its order.
  std::vector<int> label_of_class;
  // The weights of bucket b (the bias last, at b = buckets) for class c at
  // [b * weight_vectors + c]; with two classes liblinear keeps one vector,
  // for its first class.
  std::vector<float> weights;
  int weight_vectors = 0;
  std::vector<float> prior;
};

QuestionModel::QuestionModel(std::unique_ptr<Impl> impl, int label_count)
    : impl_(std::move(impl)), label_count_(label_count) {}

QuestionModel::~QuestionModel() = default;

void QuestionModel::Features(absl::string_view question,
                             std::vector<text::HashedFeature>* features) const {
  impl_->hasher.Count(question, features);
  text::FeatureWeights().Apply(features);  // Counts, scaled to unit length.
}

absl::StatusOr<std::unique_ptr<const QuestionModel>> QuestionModel::Train(
    const std::vector<LabelledQuestion>& examples, int label_count,
    const QuestionModelOptions& options) {
  if (examples.empty() || label_count <= 0) {
    return absl::InvalidArgumentError("the question model needs example questions");
  }
  if (options.buckets <= 0 || options.min_char_ngram <= 0 ||
      options.max_char_ngram < options.min_char_ngram) {
    return absl::InvalidArgumentError("invalid question model options");
  }
  auto impl = std::make_unique<Impl>(options);
  std::unique_ptr<QuestionModel> trained_model(new QuestionModel(std::move(impl), label_count));
  Impl& model_impl = *trained_model->impl_;

  LinearProblem linear_problem(options.buckets);
  std::vector<float> prior(static_cast<size_t>(label_count));
  std::vector<text::HashedFeature> features;
  for (const LabelledQuestion& example : examples) {
    if (example.label < 0 || example.label >= label_count) {
      return absl::InvalidArgumentError(
          absl::StrCat("label ", example.label, " of \"", example.question, "\" is out of range"));
    }
    trained_model->Features(example.question, &features);
    if (features.empty()) continue;
    linear_problem.Add(features, example.label);
    prior[static_cast<size_t>(example.label)] += 1;
  }
  if (linear_problem.size() == 0) {
    return absl::InvalidArgumentError("no example question has a word");
  }
  float total = 0;
  for (const float count : prior) total += count;
  for (float& p : prior) p /= total;
  model_impl.prior = std::move(prior);

  const problem& prob = linear_problem.Get();
  const parameter param = DualLogisticRegression(options.regularisation, options.tolerance);
  if (const char* problem = check_parameter(&prob, &param); problem != nullptr) {
    return absl::InternalError(absl::StrCat("invalid question model options: ", problem));
  }
  SilenceLiblinear();
  LinearModel trained;
  {
    const std::lock_guard<std::mutex> lock(TrainingMutex());
    std::srand(options.seed);
    trained.reset(train(&prob, &param));
  }
  if (trained == nullptr) return absl::InternalError("training the question model failed");

  const int classes = trained->nr_class;
  model_impl.label_of_class.assign(trained->label, trained->label + classes);
  // One class: liblinear's weights are not read; Predict gives it all.
  model_impl.weight_vectors = classes > 2 ? classes : (classes == 2 ? 1 : 0);
  const size_t vectors = static_cast<size_t>(model_impl.weight_vectors);
  const size_t feature_rows = static_cast<size_t>(linear_problem.bias_index());
  model_impl.weights.resize(feature_rows * vectors);
  for (size_t i = 0; i < model_impl.weights.size(); ++i) {
    model_impl.weights[i] = static_cast<float>(trained->w[i]);
  }
  return std::unique_ptr<const QuestionModel>(std::move(trained_model));
}

void QuestionModel::Predict(absl::string_view question, std::vector<float>* probabilities) const {
  const Impl& impl = *impl_;
  thread_local std::vector<text::HashedFeature> features;
  Features(question, &features);
  if (features.empty()) {
    *probabilities = impl.prior;
    return;
  }
  probabilities->assign(static_cast<size_t>(label_count_), 0.0F);
  const size_t classes = impl.label_of_class.size();
  if (classes == 1) {
    (*probabilities)[static_cast<size_t>(impl.label_of_class[0])] = 1.0F;
    return;
  }
  const size_t vectors = static_cast<size_t>(impl.weight_vectors);
  thread_local std::vector<float> scores;
  // Starts from the bias feature's weights (its value is 1).
  const float* bias = impl.weights.data() + static_cast<size_t>(impl.hasher.buckets()) * vectors;
  scores.assign(bias, bias + vectors);
  for (const text::HashedFeature& feature : features) {
    const float* row = impl.weights.data() + static_cast<size_t>(feature.bucket) * vectors;
    const auto value = static_cast<float>(feature.value);
    for (size_t c = 0; c < vectors; ++c) scores[c] += row[c] * value;
  }
  if (classes == 2) {
    const float first = Logistic(scores[0]);
    (*probabilities)[static_cast<size_t>(impl.label_of_class[0])] = first;
    (*probabilities)[static_cast<size_t>(impl.label_of_class[1])] = 1.0F - first;
    return;
  }
  float sum = 0;
  for (float& score : scores) {
    score = Logistic(score);
    sum += score;
  }
  for (size_t c = 0; c < classes; ++c) {
    (*probabilities)[static_cast<size_t>(impl.label_of_class[c])] = scores[c] / sum;
  }
}

size_t QuestionModel::memory_bytes() const {
  return impl_->weights.size() * sizeof(float) + impl_->prior.size() * sizeof(float) +
         impl_->label_of_class.size() * sizeof(int);
}

}  // namespace advisor::engines

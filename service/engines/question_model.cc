#include "service/engines/question_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include "linear.h"
#include "service/engines/linear_problem.h"
#include "service/text/tokenizer.h"

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

// The sum of the squared counts of the buckets in `occurrences` (each in
// [0, bucket_count)): a count grows by one at each occurrence, adding
// 2 * count + 1. Counted in a per-thread array stamped by the call, which
// is cheaper than sorting the occurrences, and left as it is between calls.
double SquaredCounts(const std::vector<int>& occurrences, int bucket_count) {
  struct Counter {
    uint32_t stamp = 0;
    uint32_t count = 0;
  };
  thread_local std::vector<Counter> counters;
  thread_local uint32_t stamp = 0;
  if (counters.size() < static_cast<size_t>(bucket_count)) {
    counters.resize(static_cast<size_t>(bucket_count));
  }
  if (++stamp == 0) {  // Wrapped: no counter may look current.
    std::fill(counters.begin(), counters.end(), Counter());
    stamp = 1;
  }
  double squares = 0;
  for (const int bucket : occurrences) {
    Counter& counter = counters[static_cast<size_t>(bucket)];
    if (counter.stamp != stamp) counter = Counter{stamp, 0};
    squares += 2.0 * counter.count + 1;
    ++counter.count;
  }
  return squares;
}

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

  // Each example word's own features (the word and its character n-grams)
  // computed once: a question's score is linear in its bucket counts, so a
  // known word adds its precomputed sum of weight rows (one row read
  // instead of one per n-gram, about twenty) and its buckets, which the
  // question's length needs.
  struct KnownWord {
    uint32_t first_bucket = 0;  // Into word_buckets.
    uint32_t bucket_count = 0;
    uint32_t weight_sum = 0;  // Into word_weight_sums, weight_vectors floats.
  };
  absl::flat_hash_map<std::string, KnownWord> known_words;
  std::vector<int> word_buckets;
  std::vector<float> word_weight_sums;

  const float* Row(int bucket) const {
    return weights.data() + static_cast<size_t>(bucket) * static_cast<size_t>(weight_vectors);
  }
  void Remember(absl::string_view word);
};

void QuestionModel::Impl::Remember(absl::string_view word) {
  if (known_words.contains(word)) return;
  const size_t vectors = static_cast<size_t>(weight_vectors);
  KnownWord known;
  known.first_bucket = static_cast<uint32_t>(word_buckets.size());
  hasher.AddWordBuckets(word, &word_buckets);
  known.bucket_count = static_cast<uint32_t>(word_buckets.size()) - known.first_bucket;
  known.weight_sum = static_cast<uint32_t>(word_weight_sums.size());
  word_weight_sums.resize(word_weight_sums.size() + vectors, 0.0F);
  float* sum = word_weight_sums.data() + known.weight_sum;
  for (uint32_t i = 0; i < known.bucket_count; ++i) {
    const float* row = Row(word_buckets[known.first_bucket + i]);
    for (size_t c = 0; c < vectors; ++c) sum[c] += row[c];
  }
  known_words.emplace(word, known);
}

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
  if (classes > 1) {
    text::FoldedWords words;
    for (const LabelledQuestion& example : examples) {
      text::FoldWordsInto(example.question, &words);
      for (const absl::string_view word : words.words) model_impl.Remember(word);
    }
  }
  return std::unique_ptr<const QuestionModel>(std::move(trained_model));
}

void QuestionModel::Predict(absl::string_view question, std::vector<float>* probabilities) const {
  const Impl& impl = *impl_;
  thread_local text::FoldedWords words;
  text::FoldWordsInto(question, &words);
  if (words.words.empty()) {
    *probabilities = impl.prior;
    return;
  }
  probabilities->assign(static_cast<size_t>(label_count_), 0.0F);
  const size_t classes = impl.label_of_class.size();
  if (classes == 1) {
    (*probabilities)[static_cast<size_t>(impl.label_of_class[0])] = 1.0F;
    return;
  }
  // The dot product with the unit-length counts (Features()): the weight
  // rows of every occurrence of a bucket, summed, over the counts' length.
  const size_t vectors = static_cast<size_t>(impl.weight_vectors);
  thread_local std::vector<float> sums;
  thread_local std::vector<int> buckets;
  sums.assign(vectors, 0.0F);
  buckets.clear();
  auto add_row = [&](const float* row) {
    for (size_t c = 0; c < vectors; ++c) sums[c] += row[c];
  };
  for (size_t i = 0; i < words.words.size(); ++i) {
    const absl::string_view word = words.words[i];
    if (const auto known = impl.known_words.find(word); known != impl.known_words.end()) {
      const auto first = impl.word_buckets.begin() + known->second.first_bucket;
      buckets.insert(buckets.end(), first, first + known->second.bucket_count);
      add_row(impl.word_weight_sums.data() + known->second.weight_sum);
    } else {
      const size_t first = buckets.size();
      impl.hasher.AddWordBuckets(word, &buckets);
      for (size_t b = first; b < buckets.size(); ++b) add_row(impl.Row(buckets[b]));
    }
    if (i + 1 < words.words.size()) {
      buckets.push_back(impl.hasher.PairBucket(word, words.words[i + 1]));
      add_row(impl.Row(buckets.back()));
    }
  }
  const auto scale =
      static_cast<float>(1 / std::sqrt(SquaredCounts(buckets, impl.hasher.buckets())));
  // Plus the bias feature's weights (its value is 1).
  const float* bias = impl.Row(impl.hasher.buckets());
  thread_local std::vector<float> scores;
  scores.resize(vectors);
  for (size_t c = 0; c < vectors; ++c) scores[c] = bias[c] + sums[c] * scale;
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
  return (impl_->weights.size() + impl_->prior.size() + impl_->word_weight_sums.size()) *
             sizeof(float) +
         (impl_->label_of_class.size() + impl_->word_buckets.size()) * sizeof(int);
}

}  // namespace advisor::engines

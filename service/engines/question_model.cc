#include "service/engines/question_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

#include "linear.h"
#include "service/engines/linear_problem.h"
#include "service/text/tokenizer.h"
#include "zlib.h"

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

// What a model was trained from, summed up: zlib's CRC-32 and Adler-32 of
// the options, the label count and every example with its label (two
// unrelated checksums, so that a changed knowledge base is not mistaken
// for the one a serialised model was trained from), and the example count.
struct TrainingStamp {
  uint32_t crc = 0;
  uint32_t adler = 0;
  uint32_t examples = 0;

  bool operator==(const TrainingStamp& other) const {
    return crc == other.crc && adler == other.adler && examples == other.examples;
  }
};

TrainingStamp StampOf(const std::vector<LabelledQuestion>& examples, int label_count,
                      const QuestionModelOptions& options) {
  uLong crc = crc32(0, Z_NULL, 0);
  uLong adler = adler32(0, Z_NULL, 0);
  auto add_bytes = [&](absl::string_view bytes) {
    const auto* data = reinterpret_cast<const Bytef*>(bytes.data());
    crc = crc32(crc, data, static_cast<uInt>(bytes.size()));
    adler = adler32(adler, data, static_cast<uInt>(bytes.size()));
  };
  auto add_number = [&](uint64_t value) {
    char little_endian[8];
    for (int i = 0; i < 8; ++i) little_endian[i] = static_cast<char>((value >> (8 * i)) & 0xFFU);
    add_bytes(absl::string_view(little_endian, sizeof(little_endian)));
  };
  auto add_double = [&](double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(bits));
    add_number(bits);
  };
  add_number(static_cast<uint64_t>(label_count));
  add_number(static_cast<uint64_t>(options.buckets));
  add_number(static_cast<uint64_t>(options.min_char_ngram));
  add_number(static_cast<uint64_t>(options.max_char_ngram));
  add_double(options.regularisation);
  add_double(options.tolerance);
  add_number(options.seed);
  for (const LabelledQuestion& example : examples) {
    add_number(static_cast<uint64_t>(example.label));
    add_number(example.question.size());
    add_bytes(example.question);
  }
  return {static_cast<uint32_t>(crc), static_cast<uint32_t>(adler),
          static_cast<uint32_t>(examples.size())};
}

// The serialised model (QuestionModel::Serialize): this magic, then 32-bit
// little-endian words: the stamp (crc, adler, examples), the label count,
// liblinear's class count, the weight vectors and the weight rows, each
// class's label, the labels' prior and the weights, row by row.
constexpr absl::string_view kModelMagic = "AQM1";

void AppendWord(uint32_t word, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((word >> (8 * i)) & 0xFFU));
}

void AppendFloat(float value, std::string* out) {
  uint32_t word = 0;
  std::memcpy(&word, &value, sizeof(word));
  AppendWord(word, out);
}

// Reads the words of a serialised model in order; fails once past its end.
class WordReader {
 public:
  explicit WordReader(absl::string_view bytes) : bytes_(bytes) {}

  bool Read(uint32_t* word) {
    if (bytes_.size() < 4) return false;
    *word = 0;
    for (int i = 0; i < 4; ++i) {
      *word |= static_cast<uint32_t>(static_cast<unsigned char>(bytes_[static_cast<size_t>(i)]))
               << (8 * i);
    }
    bytes_.remove_prefix(4);
    return true;
  }
  bool Read(float* value) {
    uint32_t word = 0;
    if (!Read(&word)) return false;
    std::memcpy(value, &word, sizeof(word));
    return true;
  }
  size_t words_left() const { return bytes_.size() / 4; }
  bool at_end() const { return bytes_.empty(); }

 private:
  absl::string_view bytes_;
};

}  // namespace

struct QuestionModel::Impl {
  Impl(const QuestionModelOptions& options)
      : hasher(options.buckets, options.min_char_ngram, options.max_char_ngram) {}

  text::FeatureHasher hasher;
  TrainingStamp stamp;
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
  // Remembers every word of the examples (KnownWord), once the weights are
  // set.
  void RememberExampleWords(const std::vector<LabelledQuestion>& examples);
};

void QuestionModel::Impl::RememberExampleWords(const std::vector<LabelledQuestion>& examples) {
  if (label_of_class.size() < 2) return;
  text::FoldedWords words;
  for (const LabelledQuestion& example : examples) {
    text::FoldWordsInto(example.question, &words);
    for (const absl::string_view word : words.words) Remember(word);
  }
}

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
  model_impl.stamp = StampOf(examples, label_count, options);
  model_impl.RememberExampleWords(examples);
  return std::unique_ptr<const QuestionModel>(std::move(trained_model));
}

std::string QuestionModel::Serialize() const {
  const Impl& impl = *impl_;
  std::string out(kModelMagic);
  AppendWord(impl.stamp.crc, &out);
  AppendWord(impl.stamp.adler, &out);
  AppendWord(impl.stamp.examples, &out);
  AppendWord(static_cast<uint32_t>(label_count_), &out);
  AppendWord(static_cast<uint32_t>(impl.label_of_class.size()), &out);
  AppendWord(static_cast<uint32_t>(impl.weight_vectors), &out);
  const size_t rows =
      impl.weight_vectors > 0 ? impl.weights.size() / static_cast<size_t>(impl.weight_vectors) : 0;
  AppendWord(static_cast<uint32_t>(rows), &out);
  out.reserve(out.size() +
              4 * (impl.label_of_class.size() + impl.prior.size() + impl.weights.size()));
  for (const int label : impl.label_of_class) AppendWord(static_cast<uint32_t>(label), &out);
  for (const float p : impl.prior) AppendFloat(p, &out);
  for (const float w : impl.weights) AppendFloat(w, &out);
  return out;
}

absl::StatusOr<std::unique_ptr<const QuestionModel>> QuestionModel::Load(
    absl::string_view bytes, const std::vector<LabelledQuestion>& examples, int label_count,
    const QuestionModelOptions& options) {
  const absl::Status damaged = absl::DataLossError("not a whole serialised question model");
  if (!absl::StartsWith(bytes, kModelMagic)) return damaged;
  WordReader reader(bytes.substr(kModelMagic.size()));
  TrainingStamp stamp;
  uint32_t labels = 0;
  uint32_t classes = 0;
  uint32_t vectors = 0;
  uint32_t rows = 0;
  if (!reader.Read(&stamp.crc) || !reader.Read(&stamp.adler) || !reader.Read(&stamp.examples) ||
      !reader.Read(&labels) || !reader.Read(&classes) || !reader.Read(&vectors) ||
      !reader.Read(&rows)) {
    return damaged;
  }
  if (!(stamp == StampOf(examples, label_count, options))) {
    return absl::NotFoundError("the serialised question model was trained from other examples");
  }
  const uint64_t expected_words =
      uint64_t{classes} + labels + static_cast<uint64_t>(rows) * vectors;
  const bool vectors_fit = classes > 2 ? vectors == classes : vectors == (classes == 2 ? 1 : 0);
  if (labels != static_cast<uint32_t>(label_count) || classes == 0 || classes > labels ||
      !vectors_fit || (vectors > 0 && rows != static_cast<uint32_t>(options.buckets) + 1) ||
      reader.words_left() != expected_words) {
    return damaged;
  }
  auto impl = std::make_unique<Impl>(options);
  impl->stamp = stamp;
  impl->weight_vectors = static_cast<int>(vectors);
  impl->label_of_class.resize(classes);
  for (int& label : impl->label_of_class) {
    uint32_t word = 0;
    reader.Read(&word);
    if (word >= labels) return damaged;
    label = static_cast<int>(word);
  }
  impl->prior.resize(labels);
  for (float& p : impl->prior) reader.Read(&p);
  impl->weights.resize(static_cast<size_t>(rows) * vectors);
  for (float& w : impl->weights) reader.Read(&w);
  if (!reader.at_end()) return damaged;
  impl->RememberExampleWords(examples);
  return std::unique_ptr<const QuestionModel>(new QuestionModel(std::move(impl), label_count));
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

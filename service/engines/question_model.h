#ifndef ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_H_
#define ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "service/text/hashed_features.h"

namespace advisor::engines {

// One training example: a question and the label of what answers it.
struct LabelledQuestion {
  std::string question;
  int label = 0;
};

// How the question model is trained. The defaults are documented with
// their measured reasons in docs/adr/0007-a-trained-question-model.md.
struct QuestionModelOptions {
  // Hash buckets of the words, word pairs and character n-grams
  // (text::FeatureHasher).
  int buckets = 40000;
  // Character n-grams of 3 to 5 letters: misspellings ("pytroch") share
  // most of theirs with the right word.
  int min_char_ngram = 3;
  int max_char_ngram = 5;
  // liblinear's C: larger fits the examples more closely, at a longer
  // training.
  double regularisation = 16;
  // liblinear's stopping tolerance: ten times its default for the dual
  // solver trains in a third of the time with the same top-1 and log-loss
  // on held-out example writers (ADR 0009).
  double tolerance = 1.0;
  // Seed of the dual solver's shuffling, so that a knowledge base always
  // gives the same model.
  unsigned seed = 1;
};

// A text classifier from questions to labels (0 .. label_count - 1): one
// L2-regularised logistic regression per label against the rest, trained
// with liblinear (solver L2R_LR_DUAL) over a question's hashed features
// (text::FeatureHasher), L2-normalised, plus a bias. Inference reads the
// trained weights: a label's score is its weights' dot product with the
// question's features, its probability the logistic of the score,
// normalised over the labels, as liblinear's predict_probability computes
// it. Immutable once trained; safe to share between threads.
class QuestionModel {
 public:
  // Trains on `examples`, whose labels must lie in [0, label_count).
  // Deterministic. INVALID_ARGUMENT without examples or with a label out of
  // range; INTERNAL when liblinear refuses its parameters.
  static absl::StatusOr<std::unique_ptr<const QuestionModel>> Train(
      const std::vector<LabelledQuestion>& examples, int label_count,
      const QuestionModelOptions& options);

  // The model as bytes, stamped with what it was trained from (the
  // examples, label count and options), for Load() in a build of the same
  // source: the default knowledge base's model is trained when the server
  // is compiled and embedded in it (built_in_question_model.h).
  std::string Serialize() const;

  // The model `bytes` holds (Serialize()) when it was trained from exactly
  // `examples`, `label_count` and `options`, as Train() would give it.
  // NOT_FOUND when it was trained from anything else; DATA_LOSS when
  // `bytes` is not a whole model.
  static absl::StatusOr<std::unique_ptr<const QuestionModel>> Load(
      absl::string_view bytes, const std::vector<LabelledQuestion>& examples, int label_count,
      const QuestionModelOptions& options);

  ~QuestionModel();
  QuestionModel(const QuestionModel&) = delete;
  QuestionModel& operator=(const QuestionModel&) = delete;

  int label_count() const { return label_count_; }

  // Fills `probabilities` (resized to label_count()) with each label's
  // probability for `question`; they sum to 1. A question without words
  // gets the labels' prior; a label without examples gets 0.
  void Predict(absl::string_view question, std::vector<float>* probabilities) const;

  // The features the model reads for `question`: its hashed features'
  // counts, scaled to unit length, sorted by bucket.
  void Features(absl::string_view question, std::vector<text::HashedFeature>* features) const;

  // Bytes held by the weights and the example words' precomputed sums.
  size_t memory_bytes() const;

 private:
  struct Impl;
  QuestionModel(std::unique_ptr<Impl> impl, int label_count);

  std::unique_ptr<Impl> impl_;
  int label_count_ = 0;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_H_

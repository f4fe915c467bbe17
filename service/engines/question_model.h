#ifndef ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_H_
#define ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace advisor::engines {

// One training example: a question and the label of what answers it.
struct LabelledQuestion {
  std::string question;
  int label = 0;
};

// How the question model is trained; fastText's supervised options
// (https://fasttext.cc/docs/en/options.html). The defaults are documented
// with their measured reasons in docs/adr/0007-a-trained-question-model.md.
struct QuestionModelOptions {
  // Size of a word's and a character n-gram's vector.
  int dimension = 32;
  // Passes over the examples; few examples per label need many.
  int epochs = 25;
  double learning_rate = 0.5;
  // Word n-grams: 2 adds pairs of neighbouring words ("how much").
  int word_ngrams = 2;
  // Character n-grams of 3 to 5 letters: misspellings ("pytroch") share
  // most of theirs with the right word.
  int min_char_ngram = 3;
  int max_char_ngram = 5;
  // Hash buckets shared by character and word n-grams.
  int buckets = 40000;
  // Training uses one thread and this seed, so a knowledge base always
  // gives the same model.
  int seed = 1;
};

// A text classifier from questions to labels (0 .. label_count - 1),
// trained with fastText from example questions. Inference reads the trained
// matrices directly: a question's words and n-grams index rows of the input
// matrix, their mean is the question's vector, and a softmax over the output
// matrix gives each label's probability. Immutable once trained; safe to
// share between threads.
class QuestionModel {
 public:
  // Trains on `examples`, whose labels must lie in [0, label_count).
  // Deterministic. INVALID_ARGUMENT without examples or with a label out of
  // range; INTERNAL when fastText fails.
  static absl::StatusOr<std::unique_ptr<const QuestionModel>> Train(
      const std::vector<LabelledQuestion>& examples, int label_count,
      const QuestionModelOptions& options);

  ~QuestionModel();
  QuestionModel(const QuestionModel&) = delete;
  QuestionModel& operator=(const QuestionModel&) = delete;

  int label_count() const { return label_count_; }

  // Fills `probabilities` (resized to label_count()) with each label's
  // probability for `question`; they sum to 1. A question without words
  // gets the labels' prior.
  void Predict(absl::string_view question, std::vector<float>* probabilities) const;

  // The words fastText is given for `question`: folded, split into words
  // and joined by spaces, as the examples were when training.
  static std::string TrainingText(absl::string_view question);

  // The fastText command line (program name first) Train uses on the examples written
  // to `input` (one "__label__N words" line each), for fastText's
  // Args::parseArgs.
  static std::vector<std::string> FastTextArguments(const QuestionModelOptions& options,
                                                    const std::string& input);

  // Bytes held by the matrices.
  size_t memory_bytes() const;

 private:
  struct Impl;
  QuestionModel(std::unique_ptr<Impl> impl, int label_count);

  std::unique_ptr<Impl> impl_;
  int label_count_ = 0;
};

}  // namespace advisor::engines

#endif  // ADVISOR_SERVICE_ENGINES_QUESTION_MODEL_H_

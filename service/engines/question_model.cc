#include "service/engines/question_model.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

#include "fasttext/args.h"
#include "fasttext/densematrix.h"
#include "fasttext/dictionary.h"
#include "fasttext/fasttext.h"
#include "service/text/tokenizer.h"
#include <sys/mman.h>
#include <unistd.h>

namespace advisor::engines {
namespace {

constexpr absl::string_view kLabelPrefix = "__label__";
// fastText's multiplier when it hashes a word n-gram from its words'
// hashes (Dictionary::addWordNgrams, private in fastText 0.9.2; fenced by
// question_model_test's comparison with FastText::predictLine).
constexpr uint64_t kWordNgramHashMultiplier = 116049371;

// An anonymous in-memory file holding `contents`, closed on destruction:
// fastText trains from a file name, and the server may run on a read-only
// file system.
class MemoryFile {
 public:
  static absl::StatusOr<MemoryFile> Create(const std::string& contents) {
    const int fd = memfd_create("advisor-question-examples", MFD_CLOEXEC);
    if (fd < 0) return absl::InternalError("memfd_create failed for the example questions");
    MemoryFile file(fd);
    size_t written = 0;
    while (written < contents.size()) {
      const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
      if (n <= 0) return absl::InternalError("could not write the example questions");
      written += static_cast<size_t>(n);
    }
    return file;
  }
  MemoryFile(MemoryFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  MemoryFile& operator=(MemoryFile&&) = delete;
  ~MemoryFile() {
    if (fd_ >= 0) close(fd_);
  }
  // A path that opens the file anew, from its start.
  std::string path() const { return absl::StrCat("/proc/self/fd/", fd_); }

 private:
  explicit MemoryFile(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace

struct QuestionModel::Impl {
  fasttext::FastText fasttext;
  std::shared_ptr<const fasttext::Dictionary> dictionary;
  std::shared_ptr<const fasttext::DenseMatrix> input;
  std::shared_ptr<const fasttext::DenseMatrix> output;
  // fastText's label index -> ours.
  std::vector<int> label_of_output;
  int64_t dimension = 0;
  int32_t word_count = 0;
  int32_t word_ngrams = 1;
  uint64_t buckets = 1;
  std::vector<float> prior;
};

QuestionModel::QuestionModel(std::unique_ptr<Impl> impl, int label_count)
    : impl_(std::move(impl)), label_count_(label_count) {}

QuestionModel::~QuestionModel() = default;

std::string QuestionModel::TrainingText(absl::string_view question) {
  text::FoldedWords words;
  text::FoldWordsInto(question, &words);
  return absl::StrJoin(words.words, " ");
}

absl::StatusOr<std::unique_ptr<const QuestionModel>> QuestionModel::Train(
    const std::vector<LabelledQuestion>& examples, int label_count,
    const QuestionModelOptions& options) {
  if (examples.empty() || label_count <= 0) {
    return absl::InvalidArgumentError("the question model needs example questions");
  }
  std::string lines;
  std::vector<float> prior(static_cast<size_t>(label_count));
  for (const LabelledQuestion& example : examples) {
    if (example.label < 0 || example.label >= label_count) {
      return absl::InvalidArgumentError(
          absl::StrCat("label ", example.label, " of \"", example.question, "\" is out of range"));
    }
    const std::string words = TrainingText(example.question);
    if (words.empty()) continue;
    absl::StrAppend(&lines, kLabelPrefix, example.label, " ", words, "\n");
    prior[static_cast<size_t>(example.label)] += 1;
  }
  if (lines.empty()) return absl::InvalidArgumentError("no example question has a word");
  absl::StatusOr<MemoryFile> file = MemoryFile::Create(lines);
  if (!file.ok()) return file.status();

  fasttext::Args args;
  try {
    args.parseArgs(FastTextArguments(options, file->path()));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("invalid question model options: ", e.what()));
  }

  auto impl = std::make_unique<Impl>();
  try {
    impl->fasttext.train(args);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("training the question model failed: ", e.what()));
  }
  impl->dictionary = impl->fasttext.getDictionary();
  impl->input = impl->fasttext.getInputMatrix();
  impl->output = impl->fasttext.getOutputMatrix();
  impl->dimension = impl->fasttext.getDimension();
  impl->word_count = impl->dictionary->nwords();
  impl->word_ngrams = options.word_ngrams;
  impl->buckets = static_cast<uint64_t>(options.buckets);
  impl->label_of_output.resize(static_cast<size_t>(impl->dictionary->nlabels()));
  for (int32_t i = 0; i < impl->dictionary->nlabels(); ++i) {
    int label = 0;
    const std::string name = impl->dictionary->getLabel(i);
    if (!absl::SimpleAtoi(absl::string_view(name).substr(kLabelPrefix.size()), &label)) {
      return absl::InternalError(absl::StrCat("unexpected label \"", name, "\""));
    }
    impl->label_of_output[static_cast<size_t>(i)] = label;
  }
  float total = 0;
  for (const float count : prior) total += count;
  for (float& p : prior) p /= total;
  impl->prior = std::move(prior);
  return std::unique_ptr<const QuestionModel>(new QuestionModel(std::move(impl), label_count));
}

std::vector<std::string> QuestionModel::FastTextArguments(const QuestionModelOptions& options,
                                                          const std::string& input) {
  return {"fasttext",    "supervised",
          "-input",      input,
          "-output",     "unused",
          "-loss",       "softmax",
          "-dim",        absl::StrCat(options.dimension),
          "-epoch",      absl::StrCat(options.epochs),
          "-lr",         absl::StrCat(options.learning_rate),
          "-wordNgrams", absl::StrCat(options.word_ngrams),
          "-minn",       absl::StrCat(options.min_char_ngram),
          "-maxn",       absl::StrCat(options.max_char_ngram),
          "-bucket",     absl::StrCat(options.buckets),
          "-seed",       absl::StrCat(options.seed),
          "-minCount",   "1",
          "-thread",     "1",
          "-verbose",    "0",
          "-label",      std::string(kLabelPrefix)};
}

void QuestionModel::Predict(absl::string_view question, std::vector<float>* probabilities) const {
  const Impl& impl = *impl_;
  thread_local text::FoldedWords words;
  thread_local std::vector<int32_t> rows;
  // fastText keeps word hashes as int32_t and sign-extends them when it
  // combines them into a word n-gram's hash.
  thread_local std::vector<int32_t> word_hashes;
  thread_local std::string word;
  text::FoldWordsInto(question, &words);
  rows.clear();
  word_hashes.clear();
  // As fastText reads a line: each word's row (when known) and character
  // n-gram rows, then the end-of-sentence token, then word n-grams.
  auto add_word = [&](const std::string& token) {
    const std::vector<int32_t> subwords = impl.dictionary->getSubwords(token);
    rows.insert(rows.end(), subwords.begin(), subwords.end());
    word_hashes.push_back(static_cast<int32_t>(impl.dictionary->hash(token)));
  };
  for (const absl::string_view w : words.words) {
    word.assign(w.data(), w.size());
    add_word(word);
  }
  add_word(fasttext::Dictionary::EOS);
  for (size_t i = 0; i < word_hashes.size(); ++i) {
    auto widened = [](int32_t h) { return static_cast<uint64_t>(static_cast<int64_t>(h)); };
    uint64_t hash = widened(word_hashes[i]);
    for (size_t j = i + 1; j < word_hashes.size() && j < i + static_cast<size_t>(impl.word_ngrams);
         ++j) {
      hash = hash * kWordNgramHashMultiplier + widened(word_hashes[j]);
      rows.push_back(impl.word_count + static_cast<int32_t>(hash % impl.buckets));
    }
  }
  probabilities->assign(static_cast<size_t>(label_count_), 0.0F);
  if (words.words.empty() || rows.empty()) {
    *probabilities = impl.prior;
    return;
  }
  thread_local std::vector<float> hidden;
  hidden.assign(static_cast<size_t>(impl.dimension), 0.0F);
  for (const int32_t row : rows) {
    const float* values = impl.input->data() + static_cast<int64_t>(row) * impl.dimension;
    for (int64_t d = 0; d < impl.dimension; ++d) hidden[static_cast<size_t>(d)] += values[d];
  }
  const float scale = 1.0F / static_cast<float>(rows.size());
  for (float& h : hidden) h *= scale;
  thread_local std::vector<float> scores;
  const size_t labels = impl.label_of_output.size();
  scores.assign(labels, 0.0F);
  float highest = -INFINITY;
  for (size_t l = 0; l < labels; ++l) {
    const float* values = impl.output->data() + static_cast<int64_t>(l) * impl.dimension;
    float dot = 0;
    for (int64_t d = 0; d < impl.dimension; ++d) dot += values[d] * hidden[static_cast<size_t>(d)];
    scores[l] = dot;
    highest = std::max(highest, dot);
  }
  float sum = 0;
  for (float& s : scores) {
    s = std::exp(s - highest);
    sum += s;
  }
  for (size_t l = 0; l < labels; ++l) {
    (*probabilities)[static_cast<size_t>(impl.label_of_output[l])] = scores[l] / sum;
  }
}

size_t QuestionModel::memory_bytes() const {
  return static_cast<size_t>(impl_->input->size(0) * impl_->input->size(1) +
                             impl_->output->size(0) * impl_->output->size(1)) *
         sizeof(float);
}

}  // namespace advisor::engines

#include "service/engines/question_model.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "absl/container/flat_hash_map.h"
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

// fastText's hash of a string (Dictionary::hash: 32-bit FNV-1a over the
// bytes read as signed chars), recomputed here so that the trained model
// need not keep fastText's Dictionary, whose fixed word table alone holds
// 120 MB (MAX_VOCAB_SIZE int32s). Fenced by question_model_test.
uint32_t FastTextHash(absl::string_view text) {
  uint32_t hash = 2166136261U;
  for (const char c : text) {
    hash ^= static_cast<uint32_t>(static_cast<int8_t>(c));
    hash *= 16777619U;
  }
  return hash;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

struct QuestionModel::Impl {
  // Known words -> their input rows.
  absl::flat_hash_map<std::string, int32_t> word_rows;
  std::shared_ptr<const fasttext::DenseMatrix> input;
  std::shared_ptr<const fasttext::DenseMatrix> output;
  // fastText's label index -> ours.
  std::vector<int> label_of_output;
  int64_t dimension = 0;
  int32_t word_count = 0;
  int32_t word_ngrams = 1;
  uint64_t buckets = 1;
  size_t min_char_ngram = 0;
  size_t max_char_ngram = 0;
  std::vector<float> prior;

  // The input rows of `word` as fastText's Dictionary::getSubwords gives
  // them: its own row when it is known, then the rows of its character
  // n-grams (of "<word>", whole UTF-8 characters, minn to maxn long, not
  // the lone "<" or ">"); none for the end-of-sentence token's n-grams.
  void AddRows(const std::string& word, std::vector<int32_t>* rows) const {
    const auto known = word_rows.find(word);
    if (known != word_rows.end()) rows->push_back(known->second);
    if (word == fasttext::Dictionary::EOS) return;
    thread_local std::string bounded;
    bounded.assign(fasttext::Dictionary::BOW);
    bounded.append(word);
    bounded.append(fasttext::Dictionary::EOW);
    for (size_t i = 0; i < bounded.size(); ++i) {
      if (IsUtf8Continuation(bounded[i])) continue;
      size_t j = i;
      for (size_t n = 1; j < bounded.size() && n <= max_char_ngram; ++n) {
        ++j;
        while (j < bounded.size() && IsUtf8Continuation(bounded[j])) ++j;
        if (n >= min_char_ngram && !(n == 1 && (i == 0 || j == bounded.size()))) {
          const uint32_t hash = FastTextHash(absl::string_view(bounded).substr(i, j - i));
          rows->push_back(word_count + static_cast<int32_t>(hash % buckets));
        }
      }
    }
  }
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

  // Trained, then dropped but for its matrices and known words.
  fasttext::FastText fasttext;
  try {
    fasttext.train(args);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("training the question model failed: ", e.what()));
  }
  auto impl = std::make_unique<Impl>();
  const std::shared_ptr<const fasttext::Dictionary> dictionary = fasttext.getDictionary();
  impl->input = fasttext.getInputMatrix();
  impl->output = fasttext.getOutputMatrix();
  impl->dimension = fasttext.getDimension();
  impl->word_count = dictionary->nwords();
  for (int32_t i = 0; i < dictionary->nwords(); ++i) {
    impl->word_rows.emplace(dictionary->getWord(i), i);
  }
  impl->word_ngrams = options.word_ngrams;
  impl->buckets = static_cast<uint64_t>(options.buckets);
  impl->min_char_ngram = static_cast<size_t>(options.min_char_ngram);
  impl->max_char_ngram = static_cast<size_t>(options.max_char_ngram);
  impl->label_of_output.resize(static_cast<size_t>(dictionary->nlabels()));
  for (int32_t i = 0; i < dictionary->nlabels(); ++i) {
    int label = 0;
    const std::string name = dictionary->getLabel(i);
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
    impl.AddRows(token, &rows);
    word_hashes.push_back(static_cast<int32_t>(FastTextHash(token)));
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

// libFuzzer target for service/text: validation, Unicode folding,
// tokenising, stemming, bounded edit distance (against a plain reference
// implementation) and the TextAnalyzer, both over the default knowledge
// base's lexicon and over one built from the input itself.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/text/edit_distance.h"
#include "service/text/stemmer.h"
#include "service/text/text_analyzer.h"
#include "service/text/text_normalizer.h"
#include "service/text/tokenizer.h"
#include "tests/fuzz/fuzz_input.h"

namespace advisor::fuzz {
namespace {

// An analyzer over the default knowledge base's words and synonyms, as the
// FAQ engine builds one.
const text::TextAnalyzer& KnowledgeBaseAnalyzer() {
  static const text::TextAnalyzer* const analyzer = [] {
    absl::StatusOr<advisor::v1::KnowledgeBase> kb = knowledge_base::LoadDefaultKnowledgeBase();
    ADVISOR_FUZZ_CHECK(kb.ok());
    text::TextAnalyzer::Builder builder;
    for (const advisor::v1::SynonymGroup& group : kb->synonyms()) {
      builder.AddSynonyms(group.canonical(),
                          std::vector<std::string>(group.terms().begin(), group.terms().end()));
    }
    for (const advisor::v1::FaqEntry& faq : kb->faqs()) {
      builder.AddVocabulary(faq.question());
      builder.AddVocabulary(faq.answer());
    }
    return new text::TextAnalyzer(builder.Build());
  }();
  return *analyzer;
}

// Unbounded optimal-string-alignment distance, the textbook way.
int ReferenceDistance(absl::string_view a, absl::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

void FuzzFoldAndTokenize(absl::string_view input) {
  const absl::Status valid = text::ValidateFreeText(input, "field");
  if (!valid.ok()) ADVISOR_FUZZ_CHECK(valid.code() == absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::string> folded = text::FoldText(input);
  if (!folded.ok()) {
    ADVISOR_FUZZ_CHECK(folded.status().code() == absl::StatusCode::kInvalidArgument);
    // Only invalid UTF-8 fails folding, and validation refuses it too.
    ADVISOR_FUZZ_CHECK(!valid.ok());
    return;
  }
  // Folding yields valid UTF-8: folding it again cannot fail.
  ADVISOR_FUZZ_CHECK(text::FoldText(*folded).ok());
  for (const std::string& token : text::Tokenize(*folded)) {
    ADVISOR_FUZZ_CHECK(!token.empty());
    ADVISOR_FUZZ_CHECK(folded->find(token) != std::string::npos);
    ADVISOR_FUZZ_CHECK(!text::Stem(token).empty());
  }
}

void FuzzEditDistance(absl::string_view input) {
  if (input.empty()) return;
  const int max_distance = static_cast<unsigned char>(input[0]) % 6;
  input.remove_prefix(1);
  const std::vector<absl::string_view> parts = absl::StrSplit(input, absl::MaxSplits('\0', 1));
  const absl::string_view a = parts[0];
  const absl::string_view b = parts.size() > 1 ? parts[1] : absl::string_view();
  if (a.size() > 256 || b.size() > 256) return;  // The reference is quadratic.
  const int distance = text::BoundedEditDistance(a, b, max_distance);
  ADVISOR_FUZZ_CHECK(distance == std::min(ReferenceDistance(a, b), max_distance + 1));
  ADVISOR_FUZZ_CHECK(distance == text::BoundedEditDistance(b, a, max_distance));
}

void FuzzKnowledgeBaseAnalyzer(absl::string_view input) {
  const text::TextAnalyzer& analyzer = KnowledgeBaseAnalyzer();
  const text::Analysis analysis = analyzer.Analyze(input);
  for (const text::AnalyzedTerm& term : analysis.terms) {
    ADVISOR_FUZZ_CHECK(term.id >= 0 && term.id < analyzer.term_count());
    ADVISOR_FUZZ_CHECK(!analyzer.TermText(term.id).empty());
  }
  for (const std::string& word : analysis.unknown_words) ADVISOR_FUZZ_CHECK(!word.empty());
}

// Lines of the input become a lexicon: "=canonical|term|term" adds a
// synonym group, "-word" a stop word, anything else vocabulary; then the
// whole input is analysed with it.
void FuzzBuiltAnalyzer(absl::string_view input) {
  text::TextAnalyzer::Builder builder;
  for (absl::string_view line : absl::StrSplit(input, '\n')) {
    if (line.size() > 512) line = line.substr(0, 512);  // Keeps building cheap.
    if (absl::ConsumePrefix(&line, "=")) {
      std::vector<std::string> terms = absl::StrSplit(line, '|');
      const std::string canonical = terms.front();
      terms.erase(terms.begin());
      builder.AddSynonyms(canonical, terms);
    } else if (absl::ConsumePrefix(&line, "-")) {
      builder.AddStopWord(line);
    } else {
      builder.AddVocabulary(line);
    }
  }
  const text::TextAnalyzer analyzer = builder.Build();
  for (const text::AnalyzedTerm& term : analyzer.Analyze(input).terms) {
    ADVISOR_FUZZ_CHECK(term.id >= 0 && term.id < analyzer.term_count());
  }
}

}  // namespace
}  // namespace advisor::fuzz

// Builds the analyzer before fuzzing starts, so its cost never counts
// against the first input's time limit.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  advisor::fuzz::KnowledgeBaseAnalyzer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace advisor::fuzz;  // NOLINT(google-build-using-namespace): one entry point.
  const SelectedInput input = SplitSelector(data, size);
  // Building an analyzer (the last case) costs ~100x an analysis, so it
  // gets one selector value in eight to keep the run's pace up.
  switch (input.selector % 8) {
    case 0:
    case 1:
      FuzzFoldAndTokenize(input.payload);
      break;
    case 2:
    case 3:
      FuzzEditDistance(input.payload);
      break;
    case 4:
    case 5:
    case 6:
      FuzzKnowledgeBaseAnalyzer(input.payload);
      break;
    default:
      FuzzBuiltAnalyzer(input.payload);
      break;
  }
  return 0;
}

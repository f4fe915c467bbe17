#include "service/engines/framework_lookup.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::engines {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class FrameworkLookupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = knowledge_base::LoadDefaultKnowledgeBase();
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    knowledge_base_ = *std::move(loaded);
    lookup_ = std::make_unique<FrameworkLookup>(knowledge_base_);
  }

  // The display name Find gives, or the status code's name on failure.
  std::string DisplayNameOf(const std::string& name) const {
    const auto found = lookup_->Find(name);
    if (!found.ok()) return absl::StatusCodeToString(found.status().code());
    return (*found)->display_name();
  }

  advisor::v1::KnowledgeBase knowledge_base_;
  std::unique_ptr<FrameworkLookup> lookup_;
};

// Every row of the development lookup set (lookup_dev.tsv, see tests/eval/README.md).
TEST_F(FrameworkLookupTest, AnswersTheDevelopmentSet) {
  EXPECT_EQ(DisplayNameOf("PyTorch"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("pytorch"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("PYTORCH"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("TensorFlow"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("tensorflow"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("tf"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("Keras"), "Keras");
  EXPECT_EQ(DisplayNameOf("keras"), "Keras");
  EXPECT_EQ(DisplayNameOf("frameworks/pytorch"), "PyTorch");
  // NOT_FOUND in the shared set, which predates Theano's record
  // (tests/eval/overrides.tsv).
  EXPECT_EQ(DisplayNameOf("theano"), "Theano");
  EXPECT_EQ(DisplayNameOf(""), "INVALID_ARGUMENT");
}

// Every framework by its display name, id, aliases and a one-letter typo of
// its display name (a suggestion naming it).
TEST_F(FrameworkLookupTest, FindsEveryFrameworkByEveryNameAndSuggestsItForATypo) {
  for (const advisor::v1::Framework& framework : knowledge_base_.frameworks()) {
    EXPECT_EQ(DisplayNameOf(framework.display_name()), framework.display_name());
    EXPECT_EQ(DisplayNameOf(framework.id()), framework.display_name());
    for (const std::string& alias : framework.aliases()) {
      EXPECT_EQ(DisplayNameOf(alias), framework.display_name()) << alias;
    }
    std::string typo = framework.display_name();
    if (typo.size() < 4) continue;  // One edit of "JAX" may be another name.
    typo[typo.size() / 2] = typo[typo.size() / 2] == 'q' ? 'z' : 'q';
    const auto found = lookup_->Find(typo);
    if (found.ok()) {
      EXPECT_EQ((*found)->display_name(), framework.display_name()) << typo;
    } else {
      EXPECT_THAT(found.status().message(),
                  HasSubstr(absl::StrCat("did you mean ", framework.display_name(), "?")))
          << typo;
    }
  }
}

TEST_F(FrameworkLookupTest, FindsByAliasPrefixAndWhiteSpace) {
  EXPECT_EQ(DisplayNameOf("torch"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("Py Torch"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("TF2"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("tensor flow"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("tf.keras"), "Keras");
  EXPECT_EQ(DisplayNameOf("Keras 3"), "Keras");
  EXPECT_EQ(DisplayNameOf("  keras\t\n"), "Keras");
  EXPECT_EQ(DisplayNameOf("Frameworks/TensorFlow"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("FRAMEWORKS/keras"), "Keras");
  EXPECT_EQ(DisplayNameOf(" frameworks/ tf "), "TensorFlow");
}

TEST_F(FrameworkLookupTest, FoldsUnicode) {
  EXPECT_EQ(DisplayNameOf("ＫＥＲＡＳ"), "Keras");  // full-width letters
  EXPECT_EQ(DisplayNameOf("ＰｙＴｏｒｃｈ"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("Kéras"), "Keras");  // accents are stripped when folding
}

TEST_F(FrameworkLookupTest, ReturnsPointersIntoTheKnowledgeBase) {
  const auto found = lookup_->Find("keras");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, &knowledge_base_.frameworks(2));
  EXPECT_EQ((*found)->name(), "frameworks/keras");
}

TEST_F(FrameworkLookupTest, BlankNamesAreInvalid) {
  for (const std::string name : {"", "   ", "\t\n", "frameworks/", " frameworks/  "}) {
    EXPECT_EQ(lookup_->Find(name).status().code(), absl::StatusCode::kInvalidArgument)
        << "name: '" << name << "'";
  }
}

TEST_F(FrameworkLookupTest, InvalidUtf8IsInvalid) {
  EXPECT_EQ(lookup_->Find("ker\xff\xfe").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(FrameworkLookupTest, FindsOneLetterTyposAndSuggestsForTwo) {
  // One letter off (a swap counts as one): found.
  EXPECT_EQ(DisplayNameOf("tensorflw"), "TensorFlow");
  EXPECT_EQ(DisplayNameOf("pytorhc"), "PyTorch");
  EXPECT_EQ(DisplayNameOf("Kears"), "Keras");
  EXPECT_EQ(DisplayNameOf("frameworks/kerass"), "Keras");
  // Names under four letters are not corrected: "kra" may be meant for another.
  EXPECT_EQ(DisplayNameOf("kra"), "NOT_FOUND");
  // Two letters off: NOT_FOUND with a suggestion.
  const auto misspelled = lookup_->Find("tensrflw");
  EXPECT_EQ(misspelled.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(misspelled.status().message(),
            "framework \"tensrflw\" not found; did you mean TensorFlow?");
  EXPECT_THAT(lookup_->Find("pytrohc").status().message(), HasSubstr("did you mean PyTorch?"));
}

TEST_F(FrameworkLookupTest, FindsANameQualifiedByItsMakerOrItsRepositorysOwner) {
  // Its developer, its repository; then another maker's name, or a word
  // that qualifies nothing: no match.
  const std::pair<std::string, std::string> kCases[] = {
      {"google flax", "Flax"},         {"huawei mindspore", "MindSpore"},
      {"jax-ml/jax", "JAX"},           {"@tensorflow/tfjs", "TensorFlow.js"},
      {"Theano/Theano", "Theano"},     {"microsoft pytorch", "NOT_FOUND"},
      {"keras tuner", "NOT_FOUND"},    {"pytorch tensorflow", "NOT_FOUND"},
      {"mxnet-cu112", "Apache MXNet"}, {"deeplearning4j-core", "Deeplearning4j"},
      {"keras-tuner", "NOT_FOUND"}};
  for (const auto& [name, expected] : kCases) EXPECT_EQ(DisplayNameOf(name), expected) << name;
}

TEST_F(FrameworkLookupTest, AFrameworkKnownOnlyByNameIsNotFound) {
  const auto torch7 = lookup_->Find("torch7");
  EXPECT_EQ(torch7.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(torch7.status().message(), HasSubstr("not described by this knowledge base"));
}

TEST_F(FrameworkLookupTest, ListsKnownFrameworksWhenNothingIsClose) {
  const auto unknown = lookup_->Find("sourdough");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(),
            absl::StrCat("framework \"sourdough\" not found; known frameworks: PyTorch, "
                         "TensorFlow, Keras, JAX, Flax, ... (",
                         knowledge_base_.frameworks_size(), " in all; ListFrameworks lists them)"));
  // Short names get at most one edit: "mlx" is not "tf".
  EXPECT_THAT(lookup_->Find("mlx").status().message(), HasSubstr("known frameworks"));
}

TEST_F(FrameworkLookupTest, TruncatesLongUnknownNamesInTheMessage) {
  const std::string long_name(500, 'x');
  const auto unknown = lookup_->Find(long_name);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_LT(unknown.status().message().size(), 200U);
}

TEST_F(FrameworkLookupTest, FoldsLongAsciiNamesLikeShortOnes) {
  // Longer than the stack buffer of the hot path.
  const std::string padding(80, ' ');
  const auto keras = lookup_->Find("FRAMEWORKS/" + padding + "KeRaS");
  ASSERT_TRUE(keras.ok()) << keras.status();
  EXPECT_EQ((*keras)->id(), "keras");
  const auto empty = lookup_->Find("frameworks/" + padding + "x");
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kNotFound);
  const auto typo = lookup_->Find("frameworks/" + padding + "PYTROCH");
  ASSERT_TRUE(typo.ok()) << typo.status();
  EXPECT_EQ((*typo)->id(), "pytorch");
}

TEST_F(FrameworkLookupTest, ComparesDistinctFrameworksInTheOrderAsked) {
  const std::vector<std::string> names = {"tf", "PyTorch", "frameworks/tensorflow"};
  const auto comparison = lookup_->Compare(names);
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  ASSERT_EQ(comparison->entries.size(), 2U);
  EXPECT_EQ(comparison->entries[0].framework->id(), "tensorflow");
  EXPECT_EQ(comparison->entries[1].framework->id(), "pytorch");

  std::vector<std::string> tensorflow_patterns;
  for (const auto* pattern : comparison->entries[0].hired_by) {
    tensorflow_patterns.push_back(pattern->id());
  }
  EXPECT_THAT(tensorflow_patterns, ElementsAre("enterprise"));
  std::vector<std::string> pytorch_patterns;
  for (const auto* pattern : comparison->entries[1].hired_by) {
    pytorch_patterns.push_back(pattern->id());
  }
  EXPECT_THAT(pytorch_patterns, ElementsAre("research", "startup"));

  // Only the insights about PyTorch and TensorFlow alone, not the one that
  // also names Keras.
  ASSERT_THAT(comparison->insights, Not(IsEmpty()));
  for (const auto* insight : comparison->insights) {
    for (const std::string& id : insight->framework_ids()) {
      EXPECT_TRUE(id == "pytorch" || id == "tensorflow") << insight->text();
    }
  }
  EXPECT_EQ(comparison->advice, knowledge_base_.general_advice());
}

TEST_F(FrameworkLookupTest, ComparingAllThreeIncludesEveryInsight) {
  const std::vector<std::string> names = {"keras", "pytorch", "tensorflow"};
  const auto comparison = lookup_->Compare(names);
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  EXPECT_EQ(comparison->entries.size(), 3U);
  EXPECT_EQ(comparison->insights.size(), static_cast<size_t>(knowledge_base_.insights_size()));
}

TEST_F(FrameworkLookupTest, CompareNeedsTwoDistinctFrameworks) {
  const std::vector<std::string> same = {"tf", "TensorFlow", "frameworks/tensorflow"};
  EXPECT_EQ(lookup_->Compare(same).status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<std::string> one = {"keras"};
  EXPECT_EQ(lookup_->Compare(one).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(lookup_->Compare({}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(FrameworkLookupTest, CompareRejectsBlankUnknownAndTooManyNames) {
  const std::vector<std::string> blank = {"keras", " "};
  EXPECT_EQ(lookup_->Compare(blank).status().code(), absl::StatusCode::kInvalidArgument);

  const std::vector<std::string> unknown = {"keras", "sourdough", "caffe"};
  const auto status = lookup_->Compare(unknown).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("\"sourdough\""));

  std::vector<std::string> too_many(kMaxComparedFrameworks + 1, "keras");
  too_many[0] = "pytorch";
  EXPECT_EQ(lookup_->Compare(too_many).status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> at_limit(kMaxComparedFrameworks, "keras");
  at_limit[0] = "pytorch";
  EXPECT_TRUE(lookup_->Compare(at_limit).ok());
}

}  // namespace
}  // namespace advisor::engines

#include "service/engines/role_matcher.h"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
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
using ::testing::StartsWith;

class RoleMatcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = knowledge_base::LoadDefaultKnowledgeBase();
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    knowledge_base_ = new advisor::v1::KnowledgeBase(*std::move(loaded));
    matcher_ = new RoleMatcher(*knowledge_base_);
  }
  static void TearDownTestSuite() {
    delete matcher_;
    delete knowledge_base_;
  }

  static RoleMatch MatchOrDie(const std::string& description) {
    auto match = matcher_->Match(description);
    EXPECT_TRUE(match.ok()) << match.status();
    return match.ok() ? *std::move(match) : RoleMatch{};
  }

  static std::string TopFramework(const std::string& description) {
    const RoleMatch match = MatchOrDie(description);
    return match.fits.empty() ? "" : match.fits.front().framework->display_name();
  }

  static std::vector<std::string> RecognizedIds(const RoleMatch& match) {
    std::vector<std::string> ids;
    for (const auto* pattern : match.recognized) ids.push_back(pattern->id());
    return ids;
  }

  static advisor::v1::KnowledgeBase* knowledge_base_;
  static RoleMatcher* matcher_;
};

advisor::v1::KnowledgeBase* RoleMatcherTest::knowledge_base_ = nullptr;
RoleMatcher* RoleMatcherTest::matcher_ = nullptr;

struct RoleCase {
  const char* expected_top;
  const char* description;
};

// The development role set (roles_dev.tsv, see tests/eval/README.md).
constexpr RoleCase kDevelopmentRoles[] = {
    {"TensorFlow", "Machine learning engineer at a global investment bank"},
    {"TensorFlow", "AI consultant at a Big Four consulting firm"},
    {"TensorFlow", "Software engineer deploying models to production at a large tech firm"},
    {"TensorFlow", "ML engineer maintaining large-scale recommendation systems in production"},
    {"TensorFlow", "Data engineer at a telecom enterprise serving models reliably"},
    {"TensorFlow", "Enterprise AI architect at a multinational"},
    {"PyTorch", "Research engineer at an AI lab working on large language models"},
    {"PyTorch", "Machine learning researcher publishing papers on generative models"},
    {"PyTorch", "First ML hire at a small AI startup"},
    {"PyTorch", "Startup founder experimenting with new AI product ideas"},
    {"PyTorch", "Postdoc researching computer vision"},
    {"PyTorch", "Deep learning researcher prototyping novel architectures"},
    {"Keras", "Complete beginner learning deep learning on weekends"},
    {"Keras", "Undergraduate student taking an intro to neural networks course"},
    {"Keras", "Junior developer who wants an entry-level AI role"},
    {"Keras", "Bootcamp learner building their first neural network"},
    {"Keras", "Analyst with no machine learning background wanting to get started"},
};

// Roles written for these tests, in other words than the development set.
constexpr RoleCase kOwnRoles[] = {
    {"PyTorch", "PhD student in vision"},
    {"TensorFlow", "Data scientist at an insurance company"},
    {"Keras", "Career switcher from accounting"},
    {"PyTorch", "AI engineer at a seed-stage generative AI company"},
    {"TensorFlow", "Quant developer at a hedge fund"},
    {"TensorFlow", "Senior data scientist at Deloitte"},
    {"TensorFlow", "MLOps engineer responsible for model monitoring and CI/CD"},
    {"TensorFlow", "Mobile developer shipping on-device ML models to Android apps"},
    {"TensorFlow", "Machine learning engineer at an international logistics corporation"},
    {"TensorFlow", "Data scientist in the analytics department of a government agency"},
    {"TensorFlow", "Fraud detection engineer at a payment processor"},
    {"PyTorch", "Research intern at an AI lab"},
    {"PyTorch", "Master's student writing a thesis on diffusion models"},
    {"PyTorch", "Founding engineer at a YC-backed startup"},
    {"PyTorch", "ML engineer fine-tuning open-source LLMs with Hugging Face"},
    {"PyTorch", "Researcher in a corporate AI research lab"},
    {"PyTorch", "Early employee at a venture-backed AI company"},
    {"PyTorch", "Assistant professor in computer science"},
    {"Keras", "High school student curious about AI"},
    {"Keras", "Someone with no coding experience who wants to get into AI"},
    {"Keras", "Teacher preparing a machine learning class"},
    {"Keras", "Intern at a software company"},
    {"Keras", "Getting started with machine learning as a complete newcomer"},
    {"Keras", "Product manager with no technical background who wants to understand AI"},
    {"Keras", "Aspiring data scientist with little experience"},
};

TEST_F(RoleMatcherTest, RanksTheExpectedFrameworkFirstForTheDevelopmentSet) {
  for (const RoleCase& role : kDevelopmentRoles) {
    EXPECT_EQ(TopFramework(role.description), role.expected_top) << role.description;
  }
}

TEST_F(RoleMatcherTest, RanksTheExpectedFrameworkFirstForUnseenRoles) {
  for (const RoleCase& role : kOwnRoles) {
    EXPECT_EQ(TopFramework(role.description), role.expected_top) << role.description;
  }
}

// Some two hundred more roles of every kind, one "expected<TAB>description"
// per line, in testdata/roles_unseen.tsv.
TEST_F(RoleMatcherTest, RanksTheExpectedFrameworkFirstForTheUnseenRoleFile) {
  const char* source_dir = std::getenv("ADVISOR_SOURCE_DIR");
  const std::string path =
      std::string(source_dir != nullptr && *source_dir != '\0' ? source_dir
                                                               : ADVISOR_TEST_SOURCE_DIR) +
      "/tests/unit/engines/testdata/roles_unseen.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in.is_open()) << path;
  int roles = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    EXPECT_EQ(TopFramework(line.substr(tab + 1)), line.substr(0, tab)) << line;
    ++roles;
  }
  EXPECT_GE(roles, 200);
}

TEST_F(RoleMatcherTest, StrongSinglePatternRolesScoreHigh) {
  for (const char* description :
       {"Machine learning engineer at a global investment bank", "PhD student in vision",
        "Bootcamp learner building their first neural network",
        "Startup founder experimenting with new AI product ideas"}) {
    const RoleMatch match = MatchOrDie(description);
    ASSERT_EQ(match.fits.size(), 3U);
    EXPECT_GE(match.fits[0].score, 0.7) << description;
    EXPECT_LE(match.fits[0].score, 0.95) << description;
    EXPECT_GE(match.fits[0].score - match.fits[2].score, 0.4) << description;
    EXPECT_THAT(match.recognized, testing::Not(IsEmpty())) << description;
  }
}

TEST_F(RoleMatcherTest, ScoresAreSortedAndWithinZeroAndOne) {
  for (const RoleCase& role : kOwnRoles) {
    const RoleMatch match = MatchOrDie(role.description);
    ASSERT_EQ(match.fits.size(), 3U);
    for (size_t i = 0; i < match.fits.size(); ++i) {
      EXPECT_GE(match.fits[i].score, 0.0);
      EXPECT_LE(match.fits[i].score, 1.0);
      if (i > 0) {
        EXPECT_GE(match.fits[i - 1].score, match.fits[i].score);
      }
    }
  }
}

TEST_F(RoleMatcherTest, MixedRolesGiveSeveralSubstantialScores) {
  const RoleMatch match = MatchOrDie("Research scientist building fraud models at a large bank");
  ASSERT_EQ(match.fits.size(), 3U);
  EXPECT_GE(match.fits[0].score, 0.5);
  EXPECT_GE(match.fits[1].score, 0.5);
  std::set<std::string> top_two = {match.fits[0].framework->id(), match.fits[1].framework->id()};
  EXPECT_EQ(top_two, (std::set<std::string>{"pytorch", "tensorflow"}));
  EXPECT_THAT(RecognizedIds(match), testing::UnorderedElementsAre("enterprise", "research"));
}

TEST_F(RoleMatcherTest, VagueRolesGetLowSimilarScoresAndNoRecognizedPattern) {
  for (const char* description :
       {"software developer", "Machine learning engineer", "AI engineer", "Python programmer"}) {
    const RoleMatch match = MatchOrDie(description);
    ASSERT_EQ(match.fits.size(), 3U) << description;
    EXPECT_THAT(match.recognized, IsEmpty()) << description;
    EXPECT_LE(match.fits[0].score, 0.35) << description;
    EXPECT_LE(match.fits[0].score - match.fits[2].score, 0.1) << description;
    // The advice says why the ranking is rough, then gives the general advice.
    EXPECT_THAT(std::string(match.advice), HasSubstr("does not name a kind of employer"))
        << description;
    EXPECT_THAT(std::string(match.advice), testing::EndsWith(knowledge_base_->general_advice()));
    EXPECT_NE(match.advice, knowledge_base_->general_advice());
  }
}

TEST_F(RoleMatcherTest, RecognisedRolesGetTheGeneralAdviceAsIs) {
  EXPECT_EQ(MatchOrDie("ML engineer at a bank").advice, knowledge_base_->general_advice());
}

TEST_F(RoleMatcherTest, ReasonsComeFromTheKnowledgeBase) {
  const RoleMatch match = MatchOrDie("Machine learning engineer at a global investment bank");
  ASSERT_EQ(match.fits.size(), 3U);
  EXPECT_EQ(match.fits[0].framework->id(), "tensorflow");
  ASSERT_THAT(match.fits[0].reasons, testing::Not(IsEmpty()));
  EXPECT_EQ(match.fits[0].reasons[0], knowledge_base_->hiring_patterns(0).reason());
  // Frameworks without evidence get a sentence of their own summary.
  for (size_t i = 1; i < match.fits.size(); ++i) {
    ASSERT_EQ(match.fits[i].reasons.size(), 1U);
    EXPECT_THAT(match.fits[i].framework->summary(),
                StartsWith(std::string(match.fits[i].reasons[0])));
  }
}

TEST_F(RoleMatcherTest, StringsViewTheKnowledgeBaseInsteadOfCopyingIt) {
  const RoleMatch match = MatchOrDie("ML engineer at a bank");
  ASSERT_FALSE(match.fits.empty());
  ASSERT_FALSE(match.fits[0].reasons.empty());
  EXPECT_EQ(match.fits[0].reasons[0].data(), knowledge_base_->hiring_patterns(0).reason().data());
  EXPECT_EQ(match.advice.data(), knowledge_base_->general_advice().data());
  ASSERT_FALSE(match.learning_path.empty());
  EXPECT_EQ(match.learning_path[0].why.data(),
            knowledge_base_->hiring_patterns(0).learning_path(0).why().data());
}

TEST_F(RoleMatcherTest, StrongestPatternsComeFirst) {
  // Both PyTorch patterns fire; research is the stronger here.
  const RoleMatch match = MatchOrDie("PhD researcher publishing papers, advising a startup");
  EXPECT_THAT(RecognizedIds(match), ElementsAre("research", "startup"));
  ASSERT_GE(match.fits[0].reasons.size(), 2U);
  EXPECT_EQ(match.fits[0].reasons[0], knowledge_base_->hiring_patterns(1).reason());
  EXPECT_EQ(match.fits[0].reasons[1], knowledge_base_->hiring_patterns(2).reason());
}

TEST_F(RoleMatcherTest, LearningPathHasEveryFrameworkOnce) {
  for (const char* description :
       {"Machine learning engineer at a global investment bank", "PhD student in vision",
        "Complete beginner", "software developer", "Startup founder"}) {
    const RoleMatch match = MatchOrDie(description);
    std::multiset<std::string> ids;
    for (const LearningStep& step : match.learning_path) {
      ids.insert(step.framework->id());
      EXPECT_FALSE(step.why.empty());
    }
    EXPECT_EQ(ids, (std::multiset<std::string>{"keras", "pytorch", "tensorflow"})) << description;
  }
}

TEST_F(RoleMatcherTest, LearningPathFollowsTheStrongestPattern) {
  const RoleMatch research = MatchOrDie("Postdoc researching computer vision");
  ASSERT_EQ(research.learning_path.size(), 3U);
  EXPECT_EQ(research.learning_path[0].framework->id(), "pytorch");
  EXPECT_EQ(research.learning_path[0].why,
            knowledge_base_->hiring_patterns(1).learning_path(0).why());

  const RoleMatch vague = MatchOrDie("software developer");
  ASSERT_EQ(vague.learning_path.size(), 3U);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(vague.learning_path[i].framework->id(),
              knowledge_base_->default_learning_path(i).framework_id());
  }
}

TEST_F(RoleMatcherTest, NamingAFrameworkCountsForIt) {
  EXPECT_EQ(TopFramework("TensorFlow developer at a startup"), "TensorFlow");
  const RoleMatch match = MatchOrDie("Keras enthusiast");
  EXPECT_EQ(match.fits[0].framework->id(), "keras");
  EXPECT_GT(match.fits[0].score, match.fits[1].score);
  EXPECT_THAT(match.fits[0].reasons, testing::Contains("The description names Keras."));
  // "tf.keras" is Keras, not TensorFlow.
  const RoleMatch alias = MatchOrDie("writing tf.keras models");
  EXPECT_EQ(alias.fits[0].framework->id(), "keras");
  EXPECT_EQ(alias.fits[1].score, alias.fits[2].score);
}

TEST_F(RoleMatcherTest, StemsDoNotConflateUnrelatedWords) {
  // Snowball stems "international" like "intern", "production" like
  // "product" and "experience" like "experiment".
  EXPECT_THAT(RecognizedIds(MatchOrDie("Consultant at an international firm")),
              ElementsAre("enterprise"));
  EXPECT_THAT(RecognizedIds(MatchOrDie("Experienced product designer")), IsEmpty());
  // Inflections still match: "researching", "startups", "getting started".
  EXPECT_THAT(RecognizedIds(MatchOrDie("researching")), ElementsAre("research"));
  EXPECT_THAT(RecognizedIds(MatchOrDie("advising startups")), ElementsAre("startup"));
  EXPECT_THAT(RecognizedIds(MatchOrDie("getting started")), ElementsAre("entry-level"));
}

TEST_F(RoleMatcherTest, PhdStudentsAreResearchersNotBeginners) {
  EXPECT_THAT(RecognizedIds(MatchOrDie("PhD student in vision")), ElementsAre("research"));
  EXPECT_THAT(RecognizedIds(MatchOrDie("Undergraduate student")), ElementsAre("entry-level"));
}

TEST_F(RoleMatcherTest, EachSignalCountsOnce) {
  const RoleMatch once = MatchOrDie("startup");
  const RoleMatch thrice = MatchOrDie("startup startup startups");
  ASSERT_EQ(once.fits.size(), thrice.fits.size());
  for (size_t i = 0; i < once.fits.size(); ++i) {
    EXPECT_DOUBLE_EQ(once.fits[i].score, thrice.fits[i].score);
  }
}

TEST_F(RoleMatcherTest, LongerPhrasesWinOverTheWordsInThem) {
  // "large language model" is research; "large" alone hints at enterprise.
  const RoleMatch match = MatchOrDie("training a large language model");
  EXPECT_THAT(RecognizedIds(match), ElementsAre("research"));
  EXPECT_DOUBLE_EQ(match.fits[1].score, match.fits[2].score);
}

TEST_F(RoleMatcherTest, FoldsUnicode) {
  EXPECT_EQ(TopFramework("ＰｈＤ student in computer ＶＩＳＩＯＮ"), "PyTorch");
  EXPECT_EQ(TopFramework("Ingénieur ML at a BANK"), "TensorFlow");
  EXPECT_EQ(TopFramework("Débutant getting started"), "Keras");
}

TEST_F(RoleMatcherTest, RejectsInvalidDescriptions) {
  for (const std::string& description :
       {std::string(), std::string("   \t\n"), std::string(5000, 'a'), std::string("bank \xff")}) {
    EXPECT_EQ(matcher_->Match(description).status().code(), absl::StatusCode::kInvalidArgument)
        << description.size();
  }
}

TEST_F(RoleMatcherTest, IsSafeToShareBetweenThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> tops(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&tops, t] {
      for (int repeat = 0; repeat < 200; ++repeat) {
        auto match = matcher_->Match("Postdoc researching computer vision");
        if (match.ok()) tops[t] = match->fits[0].framework->id();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& top : tops) EXPECT_EQ(top, "pytorch");
}

// A knowledge base built here, to pin down scoring independent of the
// default content.
TEST(RoleMatcherCustomKnowledgeBaseTest, ScoresFromTheGivenSignals) {
  const auto knowledge_base = knowledge_base::ParseKnowledgeBase(
      R"pb(
        version: "test"
        frameworks {
          id: "alpha"
          display_name: "Alpha"
          summary: "Alpha is first. More."
          field_sources { field: "summary" url: "https://example.org/alpha" }
        }
        frameworks {
          id: "beta"
          display_name: "Beta"
          summary: "Beta is second."
          field_sources { field: "summary" url: "https://example.org/beta" }
        }
        frameworks {
          id: "gamma"
          display_name: "Gamma"
          summary: "Gamma has no hiring evidence."
          field_sources { field: "summary" url: "https://example.org/gamma" }
        }
        hiring_patterns {
          id: "labs"
          title: "Labs"
          framework_id: "beta"
          reason: "Labs like Beta."
          signals { phrase: "lab" weight: 1.5 }
          signals { phrase: "deep research" weight: 2 }
          learning_path { framework_id: "beta" why: "Beta first." }
        }
        default_learning_path { framework_id: "alpha" why: "Alpha is the start." }
        general_advice: "Learn both."
      )pb",
      "test");
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  const RoleMatcher matcher(*knowledge_base);

  const auto lab = matcher.Match("Working in a LAB on deep research");
  ASSERT_TRUE(lab.ok()) << lab.status();
  ASSERT_EQ(lab->fits.size(), 2U);
  EXPECT_EQ(lab->fits[0].framework->id(), "beta");
  EXPECT_THAT(lab->fits[0].reasons, ElementsAre("Labs like Beta."));
  EXPECT_THAT(lab->fits[1].reasons, ElementsAre("Alpha is first."));
  // The pattern's path, then the frameworks it leaves out.
  ASSERT_EQ(lab->learning_path.size(), 2U);
  EXPECT_EQ(lab->learning_path[0].why, "Beta first.");
  EXPECT_EQ(lab->learning_path[1].framework->id(), "alpha");
  EXPECT_EQ(lab->advice, "Learn both.");
  // Gamma, which no pattern or path names, is neither ranked nor learnt.
  for (const FrameworkFit& fit : lab->fits) EXPECT_NE(fit.framework->id(), "gamma");

  const auto nothing = matcher.Match("gardener");
  ASSERT_TRUE(nothing.ok());
  EXPECT_DOUBLE_EQ(nothing->fits[0].score, nothing->fits[1].score);
  EXPECT_THAT(nothing->recognized, IsEmpty());
  EXPECT_THAT(std::string(nothing->advice), HasSubstr("(Labs)"));
}

}  // namespace
}  // namespace advisor::engines

namespace advisor::engines {
namespace {

// A large knowledge base gets the best kMaxMatchedFrameworks, not all; the
// extra frameworks are on the default learning path, so they are ranked.
TEST(RoleMatcherLargeKnowledgeBaseTest, DescribesTheBestFrameworksOnly) {
  auto loaded = knowledge_base::LoadDefaultKnowledgeBase();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  advisor::v1::KnowledgeBase knowledge_base = *std::move(loaded);
  const advisor::v1::Framework model = knowledge_base.frameworks(0);
  for (int i = 0; i < kMaxMatchedFrameworks; ++i) {
    advisor::v1::Framework* extra = knowledge_base.add_frameworks();
    *extra = model;
    extra->set_id(absl::StrCat("extra", i));
    extra->set_name(absl::StrCat("frameworks/extra", i));
    extra->set_display_name(absl::StrCat("Extra ", i));
    extra->clear_aliases();
    advisor::v1::LearningStepSpec* step = knowledge_base.add_default_learning_path();
    step->set_framework_id(extra->id());
    step->set_why("An extra framework.");
  }
  const RoleMatcher matcher(knowledge_base);

  auto match = matcher.Match("PhD student in computer vision");
  ASSERT_TRUE(match.ok()) << match.status();
  ASSERT_EQ(match->fits.size(), static_cast<size_t>(kMaxMatchedFrameworks));
  EXPECT_EQ(match->fits.front().framework->id(), "pytorch");
  EXPECT_EQ(match->learning_path.size(), static_cast<size_t>(kMaxMatchedFrameworks));
  EXPECT_EQ(match->learning_path.front().framework->id(), "pytorch");
}

}  // namespace
}  // namespace advisor::engines

#include "service/engines/english_lexicon.h"

#include <string>

#include "gtest/gtest.h"

namespace advisor::engines {
namespace {

TEST(EnglishLexiconTest, TheBuiltInLexiconParsesAndHoldsEveryKind) {
  ASSERT_TRUE(ParseLexicon(EnglishLexiconText()).ok());
  const v1::Lexicon& lexicon = EnglishLexicon();
  EXPECT_GT(lexicon.stop_words_size(), 100);
  EXPECT_GT(lexicon.synonyms_size(), 10);
  // Every cue list question_intent.cc reads by name.
  for (const char* name : {"maker",
                           "maker_noun",
                           "agent",
                           "website",
                           "website_anchor",
                           "comparison",
                           "comparison_anchor",
                           "release",
                           "history",
                           "tool",
                           "choice",
                           "choice_anchor",
                           "summary",
                           "summary_anchor",
                           "when",
                           "history_anchor",
                           "for",
                           "purpose",
                           "where",
                           "fetch"}) {
    EXPECT_FALSE(CueWords(name).empty()) << name;
  }
  EXPECT_TRUE(CueWords("maker").contains("developed"));
  EXPECT_TRUE(CueWords("no such list").empty());
}

TEST(EnglishLexiconTest, ParseLexiconRejectsWhatItCannotUse) {
  EXPECT_EQ(ParseLexicon("stop_words: [").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseLexicon(R"pb(cue_words { words: "x" })pb").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseLexicon(R"pb(cue_words { name: "a" words: "x" }
                              cue_words { name: "a" words: "y" })pb")
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseLexicon(R"pb(synonyms { canonical: "fast" })pb").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseLexicon(R"pb(stop_words: "")pb").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ParseLexicon(R"pb(stop_words: "the"
                                cue_words { name: "when" words: "when" })pb")
                  .ok());
}

}  // namespace
}  // namespace advisor::engines

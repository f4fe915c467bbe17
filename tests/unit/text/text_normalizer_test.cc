#include "service/text/text_normalizer.h"

#include <string>

#include "gtest/gtest.h"

namespace advisor::text {
namespace {

TEST(FoldTextTest, FoldsCaseAccentsAndCompatibilityForms) {
  EXPECT_EQ(FoldText("PyTorch").value(), "pytorch");
  EXPECT_EQ(FoldText("Café Résumé").value(), "cafe resume");
  EXPECT_EQ(FoldText("ＫＥＲＡＳ").value(), "keras");  // full-width letters
  EXPECT_EQ(FoldText("STRASSE straße").value(), "strasse strasse");
  EXPECT_EQ(FoldText("").value(), "");
}

TEST(FoldTextTest, RejectsInvalidUtf8) {
  EXPECT_EQ(FoldText("bad \xff byte").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(IsAsciiTest, FindsANonAsciiByteAtAnyPosition) {
  EXPECT_TRUE(IsAscii(""));
  for (size_t size = 1; size <= 20; ++size) {
    const std::string ascii(size, '\x7f');
    EXPECT_TRUE(IsAscii(ascii)) << size;
    for (size_t at = 0; at < size; ++at) {
      std::string text = ascii;
      text[at] = '\x80';
      EXPECT_FALSE(IsAscii(text)) << size << " " << at;
    }
  }
}

TEST(ValidateFreeTextTest, AcceptsOrdinaryText) {
  EXPECT_TRUE(ValidateFreeText("why do startups like pytorch?", "question").ok());
  EXPECT_TRUE(ValidateFreeText("caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve", "question").ok());
  // ASCII control bytes, NUL included, are valid UTF-8.
  EXPECT_TRUE(ValidateFreeText(std::string("a\0b\x7f", 4), "question").ok());
}

TEST(ValidateFreeTextTest, FindsOneInvalidByteInLongAsciiText) {
  std::string text(1000, 'a');
  text[777] = '\xff';
  EXPECT_EQ(ValidateFreeText(text, "question").code(), absl::StatusCode::kInvalidArgument);
  text[777] = '\x80';  // A continuation byte without a lead byte.
  EXPECT_EQ(ValidateFreeText(text, "question").code(), absl::StatusCode::kInvalidArgument);
}

TEST(ValidateFreeTextTest, RejectsBlankTooLongAndInvalidUtf8) {
  EXPECT_EQ(ValidateFreeText("", "question").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateFreeText(" \t\n ", "question").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateFreeText(std::string(kMaxFreeTextBytes + 1, 'a'), "question").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateFreeText(std::string(kMaxFreeTextBytes, 'a'), "question").ok());
  const absl::Status invalid = ValidateFreeText("caf\xc3", "description");
  EXPECT_EQ(invalid.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(invalid.message().find("description"), absl::string_view::npos);
}

}  // namespace
}  // namespace advisor::text

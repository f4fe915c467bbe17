#include "service/engines/pagination.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace advisor::engines {
namespace {

TEST(ResolvePageTest, ZeroPageSizeMeansTheDefault) {
  const auto page = ResolvePage(120, 0, "", "frameworks");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->begin, 0);
  EXPECT_EQ(page->end, kDefaultPageSize);
  EXPECT_FALSE(page->next_page_token.empty());
}

TEST(ResolvePageTest, SmallListFitsOnOnePageWithoutToken) {
  const auto page = ResolvePage(3, 0, "", "frameworks");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->begin, 0);
  EXPECT_EQ(page->end, 3);
  EXPECT_TRUE(page->next_page_token.empty());
}

TEST(ResolvePageTest, EmptyListGivesEmptyLastPage) {
  const auto page = ResolvePage(0, 10, "", "faqs");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->begin, 0);
  EXPECT_EQ(page->end, 0);
  EXPECT_TRUE(page->next_page_token.empty());
}

TEST(ResolvePageTest, LargePageSizesAreClamped) {
  const auto page = ResolvePage(5000, kMaxPageSize * 10, "", "faqs");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->end - page->begin, kMaxPageSize);
}

TEST(ResolvePageTest, NegativePageSizeIsInvalid) {
  EXPECT_EQ(ResolvePage(3, -1, "", "frameworks").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ResolvePageTest, WalksTheWholeListPageByPage) {
  std::string token;
  int expected_begin = 0;
  int pages = 0;
  do {
    const auto page = ResolvePage(7, 3, token, "frameworks");
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_EQ(page->begin, expected_begin);
    expected_begin = page->end;
    token = page->next_page_token;
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(expected_begin, 7);
}

TEST(ResolvePageTest, TokensAreOpaqueAndWebSafe) {
  const auto page = ResolvePage(10, 2, "", "frameworks");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->next_page_token.find_first_of("+/=:"), std::string::npos)
      << page->next_page_token;
  EXPECT_EQ(page->next_page_token.find("frameworks"), std::string::npos);
}

TEST(ResolvePageTest, TokenFromAnotherCollectionIsRefused) {
  const auto faq_page = ResolvePage(10, 2, "", "faqs");
  ASSERT_TRUE(faq_page.ok());
  EXPECT_EQ(ResolvePage(10, 2, faq_page->next_page_token, "frameworks").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ResolvePageTest, ForgedAndGarbledTokensAreRefused) {
  const auto page = ResolvePage(10, 2, "", "frameworks");
  ASSERT_TRUE(page.ok());
  std::string edited = page->next_page_token;
  edited[edited.size() / 2] = edited[edited.size() / 2] == 'A' ? 'B' : 'A';

  // Well-formed base64 of a plausible payload, but without the right check.
  const std::string forged = absl::WebSafeBase64Escape("v1:frameworks:4:0");
  for (const std::string& token : {edited, forged, std::string("not a token!"), std::string("AAAA"),
                                   page->next_page_token + "x"}) {
    EXPECT_EQ(ResolvePage(10, 2, token, "frameworks").status().code(),
              absl::StatusCode::kInvalidArgument)
        << token;
  }
}

TEST(ResolvePageTest, TokenPastTheEndGivesEmptyLastPage) {
  // Issued while the list was longer (e.g. before a knowledge base reload).
  const auto long_list = ResolvePage(100, 60, "", "faqs");
  ASSERT_TRUE(long_list.ok());
  const auto page = ResolvePage(5, 60, long_list->next_page_token, "faqs");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->begin, 5);
  EXPECT_EQ(page->end, 5);
  EXPECT_TRUE(page->next_page_token.empty());
}

}  // namespace
}  // namespace advisor::engines

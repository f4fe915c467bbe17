#include "service/metrics/status_code_names.h"

#include "gtest/gtest.h"

namespace advisor::metrics {
namespace {

TEST(StatusCodeNameTest, NamesEveryCanonicalCode) {
  EXPECT_EQ(StatusCodeName(0), "OK");
  EXPECT_EQ(StatusCodeName(1), "CANCELLED");
  EXPECT_EQ(StatusCodeName(3), "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(4), "DEADLINE_EXCEEDED");
  EXPECT_EQ(StatusCodeName(5), "NOT_FOUND");
  EXPECT_EQ(StatusCodeName(8), "RESOURCE_EXHAUSTED");
  EXPECT_EQ(StatusCodeName(12), "UNIMPLEMENTED");
  EXPECT_EQ(StatusCodeName(13), "INTERNAL");
  EXPECT_EQ(StatusCodeName(14), "UNAVAILABLE");
  EXPECT_EQ(StatusCodeName(16), "UNAUTHENTICATED");
}

TEST(StatusCodeNameTest, OutOfRangeIsUnknown) {
  EXPECT_EQ(StatusCodeName(-1), "UNKNOWN");
  EXPECT_EQ(StatusCodeName(17), "UNKNOWN");
}

}  // namespace
}  // namespace advisor::metrics

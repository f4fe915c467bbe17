#include "service/text/stemmer.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace advisor::text {
namespace {

TEST(StemTest, ReducesInflectionsToOneStem) {
  EXPECT_EQ(Stem("hiring"), Stem("hire"));
  EXPECT_EQ(Stem("startups"), Stem("startup"));
  EXPECT_EQ(Stem("researching"), Stem("research"));
  EXPECT_EQ(Stem("frameworks"), "framework");
  EXPECT_EQ(Stem(""), "");
}

TEST(StemTest, IsSafeAcrossThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&results, i] {
      for (int repeat = 0; repeat < 1000; ++repeat) results[i] = Stem("experimenting");
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, "experi");
}

}  // namespace
}  // namespace advisor::text

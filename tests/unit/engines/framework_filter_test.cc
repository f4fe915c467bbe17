#include "service/engines/framework_filter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/knowledge_base/knowledge_base_loader.h"

namespace advisor::engines {
namespace {

using advisor::v1::Framework;
using ::testing::HasSubstr;

// The ids of the default knowledge base's frameworks that `filter` keeps.
std::vector<std::string> Kept(absl::string_view filter) {
  auto knowledge_base = knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  auto parsed = FrameworkFilter::Parse(filter);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  std::vector<std::string> ids;
  if (!knowledge_base.ok() || !parsed.ok()) return ids;
  for (const Framework& framework : knowledge_base->frameworks()) {
    if (parsed->Matches(framework)) ids.push_back(framework.id());
  }
  return ids;
}

TEST(FrameworkFilterTest, EmptyKeepsEveryFramework) {
  EXPECT_EQ(Kept("").size(), 21U);
  EXPECT_EQ(Kept("   ").size(), 21U);
}

TEST(FrameworkFilterTest, ComparesKindAndStatusWithOrWithoutThePrefix) {
  const std::vector<std::string> retired = Kept("status = RETIRED");
  EXPECT_THAT(retired, ::testing::IsSupersetOf({"theano", "mxnet", "caffe"}));
  EXPECT_THAT(Kept("status = MAINTENANCE"), ::testing::Contains("cntk"));
  EXPECT_EQ(Kept("status=STATUS_RETIRED"), retired);
  EXPECT_EQ(Kept("Status = retired"), retired);
  for (const std::string& id : Kept("status != RETIRED")) {
    EXPECT_THAT(retired, ::testing::Not(::testing::Contains(id)));
  }
  EXPECT_THAT(Kept("kind = LIBRARY AND status = ACTIVE"), ::testing::Contains("flax"));
  EXPECT_THAT(Kept("kind = CLASSIC_ML_LIBRARY"), ::testing::ElementsAre("scikit-learn"));
}

TEST(FrameworkFilterTest, RefusesWhatItDoesNotSupport) {
  for (const auto& [filter, message] : std::vector<std::pair<std::string, std::string>>{
           {"licence = MIT", "unknown field \"licence\""},
           {"status = ALIVE", "unknown status \"ALIVE\"; one of ACTIVE, MAINTENANCE, RETIRED"},
           {"status = UNSPECIFIED", "unknown status"},
           {"status > ACTIVE", "unsupported operator"},
           {"status = ACTIVE OR status = RETIRED", "OR is not supported"},
           {"(status = ACTIVE)", "parentheses"},
           {"status =", "expected FIELD = VALUE"},
           {"status = ACTIVE AND", "AND ends the filter"},
           {std::string(2000, 'x'), "longer than"}}) {
    const auto parsed = FrameworkFilter::Parse(filter);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << filter;
    EXPECT_THAT(parsed.status().message(), HasSubstr(message)) << filter;
  }
}

}  // namespace
}  // namespace advisor::engines

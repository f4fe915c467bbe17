#include "service/knowledge_base/framework_fields.h"

#include <string>

#include "gtest/gtest.h"

#include "service/knowledge_base/item_names.h"

namespace advisor::knowledge_base {
namespace {

using advisor::v1::Framework;

// The table names each field as the proto does, so a renamed or
// renumbered proto field fails here rather than silently losing its source
// check or its item.
TEST(FrameworkFieldsTest, NameEachFieldAsTheProtoDoes) {
  for (const FrameworkField& field : FrameworkFields()) {
    const google::protobuf::FieldDescriptor* descriptor =
        Framework::descriptor()->FindFieldByNumber(field.number);
    ASSERT_NE(descriptor, nullptr) << field.name;
    EXPECT_EQ(descriptor->name(), std::string(field.name));
    EXPECT_EQ(FindFrameworkField(field.name), &field);
  }
  EXPECT_EQ(FindFrameworkField("field_sources"), nullptr);
}

TEST(FrameworkFieldsTest, KnowWhichAreSetAnswerableAndShared) {
  Framework framework;
  framework.set_developer("Google");
  framework.set_status(Framework::STATUS_RETIRED);
  for (const FrameworkField& field : FrameworkFields()) {
    EXPECT_EQ(field.present(framework), field.name == "developer" || field.name == "status")
        << field.name;
    EXPECT_EQ(IsAnswerableFrameworkField(field.name), field.answerable) << field.name;
  }
  EXPECT_FALSE(FindFrameworkField("kind")->answerable);
  EXPECT_FALSE(FindFrameworkField("notes")->shared_label);
  EXPECT_TRUE(FindFrameworkField("developer")->shared_label);
  EXPECT_FALSE(FindFrameworkField("licence")->stated_by_document);
}

}  // namespace
}  // namespace advisor::knowledge_base

#include "service/knowledge_base/item_names.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

#include "service/knowledge_base/framework_fields.h"

namespace advisor::knowledge_base {
namespace {

using advisor::v1::KnowledgeBase;

ItemRef Ref(ItemRef::Kind kind, int index = -1, std::string field = "") {
  ItemRef ref;
  ref.kind = kind;
  ref.index = index;
  ref.field = std::move(field);
  return ref;
}

absl::Status Malformed(absl::string_view item) {
  return absl::InvalidArgumentError(absl::StrCat(
      "item \"", item,
      "\" is not one of faqs/{id}, frameworks/{id}/{field}, hiringPatterns/{id}[/learningPath], "
      "insights/{n}, advice/general, advice/defaultLearningPath, documents/{id}/paragraphs/{n}, ",
      kOutOfScopeItem));
}

// The index of the element of `items` whose id is `id`, or -1.
template <typename Repeated>
int IndexOfId(const Repeated& items, absl::string_view id) {
  for (int i = 0; i < items.size(); ++i) {
    if (items.Get(i).id() == id) return i;
  }
  return -1;
}

// A 1-based number in [1, count], as a 0-based index; -1 when it is not.
int OneBasedIndex(absl::string_view text, int count) {
  int n = 0;
  if (!absl::SimpleAtoi(text, &n) || n < 1 || n > count) return -1;
  return n - 1;
}

absl::StatusOr<ItemRef> ResolveParagraph(const KnowledgeBase& knowledge_base, int document,
                                         absl::string_view item, absl::string_view number) {
  const auto& sections = knowledge_base.documents(document).sections();
  int total = 0;
  for (const auto& section : sections) total += section.paragraphs_size();
  const int wanted = OneBasedIndex(number, total);
  if (wanted < 0) {
    return absl::NotFoundError(absl::StrCat("item \"", item, "\": the document has ", total,
                                            " paragraphs, numbered from 1"));
  }
  ItemRef ref = Ref(ItemRef::Kind::kParagraph, document);
  int seen = 0;
  for (int s = 0; s < sections.size(); ++s) {
    if (wanted < seen + sections[s].paragraphs_size()) {
      ref.section = s;
      ref.paragraph = wanted - seen;
      break;
    }
    seen += sections[s].paragraphs_size();
  }
  return ref;
}

// Whether `framework` has a value in its field named `field`.
bool HoldsField(const advisor::v1::Framework& framework, absl::string_view field) {
  const google::protobuf::FieldDescriptor* descriptor =
      framework.GetDescriptor()->FindFieldByName(std::string(field));
  if (descriptor == nullptr) return false;
  const google::protobuf::Reflection* reflection = framework.GetReflection();
  return descriptor->is_repeated() ? reflection->FieldSize(framework, descriptor) > 0
                                   : reflection->HasField(framework, descriptor);
}

}  // namespace

bool IsAnswerableFrameworkField(absl::string_view field) {
  const FrameworkField* known = FindFrameworkField(field);
  return known != nullptr && known->answerable;
}

absl::StatusOr<ItemRef> ResolveItem(const KnowledgeBase& knowledge_base, absl::string_view item) {
  if (item == kOutOfScopeItem) return ItemRef{};
  const std::vector<absl::string_view> parts = absl::StrSplit(item, '/');
  auto not_found = [&](absl::string_view what) {
    return absl::NotFoundError(absl::StrCat("item \"", item, "\": no ", what));
  };
  const absl::string_view collection = parts[0];
  if (collection == "faqs" && parts.size() == 2) {
    const int faq = IndexOfId(knowledge_base.faqs(), parts[1]);
    if (faq < 0) return not_found(absl::StrCat("FAQ entry \"", parts[1], "\""));
    return Ref(ItemRef::Kind::kFaq, faq);
  }
  if (collection == "frameworks" && parts.size() == 3) {
    const int framework = IndexOfId(knowledge_base.frameworks(), parts[1]);
    if (framework < 0) return not_found(absl::StrCat("framework \"", parts[1], "\""));
    if (!IsAnswerableFrameworkField(parts[2])) {
      return not_found(absl::StrCat("framework field \"", parts[2], "\""));
    }
    if (!HoldsField(knowledge_base.frameworks(framework), parts[2])) {
      return not_found(absl::StrCat(parts[2], " in framework \"", parts[1], "\""));
    }
    return Ref(ItemRef::Kind::kFrameworkField, framework, std::string(parts[2]));
  }
  if (collection == "hiringPatterns" && (parts.size() == 2 || parts.size() == 3)) {
    const int pattern = IndexOfId(knowledge_base.hiring_patterns(), parts[1]);
    if (pattern < 0) return not_found(absl::StrCat("hiring pattern \"", parts[1], "\""));
    if (parts.size() == 2) return Ref(ItemRef::Kind::kHiringPattern, pattern);
    if (parts[2] == "learningPath") return Ref(ItemRef::Kind::kLearningPath, pattern);
    return Malformed(item);
  }
  if (collection == "insights" && parts.size() == 2) {
    const int insight = OneBasedIndex(parts[1], knowledge_base.insights_size());
    if (insight < 0) {
      return not_found(absl::StrCat("insight ", parts[1], " (there are ",
                                    knowledge_base.insights_size(), ", numbered from 1)"));
    }
    return Ref(ItemRef::Kind::kInsight, insight);
  }
  if (collection == "advice" && parts.size() == 2) {
    if (parts[1] == "general") {
      if (knowledge_base.general_advice().empty()) return not_found("general advice");
      return Ref(ItemRef::Kind::kGeneralAdvice);
    }
    if (parts[1] == "defaultLearningPath") {
      if (knowledge_base.default_learning_path().empty()) return not_found("default learning path");
      return Ref(ItemRef::Kind::kDefaultLearningPath);
    }
    return Malformed(item);
  }
  if (collection == "documents" && parts.size() == 4 && parts[2] == "paragraphs") {
    const int document = IndexOfId(knowledge_base.documents(), parts[1]);
    if (document < 0) return not_found(absl::StrCat("document \"", parts[1], "\""));
    return ResolveParagraph(knowledge_base, document, item, parts[3]);
  }
  return Malformed(item);
}

}  // namespace advisor::knowledge_base

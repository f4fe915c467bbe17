#include "service/knowledge_base/knowledge_base_validator.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

#include "service/knowledge_base/framework_fields.h"
#include "service/knowledge_base/item_names.h"
#include "service/text/text_normalizer.h"

namespace advisor::knowledge_base {
namespace {

using advisor::v1::Document;
using advisor::v1::DocumentSection;
using advisor::v1::ExampleQuestions;
using advisor::v1::FaqEntry;
using advisor::v1::Framework;
using advisor::v1::HiringPattern;
using advisor::v1::Insight;
using advisor::v1::KnowledgeBase;
using advisor::v1::LearningStepSpec;
using advisor::v1::Signal;
using advisor::v1::SynonymGroup;
using advisor::v1::UndescribedFramework;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using ParseInfoTree = google::protobuf::TextFormat::ParseInfoTree;

constexpr double kMaxSignalWeight = 2.0;

// Limits on documents, far above any real article, so that a runaway import
// (a whole book, a file pasted twice) is refused instead of slowing every
// question down: every paragraph is scored when answering.
constexpr int kMaxDocuments = 10000;
constexpr int kMaxSectionsPerDocument = 1000;
constexpr size_t kMaxParagraphBytes = 8192;
// Example questions are trained on when a snapshot is built; this bounds
// the training time (about 1 s per 10000 examples).
constexpr int kMaxExampleQuestions = 100000;

struct Position {
  int line = 0;
  int column = 0;
};

// Where the fields of one parsed message are. Fields absent from the text
// (a missing required field, say) are reported at the message itself.
class Locator {
 public:
  Locator(const ParseInfoTree* tree, const Descriptor* type, Position fallback)
      : tree_(tree), type_(type), fallback_(fallback) {}

  // Position of a field; `index` only for repeated fields.
  Position Of(int field_number, int index = -1) const {
    const FieldDescriptor* field = type_->FindFieldByNumber(field_number);
    if (tree_ == nullptr || field == nullptr) return fallback_;
    // Asking for a repeated field without an index (it has no values) is
    // fatal in protobuf's debug builds; the message's position will do.
    if (field->is_repeated() && index < 0) return fallback_;
    const auto location = tree_->GetLocation(field, field->is_repeated() ? index : -1);
    if (location.line < 0) return fallback_;
    return {location.line + 1, location.column + 1};
  }

  // Locator for the index-th value of a repeated message field.
  Locator Nested(int field_number, int index) const {
    const FieldDescriptor* field = type_->FindFieldByNumber(field_number);
    const ParseInfoTree* nested =
        tree_ == nullptr ? nullptr : tree_->GetTreeForNested(field, index);
    return Locator(nested, field->message_type(), Of(field_number, index));
  }

 private:
  const ParseInfoTree* tree_;
  const Descriptor* type_;
  Position fallback_;
};

bool IsBlank(absl::string_view value) { return absl::StripAsciiWhitespace(value).empty(); }

// [a-z][a-z0-9_-]*, for framework and document ids.
bool IsValidId(absl::string_view id) {
  if (id.empty() || !absl::ascii_islower(static_cast<unsigned char>(id.front()))) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return absl::ascii_islower(byte) || absl::ascii_isdigit(byte) || c == '_' || c == '-';
  });
}

// The form under which names are looked up, so clashes are judged the way
// FrameworkLookup will see them.
std::string NameKey(absl::string_view name) {
  auto folded = text::FoldText(name);
  std::string key = folded.ok() ? *std::move(folded) : absl::AsciiStrToLower(name);
  return std::string(absl::StripAsciiWhitespace(key));
}

class Validator {
 public:
  Validator(const KnowledgeBase& knowledge_base, const ParseInfoTree* locations)
      : kb_(knowledge_base),
        root_(locations, KnowledgeBase::descriptor(),
              locations == nullptr ? Position{} : Position{1, 1}) {}

  std::vector<ValidationProblem> Run() && {
    if (IsBlank(kb_.version())) {
      Add(root_.Of(KnowledgeBase::kVersionFieldNumber), "version is required");
    }
    CheckFrameworks();
    CheckHiringPatterns();
    CheckLearningPath(kb_.default_learning_path(), root_,
                      KnowledgeBase::kDefaultLearningPathFieldNumber, "default_learning_path");
    CheckInsights();
    CheckFaqs();
    CheckSynonyms();
    CheckDocuments();
    CheckExamples();
    CheckUndescribedFrameworks();
    CheckUtf8(kb_, root_, "");
    return SortedProblems();
  }

  // Only the rules about documents, for a knowledge base holding nothing else.
  std::vector<ValidationProblem> RunDocumentRules() && {
    CheckDocuments();
    for (int i = 0; i < kb_.documents_size(); ++i) {
      CheckUtf8(kb_.documents(i), root_.Nested(KnowledgeBase::kDocumentsFieldNumber, i),
                absl::StrCat("documents[", i, "]"));
    }
    return SortedProblems();
  }

 private:
  // Who first used a lookup key.
  struct NameOwner {
    int framework_index = -1;
    bool is_id = false;
    std::string description;  // e.g. `alias "tf" of framework "tensorflow"`
  };

  std::vector<ValidationProblem> SortedProblems() {
    std::stable_sort(problems_.begin(), problems_.end(),
                     [](const ValidationProblem& a, const ValidationProblem& b) {
                       return std::make_pair(a.line, a.column) < std::make_pair(b.line, b.column);
                     });
    return std::move(problems_);
  }

  void Add(Position where, std::string message) {
    problems_.push_back({where.line, where.column, std::move(message)});
  }

  // Every string field, at any depth, must be UTF-8: the text format
  // parser accepts any bytes (octal escapes, a file saved as Latin-1), and
  // a response carrying them would fail to parse in every client (the
  // response encoders copy knowledge base strings as they are).
  void CheckUtf8(const google::protobuf::Message& message, const Locator& at,
                 const std::string& path) {
    const google::protobuf::Reflection* reflection = message.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(message, &fields);
    for (const FieldDescriptor* field : fields) {
      const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
      for (int i = 0; i < count; ++i) {
        const int index = field->is_repeated() ? i : -1;
        const std::string name =
            absl::StrCat(path, path.empty() ? "" : ".", field->name(),
                         field->is_repeated() ? absl::StrCat("[", i, "]") : std::string());
        if (field->type() == FieldDescriptor::TYPE_STRING) {
          std::string scratch;
          const std::string& value =
              field->is_repeated()
                  ? reflection->GetRepeatedStringReference(message, field, i, &scratch)
                  : reflection->GetStringReference(message, field, &scratch);
          if (!text::IsValidUtf8(value)) {
            Add(at.Of(field->number(), index), absl::StrCat(name, " is not valid UTF-8"));
          }
        } else if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
          const google::protobuf::Message& nested =
              field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                   : reflection->GetMessage(message, field);
          CheckUtf8(nested, at.Nested(field->number(), index), name);
        }
      }
    }
  }

  void CheckFrameworks() {
    if (kb_.frameworks().empty()) {
      Add(root_.Of(KnowledgeBase::kFrameworksFieldNumber), "at least one framework is required");
      return;
    }
    absl::flat_hash_map<std::string, int> line_of_id;
    for (int i = 0; i < kb_.frameworks_size(); ++i) {
      const Framework& framework = kb_.frameworks(i);
      const Locator at = root_.Nested(KnowledgeBase::kFrameworksFieldNumber, i);
      const Position id_at = at.Of(Framework::kIdFieldNumber);
      const std::string label = framework.id().empty()
                                    ? absl::StrCat("frameworks[", i, "]")
                                    : absl::StrCat("framework \"", framework.id(), "\"");
      if (framework.id().empty()) {
        Add(id_at, absl::StrCat(label, ": id is required"));
      } else if (!IsValidId(framework.id())) {
        Add(id_at,
            absl::StrCat("framework id \"", framework.id(), "\" must match [a-z][a-z0-9_-]*"));
      } else if (auto [it, inserted] = line_of_id.try_emplace(framework.id(), id_at.line);
                 !inserted) {
        Add(id_at,
            absl::StrCat(
                "duplicate framework id \"", framework.id(), "\"",
                it->second > 0 ? absl::StrCat(" (first defined on line ", it->second, ")") : ""));
      } else {
        known_ids_.insert(framework.id());
      }
      if (!framework.name().empty()) {
        Add(at.Of(Framework::kNameFieldNumber),
            absl::StrCat(label,
                         ": name is output only and must be left empty (the server sets "
                         "it to \"frameworks/{id}\")"));
      }
      if (IsBlank(framework.display_name())) {
        Add(at.Of(Framework::kDisplayNameFieldNumber),
            absl::StrCat(label, ": display_name is required"));
      }
      if (IsBlank(framework.summary())) {
        Add(at.Of(Framework::kSummaryFieldNumber), absl::StrCat(label, ": summary is required"));
      }
      CheckNames(framework, i, at, label);
      CheckFactSources(framework, at, label);
    }
  }

  // Every fact beyond the seed names the page it was read at: a field
  // source for each non-empty fact, except, for a framework described by a
  // document of the knowledge base, the facts that document states.
  void CheckFactSources(const Framework& framework, const Locator& at, const std::string& label) {
    const bool described = !framework.described_by().empty();
    if (described && std::none_of(kb_.documents().begin(), kb_.documents().end(),
                                  [&](const v1::Document& document) {
                                    return document.id() == framework.described_by();
                                  })) {
      Add(at.Of(Framework::kDescribedByFieldNumber),
          absl::StrCat(label, ": described_by \"", framework.described_by(),
                       "\" is not a document of the knowledge base"));
    }
    absl::flat_hash_set<std::string> sourced;
    for (int j = 0; j < framework.field_sources_size(); ++j) {
      const v1::FieldSource& source = framework.field_sources(j);
      const Position where =
          at.Nested(Framework::kFieldSourcesFieldNumber, j).Of(v1::FieldSource::kFieldFieldNumber);
      const FrameworkField* fact = FindFrameworkField(source.field());
      if (fact == nullptr) {
        Add(where, absl::StrCat(label, ": field_sources names \"", source.field(),
                                "\", which is not a fact field"));
      } else if (!sourced.insert(source.field()).second) {
        Add(where, absl::StrCat(label, ": field \"", source.field(), "\" has two sources"));
      }
      if (!absl::StartsWith(source.url(), "https://") &&
          !absl::StartsWith(source.url(), "http://")) {
        Add(where, absl::StrCat(label, ": the source of \"", source.field(),
                                "\" must be an http(s) URL, not \"", source.url(), "\""));
      }
    }
    for (const FrameworkField& fact : FrameworkFields()) {
      if (!fact.present(framework) || sourced.contains(fact.name)) continue;
      if (described && fact.stated_by_document) continue;
      Add(at.Of(fact.number),
          absl::StrCat(label, ": ", fact.name, " has no source (add field_sources { field: \"",
                       fact.name, "\" url: \"...\" } with the page it was read at)"));
    }
  }

  // Ids, display names and aliases must not clash across frameworks.
  void CheckNames(const Framework& framework, int index, const Locator& at,
                  const std::string& label) {
    if (!framework.id().empty()) {
      ClaimName(framework.id(), index, at.Of(Framework::kIdFieldNumber),
                absl::StrCat("id \"", framework.id(), "\" of ", label), /*is_id=*/true);
    }
    if (!IsBlank(framework.display_name())) {
      ClaimName(framework.display_name(), index, at.Of(Framework::kDisplayNameFieldNumber),
                absl::StrCat("display name \"", framework.display_name(), "\" of ", label),
                /*is_id=*/false);
    }
    for (int a = 0; a < framework.aliases_size(); ++a) {
      const Position alias_at = at.Of(Framework::kAliasesFieldNumber, a);
      if (IsBlank(framework.aliases(a))) {
        Add(alias_at, absl::StrCat(label, ": aliases must not be empty"));
        continue;
      }
      ClaimName(framework.aliases(a), index, alias_at,
                absl::StrCat("alias \"", framework.aliases(a), "\" of ", label),
                /*is_id=*/false);
    }
  }

  void ClaimName(const std::string& name, int framework_index, Position where,
                 std::string description, bool is_id) {
    auto [it, inserted] = name_owners_.try_emplace(NameKey(name));
    if (inserted) {
      it->second = NameOwner{framework_index, is_id, std::move(description)};
      return;
    }
    if (it->second.framework_index == framework_index) return;
    // Two equal ids are already reported as a duplicate id.
    if (is_id && it->second.is_id) return;
    Add(where, absl::StrCat(description, " clashes with ", it->second.description,
                            " (names are case-insensitive)"));
  }

  void CheckFrameworkReference(const std::string& framework_id, Position where,
                               absl::string_view owner) {
    if (framework_id.empty()) {
      Add(where, absl::StrCat(owner, ": framework_id is required"));
    } else if (!known_ids_.contains(framework_id)) {
      Add(where, absl::StrCat(owner, ": unknown framework_id \"", framework_id, "\""));
    }
  }

  void CheckHiringPatterns() {
    absl::flat_hash_set<std::string> ids;
    for (int i = 0; i < kb_.hiring_patterns_size(); ++i) {
      const HiringPattern& pattern = kb_.hiring_patterns(i);
      const Locator at = root_.Nested(KnowledgeBase::kHiringPatternsFieldNumber, i);
      const std::string label = pattern.id().empty()
                                    ? absl::StrCat("hiring_patterns[", i, "]")
                                    : absl::StrCat("hiring pattern \"", pattern.id(), "\"");
      if (IsBlank(pattern.id())) {
        Add(at.Of(HiringPattern::kIdFieldNumber), absl::StrCat(label, ": id is required"));
      } else if (!ids.insert(pattern.id()).second) {
        Add(at.Of(HiringPattern::kIdFieldNumber),
            absl::StrCat("duplicate hiring pattern id \"", pattern.id(), "\""));
      }
      CheckFrameworkReference(pattern.framework_id(), at.Of(HiringPattern::kFrameworkIdFieldNumber),
                              label);
      if (IsBlank(pattern.title())) {
        Add(at.Of(HiringPattern::kTitleFieldNumber), absl::StrCat(label, ": title is required"));
      }
      if (IsBlank(pattern.reason())) {
        Add(at.Of(HiringPattern::kReasonFieldNumber), absl::StrCat(label, ": reason is required"));
      }
      if (pattern.signals().empty()) {
        Add(at.Of(HiringPattern::kSignalsFieldNumber),
            absl::StrCat(label, ": at least one signal is required"));
      }
      for (int s = 0; s < pattern.signals_size(); ++s) {
        const Signal& signal = pattern.signals(s);
        const Locator signal_at = at.Nested(HiringPattern::kSignalsFieldNumber, s);
        if (IsBlank(signal.phrase())) {
          Add(signal_at.Of(Signal::kPhraseFieldNumber),
              absl::StrCat(label, ": signal phrase is required"));
        }
        // Written as a negation so that NaN is refused too.
        if (!(signal.weight() > 0 && signal.weight() <= kMaxSignalWeight)) {
          Add(signal_at.Of(Signal::kWeightFieldNumber),
              absl::StrCat(label, ": signal \"", signal.phrase(), "\" has weight ", signal.weight(),
                           "; weights must be in (0, 2]"));
        }
      }
      CheckLearningPath(pattern.learning_path(), at, HiringPattern::kLearningPathFieldNumber,
                        absl::StrCat(label, " learning_path"));
    }
  }

  void CheckLearningPath(const google::protobuf::RepeatedPtrField<LearningStepSpec>& steps,
                         const Locator& at, int field_number, const std::string& label) {
    for (int s = 0; s < steps.size(); ++s) {
      const Locator step_at = at.Nested(field_number, s);
      CheckFrameworkReference(steps[s].framework_id(),
                              step_at.Of(LearningStepSpec::kFrameworkIdFieldNumber),
                              absl::StrCat(label, " step ", s + 1));
    }
  }

  void CheckInsights() {
    for (int i = 0; i < kb_.insights_size(); ++i) {
      const Insight& insight = kb_.insights(i);
      const Locator at = root_.Nested(KnowledgeBase::kInsightsFieldNumber, i);
      const std::string label = absl::StrCat("insights[", i, "]");
      absl::flat_hash_set<std::string> distinct;
      for (int f = 0; f < insight.framework_ids_size(); ++f) {
        CheckFrameworkReference(insight.framework_ids(f),
                                at.Of(Insight::kFrameworkIdsFieldNumber, f), label);
        distinct.insert(insight.framework_ids(f));
      }
      if (distinct.size() < 2) {
        Add(at.Of(Insight::kFrameworkIdsFieldNumber, 0),
            absl::StrCat(label, ": an insight must name at least two distinct frameworks"));
      }
      if (IsBlank(insight.text())) {
        Add(at.Of(Insight::kTextFieldNumber), absl::StrCat(label, ": text is required"));
      }
    }
  }

  void CheckFaqs() {
    absl::flat_hash_set<std::string> ids;
    for (int i = 0; i < kb_.faqs_size(); ++i) {
      const FaqEntry& faq = kb_.faqs(i);
      const Locator at = root_.Nested(KnowledgeBase::kFaqsFieldNumber, i);
      const std::string label =
          faq.id().empty() ? absl::StrCat("faqs[", i, "]") : absl::StrCat("faq \"", faq.id(), "\"");
      if (IsBlank(faq.id())) {
        Add(at.Of(FaqEntry::kIdFieldNumber), absl::StrCat(label, ": id is required"));
      } else if (!ids.insert(faq.id()).second) {
        Add(at.Of(FaqEntry::kIdFieldNumber), absl::StrCat("duplicate faq id \"", faq.id(), "\""));
      }
      if (IsBlank(faq.question())) {
        Add(at.Of(FaqEntry::kQuestionFieldNumber), absl::StrCat(label, ": question is required"));
      }
      if (IsBlank(faq.answer())) {
        Add(at.Of(FaqEntry::kAnswerFieldNumber), absl::StrCat(label, ": answer is required"));
      }
    }
  }

  // Every example names an item the knowledge base holds and is a
  // question of its own: none blank or over the request limit, none
  // repeated (as folded text) under the same item or another.
  void CheckExamples() {
    absl::flat_hash_map<std::string, std::string> item_of_question;
    int total = 0;
    for (int i = 0; i < kb_.examples_size(); ++i) {
      const ExampleQuestions& examples = kb_.examples(i);
      const Locator at = root_.Nested(KnowledgeBase::kExamplesFieldNumber, i);
      const std::string label = absl::StrCat("examples[", i, "]");
      if (absl::StatusOr<ItemRef> item = ResolveItem(kb_, examples.item()); !item.ok()) {
        Add(at.Of(ExampleQuestions::kItemFieldNumber),
            absl::StrCat(label, ": ", item.status().message()));
      }
      if (examples.questions().empty()) {
        Add(at.Of(ExampleQuestions::kQuestionsFieldNumber),
            absl::StrCat(label, ": at least one question is required"));
      }
      total += examples.questions_size();
      for (int q = 0; q < examples.questions_size(); ++q) {
        const std::string& question = examples.questions(q);
        const Position question_at = at.Of(ExampleQuestions::kQuestionsFieldNumber, q);
        if (IsBlank(question)) {
          Add(question_at, absl::StrCat(label, ": questions must not be empty"));
          continue;
        }
        if (question.size() > text::kMaxFreeTextBytes) {
          Add(question_at, absl::StrCat(label, ": question ", q + 1, " is longer than ",
                                        text::kMaxFreeTextBytes, " bytes"));
        }
        const auto [it, inserted] = item_of_question.try_emplace(
            absl::StrJoin(absl::StrSplit(NameKey(question), ' ', absl::SkipEmpty()), " "),
            examples.item());
        if (!inserted) {
          Add(question_at,
              it->second == examples.item()
                  ? absl::StrCat(label, ": \"", question, "\" is repeated")
                  : absl::StrCat(label, ": \"", question, "\" is also an example of ", it->second));
        }
      }
    }
    if (total > kMaxExampleQuestions) {
      Add(root_.Of(KnowledgeBase::kExamplesFieldNumber, 0),
          absl::StrCat(total, " example questions; the limit is ", kMaxExampleQuestions));
    }
  }

  // Frameworks known only by name: a name, and names that are no described
  // framework's (a question naming one must not count as about the other).
  void CheckUndescribedFrameworks() {
    absl::flat_hash_set<std::string> seen;
    for (int i = 0; i < kb_.undescribed_frameworks_size(); ++i) {
      const UndescribedFramework& framework = kb_.undescribed_frameworks(i);
      const Locator at = root_.Nested(KnowledgeBase::kUndescribedFrameworksFieldNumber, i);
      const std::string label = absl::StrCat("undescribed_frameworks[", i, "]");
      if (IsBlank(framework.display_name())) {
        Add(at.Of(UndescribedFramework::kDisplayNameFieldNumber),
            absl::StrCat(label, ": display_name is required"));
      }
      auto check = [&](const std::string& name, Position where) {
        if (IsBlank(name)) {
          Add(where, absl::StrCat(label, ": names must not be empty"));
          return;
        }
        const std::string key = NameKey(name);
        if (const auto owner = name_owners_.find(key); owner != name_owners_.end()) {
          Add(where,
              absl::StrCat(label, ": \"", name, "\" is already ", owner->second.description));
        } else if (!seen.insert(key).second) {
          Add(where, absl::StrCat(label, ": \"", name, "\" is listed twice"));
        }
      };
      check(framework.display_name(), at.Of(UndescribedFramework::kDisplayNameFieldNumber));
      for (int a = 0; a < framework.aliases_size(); ++a) {
        check(framework.aliases(a), at.Of(UndescribedFramework::kAliasesFieldNumber, a));
      }
    }
  }

  void CheckSynonyms() {
    for (int i = 0; i < kb_.synonyms_size(); ++i) {
      const SynonymGroup& group = kb_.synonyms(i);
      const Locator at = root_.Nested(KnowledgeBase::kSynonymsFieldNumber, i);
      const std::string label = absl::StrCat("synonyms[", i, "]");
      if (IsBlank(group.canonical())) {
        Add(at.Of(SynonymGroup::kCanonicalFieldNumber),
            absl::StrCat(label, ": canonical is required"));
      }
      if (group.terms().empty()) {
        Add(at.Of(SynonymGroup::kTermsFieldNumber),
            absl::StrCat(label, ": at least one term is required"));
      }
      for (int t = 0; t < group.terms_size(); ++t) {
        if (IsBlank(group.terms(t))) {
          Add(at.Of(SynonymGroup::kTermsFieldNumber, t),
              absl::StrCat(label, ": terms must not be empty"));
        }
      }
    }
  }

  void CheckDocuments() {
    if (kb_.documents_size() > kMaxDocuments) {
      Add(root_.Of(KnowledgeBase::kDocumentsFieldNumber, kMaxDocuments),
          absl::StrCat(kb_.documents_size(), " documents; the limit is ", kMaxDocuments));
    }
    absl::flat_hash_map<std::string, int> line_of_id;
    for (int i = 0; i < kb_.documents_size(); ++i) {
      const Document& document = kb_.documents(i);
      const Locator at = root_.Nested(KnowledgeBase::kDocumentsFieldNumber, i);
      const Position id_at = at.Of(Document::kIdFieldNumber);
      const std::string label = document.id().empty()
                                    ? absl::StrCat("documents[", i, "]")
                                    : absl::StrCat("document \"", document.id(), "\"");
      if (document.id().empty()) {
        Add(id_at, absl::StrCat(label, ": id is required"));
      } else if (!IsValidId(document.id())) {
        Add(id_at, absl::StrCat("document id \"", document.id(), "\" must match [a-z][a-z0-9_-]*"));
      } else if (auto [it, inserted] = line_of_id.try_emplace(document.id(), id_at.line);
                 !inserted) {
        Add(id_at,
            absl::StrCat(
                "duplicate document id \"", document.id(), "\"",
                it->second > 0 ? absl::StrCat(" (first defined on line ", it->second, ")") : ""));
      }
      if (IsBlank(document.title())) {
        Add(at.Of(Document::kTitleFieldNumber), absl::StrCat(label, ": title is required"));
      }
      const std::string& url = document.source().url();
      if (!url.empty() && !absl::StartsWith(url, "http://") && !absl::StartsWith(url, "https://")) {
        Add(at.Nested(Document::kSourceFieldNumber, -1)
                .Of(advisor::v1::DocumentSource::kUrlFieldNumber),
            absl::StrCat(label, ": source url \"", url, "\" must start with http:// or https://"));
      }
      CheckSections(document, at, label);
    }
  }

  void CheckSections(const Document& document, const Locator& at, const std::string& label) {
    if (document.sections().empty()) {
      Add(at.Of(Document::kSectionsFieldNumber),
          absl::StrCat(label, ": at least one section is required"));
    }
    if (document.sections_size() > kMaxSectionsPerDocument) {
      Add(at.Of(Document::kSectionsFieldNumber, kMaxSectionsPerDocument),
          absl::StrCat(label, " has ", document.sections_size(), " sections; the limit is ",
                       kMaxSectionsPerDocument));
    }
    for (int s = 0; s < document.sections_size(); ++s) {
      const DocumentSection& section = document.sections(s);
      const Locator section_at = at.Nested(Document::kSectionsFieldNumber, s);
      const std::string section_label = absl::StrCat(label, " section ", s + 1);
      if (section.paragraphs().empty()) {
        Add(section_at.Of(DocumentSection::kParagraphsFieldNumber),
            absl::StrCat(section_label, ": at least one paragraph is required"));
      }
      for (int p = 0; p < section.paragraphs_size(); ++p) {
        const std::string& paragraph = section.paragraphs(p);
        const Position paragraph_at = section_at.Of(DocumentSection::kParagraphsFieldNumber, p);
        if (IsBlank(paragraph)) {
          Add(paragraph_at,
              absl::StrCat(section_label, " paragraph ", p + 1, ": paragraphs must not be empty"));
        } else if (paragraph.size() > kMaxParagraphBytes) {
          Add(paragraph_at,
              absl::StrCat(section_label, " paragraph ", p + 1, " is ", paragraph.size(),
                           " bytes long; the limit is ", kMaxParagraphBytes));
        }
      }
    }
  }

  const KnowledgeBase& kb_;
  const Locator root_;
  absl::flat_hash_set<std::string> known_ids_;
  absl::flat_hash_map<std::string, NameOwner> name_owners_;
  std::vector<ValidationProblem> problems_;
};

}  // namespace

std::vector<ValidationProblem> ValidateKnowledgeBase(const KnowledgeBase& knowledge_base,
                                                     const ParseInfoTree* locations) {
  return Validator(knowledge_base, locations).Run();
}

std::vector<ValidationProblem> ValidateDocument(const Document& document) {
  KnowledgeBase holder;
  *holder.add_documents() = document;
  return Validator(holder, nullptr).RunDocumentRules();
}

}  // namespace advisor::knowledge_base

#include "service/knowledge_base/framework_fields.h"

namespace advisor::knowledge_base {
namespace {

using advisor::v1::Framework;

// {name, number, present, stated_by_document, answerable, shared_label}
const FrameworkField kFields[] = {
    {"summary", Framework::kSummaryFieldNumber,
     [](const Framework& f) { return !f.summary().empty(); }, true, true, true},
    {"strengths", Framework::kStrengthsFieldNumber,
     [](const Framework& f) { return !f.strengths().empty(); }, true, true, true},
    {"best_for", Framework::kBestForFieldNumber,
     [](const Framework& f) { return !f.best_for().empty(); }, true, true, true},
    {"developer", Framework::kDeveloperFieldNumber,
     [](const Framework& f) { return !f.developer().empty(); }, true, true, true},
    {"website", Framework::kWebsiteFieldNumber,
     [](const Framework& f) { return !f.website().empty(); }, true, true, true},
    {"notes", Framework::kNotesFieldNumber, [](const Framework& f) { return !f.notes().empty(); },
     true, true, false},
    {"kind", Framework::kKindFieldNumber,
     [](const Framework& f) { return f.kind() != Framework::KIND_UNSPECIFIED; }, true, false,
     false},
    {"status", Framework::kStatusFieldNumber,
     [](const Framework& f) {
       return f.status() != Framework::STATUS_UNSPECIFIED || f.status_year() != 0 ||
              !f.status_note().empty();
     },
     true, true, true},
    {"first_release_year", Framework::kFirstReleaseYearFieldNumber,
     [](const Framework& f) { return f.first_release_year() != 0; }, false, true, true},
    {"licence", Framework::kLicenceFieldNumber,
     [](const Framework& f) { return !f.licence().empty(); }, false, true, true},
    {"languages", Framework::kLanguagesFieldNumber,
     [](const Framework& f) { return !f.languages().empty(); }, false, true, true},
    {"builds_on", Framework::kBuildsOnFieldNumber,
     [](const Framework& f) { return !f.builds_on().empty(); }, false, true, true},
    {"works_with", Framework::kWorksWithFieldNumber,
     [](const Framework& f) { return !f.works_with().empty(); }, false, true, true},
};

}  // namespace

absl::Span<const FrameworkField> FrameworkFields() { return kFields; }

const FrameworkField* FindFrameworkField(absl::string_view name) {
  for (const FrameworkField& field : kFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

}  // namespace advisor::knowledge_base

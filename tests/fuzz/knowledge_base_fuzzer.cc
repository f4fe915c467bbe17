// libFuzzer target for the knowledge base text parser and validator. A
// knowledge base the validator accepts must be safe for the engines (that
// is the validator's contract), so every accepted input is built into a
// snapshot and queried.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/knowledge_base/knowledge_base_validator.h"
#include "tests/fuzz/fuzz_input.h"

namespace advisor::fuzz {
namespace {

constexpr absl::string_view kSourceName = "fuzz.txtpb";

void QueryEngines(const engines::Snapshot& snapshot) {
  const advisor::v1::KnowledgeBase& kb = snapshot.knowledge_base();
  for (const advisor::v1::Framework& framework : kb.frameworks()) {
    absl::StatusOr<const advisor::v1::Framework*> found =
        snapshot.frameworks().Find(framework.id());
    ADVISOR_FUZZ_CHECK(found.ok() && *found == &framework);
  }
  if (kb.frameworks_size() >= 2) {
    const std::vector<std::string> names = {kb.frameworks(0).id(), kb.frameworks(1).id()};
    ADVISOR_FUZZ_CHECK(snapshot.frameworks().Compare(names).ok());
  }
  ADVISOR_FUZZ_CHECK(snapshot.frameworks().Find("no such framework").status().code() ==
                     absl::StatusCode::kNotFound);
  for (const advisor::v1::HiringPattern& pattern : kb.hiring_patterns()) {
    for (const advisor::v1::Signal& signal : pattern.signals()) {
      absl::StatusOr<engines::RoleMatch> match = snapshot.roles().Match(signal.phrase());
      ADVISOR_FUZZ_CHECK(match.ok() || match.status().code() == absl::StatusCode::kInvalidArgument);
      if (match.ok())
        ADVISOR_FUZZ_CHECK(static_cast<int>(match->fits.size()) == kb.frameworks_size());
    }
  }
  ADVISOR_FUZZ_CHECK(snapshot.roles().Match("research engineer at a startup").ok());
  for (const advisor::v1::FaqEntry& faq : kb.faqs()) {
    absl::StatusOr<engines::KnowledgeAnswer> answer = snapshot.answers().Answer(faq.question());
    ADVISOR_FUZZ_CHECK(answer.ok() || answer.status().code() == absl::StatusCode::kInvalidArgument);
  }
  ADVISOR_FUZZ_CHECK(snapshot.answers().Answer("which framework should I learn first?").ok());
}

}  // namespace
}  // namespace advisor::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace advisor::fuzz;  // NOLINT(google-build-using-namespace): one entry point.
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<advisor::v1::KnowledgeBase> kb =
      advisor::knowledge_base::ParseKnowledgeBase(text, kSourceName);
  if (!kb.ok()) {
    ADVISOR_FUZZ_CHECK(kb.status().code() == absl::StatusCode::kInvalidArgument);
    // Every problem is reported as "<source>:<line>:<column>: ..." or
    // "<source>: ..." (the loader's documented format).
    for (absl::string_view line : absl::StrSplit(kb.status().message(), '\n')) {
      ADVISOR_FUZZ_CHECK(absl::StartsWith(line, kSourceName));
    }
    return 0;
  }
  // What the loader accepted passes the validator on its own too, once the
  // derived names the loader filled in are cleared again.
  advisor::v1::KnowledgeBase without_names = *kb;
  for (advisor::v1::Framework& framework : *without_names.mutable_frameworks()) {
    framework.clear_name();
  }
  ADVISOR_FUZZ_CHECK(
      advisor::knowledge_base::ValidateKnowledgeBase(without_names, nullptr).empty());
  const std::shared_ptr<const advisor::engines::Snapshot> snapshot =
      advisor::engines::Snapshot::Build(*std::move(kb));
  QueryEngines(*snapshot);
  return 0;
}

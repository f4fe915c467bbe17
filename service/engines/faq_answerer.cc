// Placeholder until the FAQ engine lands.
#include "service/engines/faq_answerer.h"
namespace advisor::engines {
struct FaqAnswerer::Index {};
FaqAnswerer::FaqAnswerer(const advisor::v1::KnowledgeBase&) {}
FaqAnswerer::~FaqAnswerer() = default;
absl::StatusOr<FaqAnswer> FaqAnswerer::Answer(absl::string_view) const {
  return absl::UnimplementedError("FAQ answering is not built yet");
}
}  // namespace advisor::engines

#include "service/api/prebuilt_responses.h"

#include <cassert>

#include "advisor/v1/framework_service.pb.h"

namespace advisor::api {

PrebuiltResponses::PrebuiltResponses(const engines::Snapshot& snapshot) {
  advisor::v1::GetFrameworkResponse response;
  for (const advisor::v1::Framework& framework : snapshot.knowledge_base().frameworks()) {
    *response.mutable_framework() = framework;
    get_framework_.emplace(&framework, response.SerializeAsString());
  }
}

absl::string_view PrebuiltResponses::GetFrameworkResponse(
    const advisor::v1::Framework& framework) const {
  const auto found = get_framework_.find(&framework);
  assert(found != get_framework_.end());
  return found->second;
}

}  // namespace advisor::api

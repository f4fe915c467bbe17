#include "service/api/wire/prebuilt_responses.h"

#include <cassert>
#include <string>

#include "advisor/v1/framework_service.pb.h"

namespace advisor::api {

PrebuiltResponses::PrebuiltResponses(const engines::Snapshot& snapshot,
                                     const advisor::v1::ServedBy& served_by) {
  advisor::v1::GetFrameworkResponse response;
  *response.mutable_served_by() = served_by;
  std::string encoded;
  for (const advisor::v1::Framework& framework : snapshot.knowledge_base().frameworks()) {
    *response.mutable_framework() = framework;
    response.SerializeToString(&encoded);
    get_framework_.emplace(&framework, grpc::Slice(encoded.data(), encoded.size()));
  }
}

const grpc::Slice& PrebuiltResponses::GetFrameworkResponse(
    const advisor::v1::Framework& framework) const {
  const auto found = get_framework_.find(&framework);
  assert(found != get_framework_.end());
  return found->second;
}

}  // namespace advisor::api

#include "client/internal/advisor_stub_factory.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

#include "client/internal/advisor_metadata_decorator.h"
#include "client/internal/channel_factory.h"

namespace advisor::client_internal {

std::shared_ptr<AdvisorStub> CreateAdvisorStub(const client::ClientOptions& options) {
  std::shared_ptr<grpc::Channel> channel = CreateAdvisorChannel(options);
  std::shared_ptr<AdvisorStub> stub = std::make_shared<DefaultAdvisorStub>(
      v1::FrameworkService::NewStub(channel), v1::RoleMatchingService::NewStub(channel),
      v1::FaqService::NewStub(channel));
  if (!options.bearer_token.empty()) {
    // Plain metadata rather than grpc::AccessTokenCredentials: gRPC refuses
    // call credentials on plaintext channels, and local servers use those.
    std::vector<std::pair<std::string, std::string>> metadata = {
        {"authorization", absl::StrCat("Bearer ", options.bearer_token)}};
    stub = std::make_shared<AdvisorMetadata>(std::move(stub), std::move(metadata));
  }
  return stub;
}

}  // namespace advisor::client_internal

#include "service/api/framework_service_impl.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

#include "service/api/status_conversion.h"
#include "service/engines/framework_lookup.h"
#include "service/engines/pagination.h"

namespace advisor::api {
namespace {

using advisor::v1::CompareFrameworksRequest;
using advisor::v1::CompareFrameworksResponse;
using advisor::v1::GetFrameworkRequest;
using advisor::v1::GetFrameworkResponse;
using advisor::v1::ListFrameworksRequest;
using advisor::v1::ListFrameworksResponse;

// Names the collection in page tokens, so tokens of other lists are refused.
constexpr absl::string_view kCollection = "frameworks";

absl::Status FillGet(const engines::Snapshot& snapshot, const GetFrameworkRequest& request,
                     GetFrameworkResponse& response) {
  absl::StatusOr<const advisor::v1::Framework*> found = snapshot.frameworks().Find(request.name());
  if (!found.ok()) return found.status();
  *response.mutable_framework() = **found;
  return absl::OkStatus();
}

absl::Status FillList(const engines::Snapshot& snapshot, const ListFrameworksRequest& request,
                      ListFrameworksResponse& response) {
  const auto& frameworks = snapshot.knowledge_base().frameworks();
  absl::StatusOr<engines::Page> page = engines::ResolvePage(frameworks.size(), request.page_size(),
                                                            request.page_token(), kCollection);
  if (!page.ok()) return page.status();
  response.mutable_frameworks()->Reserve(page->end - page->begin);
  for (int i = page->begin; i < page->end; ++i) {
    *response.add_frameworks() = frameworks.Get(i);
  }
  response.set_next_page_token(std::move(page->next_page_token));
  response.set_total_size(frameworks.size());
  return absl::OkStatus();
}

void FillEntry(const engines::FrameworkComparison::Entry& entry,
               advisor::v1::FrameworkComparison& out) {
  const advisor::v1::Framework& framework = *entry.framework;
  out.set_framework(framework.name());
  out.set_display_name(framework.display_name());
  out.set_summary(framework.summary());
  *out.mutable_strengths() = framework.strengths();
  *out.mutable_best_for() = framework.best_for();
  for (const advisor::v1::HiringPattern* pattern : entry.hired_by) {
    advisor::v1::HiringPreference* preference = out.add_hired_by();
    preference->set_employer(pattern->title());
    preference->set_reason(pattern->reason());
  }
}

absl::Status FillCompare(const engines::Snapshot& snapshot, const CompareFrameworksRequest& request,
                         CompareFrameworksResponse& response) {
  // The engine takes contiguous strings; a repeated field is not contiguous.
  const std::vector<std::string> names(request.names().begin(), request.names().end());
  absl::StatusOr<engines::FrameworkComparison> comparison = snapshot.frameworks().Compare(names);
  if (!comparison.ok()) return comparison.status();
  for (const engines::FrameworkComparison::Entry& entry : comparison->entries) {
    FillEntry(entry, *response.add_frameworks());
  }
  for (const advisor::v1::Insight* insight : comparison->insights) {
    response.add_insights(insight->text());
  }
  response.set_advice(std::string(comparison->advice));
  return absl::OkStatus();
}

}  // namespace

FrameworkServiceImpl::FrameworkServiceImpl(const SnapshotSource& snapshots)
    : snapshots_(snapshots) {}

grpc::ServerUnaryReactor* FrameworkServiceImpl::GetFramework(grpc::CallbackServerContext* context,
                                                             const GetFrameworkRequest* request,
                                                             GetFrameworkResponse* response) {
  const std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  const absl::Status status = FillGet(*snapshot, *request, *response);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

grpc::ServerUnaryReactor* FrameworkServiceImpl::ListFrameworks(grpc::CallbackServerContext* context,
                                                               const ListFrameworksRequest* request,
                                                               ListFrameworksResponse* response) {
  const std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  const absl::Status status = FillList(*snapshot, *request, *response);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

grpc::ServerUnaryReactor* FrameworkServiceImpl::CompareFrameworks(
    grpc::CallbackServerContext* context, const CompareFrameworksRequest* request,
    CompareFrameworksResponse* response) {
  const std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  const absl::Status status = FillCompare(*snapshot, *request, *response);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace advisor::api

#include "service/api/framework_service_impl.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include "service/api/calls/serve_unary.h"
#include "service/api/status_conversion.h"
#include "service/api/wire/lent_messages.h"
#include "service/engines/framework_filter.h"
#include "service/engines/framework_lookup.h"
#include "service/engines/pagination.h"

namespace advisor::api {
namespace {

using advisor::v1::CompareFrameworksRequest;
using advisor::v1::CompareFrameworksResponse;
using advisor::v1::GetFrameworkRequest;
using advisor::v1::ListFrameworksRequest;
using advisor::v1::ListFrameworksResponse;

// Names the collection in page tokens, so tokens of other lists are refused.
constexpr absl::string_view kCollection = "frameworks";

constexpr absl::string_view kGetFrameworkMethod = "/advisor.v1.FrameworkService/GetFramework";
constexpr absl::string_view kListFrameworksMethod = "/advisor.v1.FrameworkService/ListFrameworks";
constexpr absl::string_view kCompareFrameworksMethod =
    "/advisor.v1.FrameworkService/CompareFrameworks";

// GetFramework's response depends only on the framework: it is sent as a
// reference to the bytes prebuilt with the snapshot (see PrebuiltResponses).
absl::Status WriteFramework(const ServingSnapshot& serving, const GetFrameworkRequest& request,
                            CallArena& /*arena*/, grpc::ByteBuffer* bytes) {
  absl::StatusOr<const advisor::v1::Framework*> found =
      serving.snapshot->frameworks().Find(request.name());
  if (!found.ok()) return found.status();
  SetSlice(serving.prebuilt.GetFrameworkResponse(**found), bytes);
  return absl::OkStatus();
}

// A page of ListFrameworks: the response's list borrows the snapshot's
// Framework messages for as long as it takes to serialise them, so a page
// costs no copies (see LentMessages).
absl::Status WriteFrameworkPage(const ServingSnapshot& serving,
                                const ListFrameworksRequest& request, CallArena& arena,
                                grpc::ByteBuffer* bytes) {
  const auto& frameworks = serving.snapshot->knowledge_base().frameworks();
  absl::StatusOr<engines::FrameworkFilter> filter =
      engines::FrameworkFilter::Parse(request.filter());
  if (!filter.ok()) return filter.status();
  // A page token names the filter it pages through, so one issued for
  // another filter is refused.
  const std::string collection = request.filter().empty()
                                     ? std::string(kCollection)
                                     : absl::StrCat(kCollection, "?filter=", request.filter());
  // Without a filter the page indexes the knowledge base directly: no
  // pass over every framework on each call.
  const bool filtered = !request.filter().empty();
  thread_local std::vector<int> passing;
  passing.clear();
  if (filtered) {
    for (int i = 0; i < frameworks.size(); ++i) {
      if (filter->Matches(frameworks.Get(i))) passing.push_back(i);
    }
  }
  const int total = filtered ? static_cast<int>(passing.size()) : frameworks.size();
  absl::StatusOr<engines::Page> page =
      engines::ResolvePage(total, request.page_size(), request.page_token(), collection);
  if (!page.ok()) return page.status();
  auto* response = arena.Create<ListFrameworksResponse>();
  LentMessages<advisor::v1::Framework> lent(response->mutable_frameworks());
  lent.Reserve(page->end - page->begin);
  for (int i = page->begin; i < page->end; ++i) {
    lent.Lend(frameworks.Get(filtered ? passing[i] : i));
  }
  response->set_next_page_token(std::move(page->next_page_token));
  response->set_total_size(total);
  *response->mutable_served_by() = serving.served_by;
  SerializeMessage(*response, bytes);
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
  out.set_kind(framework.kind());
  out.set_status(framework.status());
  out.set_first_release_year(framework.first_release_year());
  out.set_licence(framework.licence());
  *out.mutable_languages() = framework.languages();
  *out.mutable_builds_on() = framework.builds_on();
  out.set_developer(framework.developer());
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

FrameworkServiceImpl::FrameworkServiceImpl(ServiceEnvironment environment)
    : environment_(environment) {}

grpc::ServerUnaryReactor* FrameworkServiceImpl::GetFramework(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  return ServeUnaryBytes<GetFrameworkRequest>(
      {environment_, kGetFrameworkMethod, context, request, response}, WriteFramework);
}

grpc::ServerUnaryReactor* FrameworkServiceImpl::ListFrameworks(grpc::CallbackServerContext* context,
                                                               const grpc::ByteBuffer* request,
                                                               grpc::ByteBuffer* response) {
  return ServeUnaryBytes<ListFrameworksRequest>(
      {environment_, kListFrameworksMethod, context, request, response}, WriteFrameworkPage);
}

grpc::ServerUnaryReactor* FrameworkServiceImpl::CompareFrameworks(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
    grpc::ByteBuffer* response) {
  return ServeUnaryMessage<CompareFrameworksRequest, CompareFrameworksResponse>(
      {environment_, kCompareFrameworksMethod, context, request, response}, FillCompare);
}

}  // namespace advisor::api

#include "service/api/framework_service_impl.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

#include "service/api/call_metadata.h"
#include "service/api/serve_unary.h"
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

// Answers GetFramework with the snapshot's own Framework message instead of
// a copy: copying, then destroying, the copy cost more than the lookup and
// the serialisation together. The response borrows the message, and the
// reactor keeps the snapshot alive and takes the message back in OnDone,
// which gRPC runs after the response is sent and before it destroys the
// response. Sharing is safe: serialising a const message is thread-safe.
class LentFrameworkReactor final : public grpc::ServerUnaryReactor {
 public:
  LentFrameworkReactor(std::shared_ptr<const engines::Snapshot> snapshot,
                       GetFrameworkResponse* response)
      : snapshot_(std::move(snapshot)), response_(response) {}

  // Looks the framework up and finishes the call.
  void Serve(const GetFrameworkRequest& request) {
    absl::StatusOr<const advisor::v1::Framework*> found =
        snapshot_->frameworks().Find(request.name());
    if (!found.ok()) {
      Finish(ToGrpcStatus(found.status()));
      return;
    }
    // Never written through: only serialised, then taken back in OnDone.
    response_->unsafe_arena_set_allocated_framework(const_cast<advisor::v1::Framework*>(*found));
    lent_ = true;
    Finish(grpc::Status::OK);
  }

  void OnDone() override {
    if (lent_) response_->unsafe_arena_release_framework();
    delete this;
  }

 private:
  const std::shared_ptr<const engines::Snapshot> snapshot_;
  GetFrameworkResponse* const response_;
  bool lent_ = false;
};

// As LentFrameworkReactor, for a page of ListFrameworks: the response's
// list borrows the snapshot's Framework messages and gives them back in
// OnDone, so a page costs no copies.
class LentFrameworkPageReactor final : public grpc::ServerUnaryReactor {
 public:
  LentFrameworkPageReactor(std::shared_ptr<const engines::Snapshot> snapshot,
                           ListFrameworksResponse* response)
      : snapshot_(std::move(snapshot)), response_(response) {}

  // Resolves the page and finishes the call.
  void Serve(const ListFrameworksRequest& request) {
    const auto& frameworks = snapshot_->knowledge_base().frameworks();
    absl::StatusOr<engines::Page> page = engines::ResolvePage(
        frameworks.size(), request.page_size(), request.page_token(), kCollection);
    if (!page.ok()) {
      Finish(ToGrpcStatus(page.status()));
      return;
    }
    auto& lent = *response_->mutable_frameworks();
    lent.Reserve(page->end - page->begin);
    for (int i = page->begin; i < page->end; ++i) {
      // Never written through: only serialised, then taken back in OnDone.
      lent.UnsafeArenaAddAllocated(const_cast<advisor::v1::Framework*>(&frameworks.Get(i)));
    }
    response_->set_next_page_token(std::move(page->next_page_token));
    response_->set_total_size(frameworks.size());
    Finish(grpc::Status::OK);
  }

  void OnDone() override {
    auto& lent = *response_->mutable_frameworks();
    lent.UnsafeArenaExtractSubrange(0, lent.size(), nullptr);
    delete this;
  }

 private:
  const std::shared_ptr<const engines::Snapshot> snapshot_;
  ListFrameworksResponse* const response_;
};

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
  std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  RecordKnowledgeBaseVersion(*context, *snapshot);
  auto* reactor = new LentFrameworkReactor(std::move(snapshot), response);
  reactor->Serve(*request);
  return reactor;
}

grpc::ServerUnaryReactor* FrameworkServiceImpl::ListFrameworks(grpc::CallbackServerContext* context,
                                                               const ListFrameworksRequest* request,
                                                               ListFrameworksResponse* response) {
  std::shared_ptr<const engines::Snapshot> snapshot = snapshots_.Current();
  RecordKnowledgeBaseVersion(*context, *snapshot);
  auto* reactor = new LentFrameworkPageReactor(std::move(snapshot), response);
  reactor->Serve(*request);
  return reactor;
}

grpc::ServerUnaryReactor* FrameworkServiceImpl::CompareFrameworks(
    grpc::CallbackServerContext* context, const CompareFrameworksRequest* request,
    CompareFrameworksResponse* response) {
  return ServeUnary(context, snapshots_, *request, *response, FillCompare);
}

}  // namespace advisor::api

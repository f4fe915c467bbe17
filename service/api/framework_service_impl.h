#ifndef ADVISOR_SERVICE_API_FRAMEWORK_SERVICE_IMPL_H_
#define ADVISOR_SERVICE_API_FRAMEWORK_SERVICE_IMPL_H_

#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/api/snapshot_source.h"
#include <grpcpp/grpcpp.h>

namespace advisor::api {

// advisor.v1.FrameworkService over the frameworks engine: translates
// requests and results between protos and engines::FrameworkLookup, nothing
// more. Each call takes the current snapshot once, so it sees one knowledge
// base version throughout. Stateless apart from `snapshots`, which must
// outlive it. Thread-safe.
class FrameworkServiceImpl final : public advisor::v1::FrameworkService::CallbackService {
 public:
  explicit FrameworkServiceImpl(const SnapshotSource& snapshots);

  grpc::ServerUnaryReactor* GetFramework(grpc::CallbackServerContext* context,
                                         const advisor::v1::GetFrameworkRequest* request,
                                         advisor::v1::GetFrameworkResponse* response) override;

  grpc::ServerUnaryReactor* ListFrameworks(grpc::CallbackServerContext* context,
                                           const advisor::v1::ListFrameworksRequest* request,
                                           advisor::v1::ListFrameworksResponse* response) override;

  grpc::ServerUnaryReactor* CompareFrameworks(
      grpc::CallbackServerContext* context, const advisor::v1::CompareFrameworksRequest* request,
      advisor::v1::CompareFrameworksResponse* response) override;

 private:
  const SnapshotSource& snapshots_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_FRAMEWORK_SERVICE_IMPL_H_

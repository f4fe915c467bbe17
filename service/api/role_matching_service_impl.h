#ifndef ADVISOR_SERVICE_API_ROLE_MATCHING_SERVICE_IMPL_H_
#define ADVISOR_SERVICE_API_ROLE_MATCHING_SERVICE_IMPL_H_

#include "advisor/v1/role_matching_service.grpc.pb.h"
#include "service/api/snapshot_source.h"
#include <grpcpp/grpcpp.h>

namespace advisor::api {

// advisor.v1.RoleMatchingService over engines::RoleMatcher: translates the
// request and the match between protos and the engine, nothing more. Each
// call takes the current snapshot once. Stateless apart from `snapshots`,
// which must outlive it. Thread-safe.
class RoleMatchingServiceImpl final : public advisor::v1::RoleMatchingService::CallbackService {
 public:
  explicit RoleMatchingServiceImpl(const SnapshotSource& snapshots);

  grpc::ServerUnaryReactor* MatchRole(grpc::CallbackServerContext* context,
                                      const advisor::v1::MatchRoleRequest* request,
                                      advisor::v1::MatchRoleResponse* response) override;

  grpc::ServerUnaryReactor* BatchMatchRoles(
      grpc::CallbackServerContext* context, const advisor::v1::BatchMatchRolesRequest* request,
      advisor::v1::BatchMatchRolesResponse* response) override;

 private:
  const SnapshotSource& snapshots_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_ROLE_MATCHING_SERVICE_IMPL_H_

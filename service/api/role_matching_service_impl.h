#ifndef ADVISOR_SERVICE_API_ROLE_MATCHING_SERVICE_IMPL_H_
#define ADVISOR_SERVICE_API_ROLE_MATCHING_SERVICE_IMPL_H_

#include "advisor/v1/role_matching_service.grpc.pb.h"
#include "service/api/calls/serve_unary.h"
#include <grpcpp/grpcpp.h>

namespace advisor::api {

// advisor.v1.RoleMatchingService over engines::RoleMatcher: translates the
// request and the match between protos and the engine, nothing more. Each
// call takes the current snapshot once. Stateless apart from `snapshots`,
// which must outlive it. Thread-safe.
class RoleMatchingServiceImpl final
    : public advisor::v1::RoleMatchingService::WithRawCallbackMethod_MatchRole<
          advisor::v1::RoleMatchingService::WithRawCallbackMethod_BatchMatchRoles<
              advisor::v1::RoleMatchingService::Service>> {
 public:
  explicit RoleMatchingServiceImpl(ServiceEnvironment environment);

  grpc::ServerUnaryReactor* MatchRole(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* BatchMatchRoles(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override;

 private:
  const ServiceEnvironment environment_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_ROLE_MATCHING_SERVICE_IMPL_H_

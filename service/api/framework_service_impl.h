#ifndef ADVISOR_SERVICE_API_FRAMEWORK_SERVICE_IMPL_H_
#define ADVISOR_SERVICE_API_FRAMEWORK_SERVICE_IMPL_H_

#include "advisor/v1/framework_service.grpc.pb.h"
#include "service/api/calls/serve_unary.h"
#include <grpcpp/grpcpp.h>

namespace advisor::api {

// advisor.v1.FrameworkService over the frameworks engine: translates
// requests and results between protos and engines::FrameworkLookup, nothing
// more. Each call takes the current snapshot once, so it sees one knowledge
// base version throughout. Stateless apart from `environment`. Thread-safe.
//
// Every method is registered raw (bytes in and out, see serve_unary.h):
// the service parses requests itself and sends prebuilt responses.
class FrameworkServiceImpl final
    : public advisor::v1::FrameworkService::WithRawCallbackMethod_GetFramework<
          advisor::v1::FrameworkService::WithRawCallbackMethod_ListFrameworks<
              advisor::v1::FrameworkService::WithRawCallbackMethod_CompareFrameworks<
                  advisor::v1::FrameworkService::Service>>> {
 public:
  explicit FrameworkServiceImpl(ServiceEnvironment environment);

  grpc::ServerUnaryReactor* GetFramework(grpc::CallbackServerContext* context,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* ListFrameworks(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer* request,
                                           grpc::ByteBuffer* response) override;

  grpc::ServerUnaryReactor* CompareFrameworks(grpc::CallbackServerContext* context,
                                              const grpc::ByteBuffer* request,
                                              grpc::ByteBuffer* response) override;

 private:
  const ServiceEnvironment environment_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_FRAMEWORK_SERVICE_IMPL_H_

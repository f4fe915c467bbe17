#ifndef ADVISOR_TESTS_BENCH_ECHO_ECHO_SERVICE_H_
#define ADVISOR_TESTS_BENCH_ECHO_ECHO_SERVICE_H_

#include "grpcpp/support/server_callback.h"

#include "advisor/bench/v1/echo.grpc.pb.h"

namespace advisor::bench {

// advisor.bench.v1.EchoService on the callback API, as the advisor services
// are: answers every call inline with the request's message. Stateless and
// thread-safe.
class EchoServiceImpl final : public advisor::bench::v1::EchoService::CallbackService {
 public:
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context,
                                 const advisor::bench::v1::EchoRequest* request,
                                 advisor::bench::v1::EchoResponse* response) override;
};

}  // namespace advisor::bench

#endif  // ADVISOR_TESTS_BENCH_ECHO_ECHO_SERVICE_H_

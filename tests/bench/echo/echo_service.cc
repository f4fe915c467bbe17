#include "tests/bench/echo/echo_service.h"

namespace advisor::bench {

grpc::ServerUnaryReactor* EchoServiceImpl::Echo(grpc::CallbackServerContext* context,
                                                const advisor::bench::v1::EchoRequest* request,
                                                advisor::bench::v1::EchoResponse* response) {
  response->set_message(request->message());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace advisor::bench

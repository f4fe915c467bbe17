#ifndef ADVISOR_SERVICE_API_WIRE_GRPC_INTERNALS_H_
#define ADVISOR_SERVICE_API_WIRE_GRPC_INTERNALS_H_

// The one place that says which gRPC internals the server leans on, and
// for which gRPC versions that was checked. Everything else is public API.
//
//  1. ServerUnaryReactor::InternalInlineable(): gRPC's own DefaultReactor
//     returns true so that OnDone runs on the thread that completes the
//     call; a user reactor's OnDone otherwise goes to gRPC's executor, one
//     more thread wake-up per call (docs/adr/0003-observability-in-the-reactors.md).
//     Used only on the versions below; elsewhere reactors stay on the
//     public behaviour, slower but correct.
//  2. grpc::ServerCredentials::AddPortToServer and the core credentials
//     API with an auth metadata processor (service/server/server_credentials.h):
//     the only way gRPC 1.51 offers to check tokens on a plaintext port
//     before any handler (docs/adr/0005-the-auth-gate.md). No fallback
//     exists, so another gRPC version fails to build until it is checked.
//
// grpc_internals_test fails when the checked versions no longer match the
// gRPC this is built with, or when the inlined OnDone stops running on the
// completing thread.

#include <grpcpp/support/server_callback.h>
#include <grpcpp/version_info.h>

#if GRPC_CPP_VERSION_MAJOR == 1 && GRPC_CPP_VERSION_MINOR == 51
#define ADVISOR_GRPC_INTERNALS_CHECKED 1
#else
#define ADVISOR_GRPC_INTERNALS_CHECKED 0
#endif

namespace advisor::api {

// Whether this gRPC is one the internals above were checked on.
inline constexpr bool kGrpcInternalsChecked = ADVISOR_GRPC_INTERNALS_CHECKED == 1;

// A unary reactor whose OnDone runs inline where that was checked (1.).
// Its reactions must be trivial and never block.
class InlineUnaryReactor : public grpc::ServerUnaryReactor {
#if ADVISOR_GRPC_INTERNALS_CHECKED
 public:
  bool InternalInlineable() override { return true; }
#endif
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_WIRE_GRPC_INTERNALS_H_

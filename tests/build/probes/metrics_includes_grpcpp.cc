// Must not compile: metrics is a gRPC-free layer (tests/build).
#include <grpcpp/support/status.h>

// Must not compile: the engines are a gRPC-free layer (tests/build).
#include <grpcpp/grpcpp.h>

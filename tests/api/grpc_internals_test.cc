// The fence around the gRPC internals the server leans on
// (service/api/wire/grpc_internals.h): it fails on a gRPC they were not checked
// on, so an upgrade re-checks them rather than losing them silently.
#include "service/api/wire/grpc_internals.h"

#include "gtest/gtest.h"

#include <grpcpp/version_info.h>

namespace advisor::api {
namespace {

class TestReactor final : public InlineUnaryReactor {
 public:
  void OnDone() override {}
};

TEST(GrpcInternalsTest, CheckedOnTheGrpcThisIsBuiltWith) {
  EXPECT_TRUE(kGrpcInternalsChecked)
      << "gRPC " << GRPC_CPP_VERSION_STRING
      << ": re-check the internals listed in service/api/wire/grpc_internals.h, then extend its "
         "version check";
}

TEST(GrpcInternalsTest, UnaryReactorsCompleteInline) {
  TestReactor reactor;
  grpc::ServerUnaryReactor& base = reactor;
  EXPECT_EQ(base.InternalInlineable(), kGrpcInternalsChecked);
}

}  // namespace
}  // namespace advisor::api

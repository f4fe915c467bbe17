#include <map>
#include <string>

#include "absl/strings/match.h"

#include "advisor/client/options.h"
#include "client/internal/channel_factory.h"
#include <grpc/grpc.h>
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

TEST(ClientOptionsTest, DefaultsAreValid) {
  ClientOptions options;
  EXPECT_EQ(options.target, "localhost:50051");
  EXPECT_EQ(options.timeout, absl::Seconds(5));
  EXPECT_EQ(options.load_balancing_policy, "round_robin");
  EXPECT_FALSE(options.use_tls);
  EXPECT_TRUE(ValidateClientOptions(options).ok());
}

TEST(ClientOptionsTest, RejectsEachBadField) {
  auto invalid = [](auto change) {
    ClientOptions options;
    change(options);
    return ValidateClientOptions(options).code();
  };
  EXPECT_EQ(invalid([](ClientOptions& o) { o.target.clear(); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.timeout = absl::ZeroDuration(); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.retry.max_attempts = 0; }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.retry.max_attempts = 6; }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.retry.initial_backoff = absl::ZeroDuration(); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.retry.max_backoff = absl::Milliseconds(1); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.retry.backoff_multiplier = 0; }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.load_balancing_policy.clear(); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.keepalive_time = absl::Seconds(-1); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.keepalive_timeout = absl::ZeroDuration(); }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) {
              o.dns_min_time_between_resolutions = absl::Milliseconds(-1);
            }),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(invalid([](ClientOptions& o) { o.bearer_token = "a\nb"; }),
            absl::StatusCode::kInvalidArgument);
}

TEST(ServiceConfigTest, RetriesOnlyUnavailableForAllThreeServices) {
  std::string const json = client_internal::MakeServiceConfigJson(ClientOptions{});
  EXPECT_TRUE(absl::StrContains(json, "\"round_robin\":{}")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"service\":\"advisor.v1.FrameworkService\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"service\":\"advisor.v1.RoleMatchingService\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"service\":\"advisor.v1.FaqService\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"maxAttempts\":4")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"initialBackoff\":\"0.100000s\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"retryableStatusCodes\":[\"UNAVAILABLE\"]")) << json;
}

TEST(ServiceConfigTest, OneAttemptMeansNoRetryPolicy) {
  ClientOptions options;
  options.retry.max_attempts = 1;
  options.load_balancing_policy = "pick_first";
  std::string const json = client_internal::MakeServiceConfigJson(options);
  EXPECT_FALSE(absl::StrContains(json, "retryPolicy")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"pick_first\":{}")) << json;
}

// The channel arguments as key -> value text, for inspection.
std::map<std::string, std::string> ArgsOf(const grpc::ChannelArguments& args) {
  std::map<std::string, std::string> out;
  const grpc_channel_args raw = args.c_channel_args();
  for (size_t i = 0; i < raw.num_args; ++i) {
    const grpc_arg& arg = raw.args[i];
    if (arg.type == GRPC_ARG_INTEGER) out[arg.key] = std::to_string(arg.value.integer);
    if (arg.type == GRPC_ARG_STRING) out[arg.key] = arg.value.string;
  }
  return out;
}

TEST(ChannelArgumentsTest, DefaultsEnableRetriesAndNameTheSdk) {
  auto args = ArgsOf(client_internal::MakeChannelArguments(ClientOptions{}));
  EXPECT_EQ(args[GRPC_ARG_ENABLE_RETRIES], "1");
  EXPECT_TRUE(absl::StartsWith(args[GRPC_ARG_PRIMARY_USER_AGENT_STRING], "advisor-cpp/"))
      << args[GRPC_ARG_PRIMARY_USER_AGENT_STRING];
  // Keepalive within advisor_server's default ping policy (30 s minimum,
  // pings without calls permitted) and gRPC's DNS resolution interval.
  EXPECT_EQ(args[GRPC_ARG_KEEPALIVE_TIME_MS], "60000");
  EXPECT_EQ(args[GRPC_ARG_KEEPALIVE_TIMEOUT_MS], "20000");
  EXPECT_EQ(args[GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS], "1");
  EXPECT_EQ(args[GRPC_ARG_DNS_MIN_TIME_BETWEEN_RESOLUTIONS_MS], "30000");
  EXPECT_EQ(args[GRPC_ARG_SERVICE_CONFIG], client_internal::MakeServiceConfigJson(ClientOptions{}));
}

TEST(ChannelArgumentsTest, KeepaliveIsSetWhenAsked) {
  ClientOptions options;
  options.keepalive_time = absl::Seconds(30);
  auto args = ArgsOf(client_internal::MakeChannelArguments(options));
  EXPECT_EQ(args[GRPC_ARG_KEEPALIVE_TIME_MS], "30000");
}

TEST(ChannelArgumentsTest, ZeroKeepaliveTimeSendsNoPings) {
  ClientOptions options;
  options.keepalive_time = absl::ZeroDuration();
  auto args = ArgsOf(client_internal::MakeChannelArguments(options));
  EXPECT_EQ(args.count(GRPC_ARG_KEEPALIVE_TIME_MS), 0U);
  EXPECT_EQ(args.count(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS), 0U);
}

}  // namespace
}  // namespace advisor::client

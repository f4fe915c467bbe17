#include "client/internal/channel_factory.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

#include "advisor/client/version.h"
#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include "advisor/v1/role_matching_service.grpc.pb.h"
#include <grpc/grpc.h>
#include <grpcpp/create_channel.h>

namespace advisor::client_internal {
namespace {

// Service config durations are decimal seconds with an `s` suffix.
std::string JsonDuration(absl::Duration d) {
  return absl::StrFormat(R"("%.6fs")", absl::ToDoubleSeconds(d));
}

// Channel arguments take int milliseconds; longer durations are clamped.
int Millis(absl::Duration d) {
  return static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(d), INT_MAX));
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string MakeServiceConfigJson(const client::ClientOptions& options) {
  std::vector<std::string> names;
  for (const char* service :
       {v1::FrameworkService::service_full_name(), v1::RoleMatchingService::service_full_name(),
        v1::FaqService::service_full_name()}) {
    names.push_back(absl::StrCat(R"({"service":")", service, R"("})"));
  }
  std::string method_config = absl::StrCat(R"({"name":[)", absl::StrJoin(names, ","), "]");
  if (options.retry.max_attempts > 1) {
    absl::StrAppend(&method_config, R"(,"retryPolicy":{"maxAttempts":)", options.retry.max_attempts,
                    R"(,"initialBackoff":)", JsonDuration(options.retry.initial_backoff),
                    R"(,"maxBackoff":)", JsonDuration(options.retry.max_backoff),
                    R"(,"backoffMultiplier":)", options.retry.backoff_multiplier,
                    R"(,"retryableStatusCodes":["UNAVAILABLE"]})");
  }
  method_config += "}";
  return absl::StrCat(R"({"loadBalancingConfig":[{)", JsonString(options.load_balancing_policy),
                      R"(:{}}],"methodConfig":[)", method_config, "]}");
}

grpc::ChannelArguments MakeChannelArguments(const client::ClientOptions& options) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(MakeServiceConfigJson(options));
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  std::string user_agent = absl::StrCat("advisor-cpp/", client::VersionString());
  if (!options.user_agent_prefix.empty()) {
    user_agent = absl::StrCat(options.user_agent_prefix, " ", user_agent);
  }
  args.SetUserAgentPrefix(user_agent);
  if (options.keepalive_time > absl::ZeroDuration()) {
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, Millis(options.keepalive_time));
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, Millis(options.keepalive_timeout));
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS,
                options.keepalive_permit_without_calls ? 1 : 0);
  }
  args.SetInt(GRPC_ARG_DNS_MIN_TIME_BETWEEN_RESOLUTIONS_MS,
              Millis(options.dns_min_time_between_resolutions));
  return args;
}

std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(
    const client::ClientOptions& options) {
  if (options.channel_credentials != nullptr) return options.channel_credentials;
  if (!options.use_tls) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls.root_certs;
  ssl.pem_cert_chain = options.tls.cert_chain;
  ssl.pem_private_key = options.tls.private_key;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> CreateAdvisorChannel(const client::ClientOptions& options) {
  return grpc::CreateCustomChannel(options.target, MakeChannelCredentials(options),
                                   MakeChannelArguments(options));
}

}  // namespace advisor::client_internal

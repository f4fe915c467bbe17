// The advisor CLI's flags that say how to reach the server; --help lists
// them under "connection" (client/cli/main.cc).
#include "client/cli/connection_flags.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

ABSL_FLAG(std::string, target, advisor::client::kDefaultTarget,
          "Address of the advisor server, e.g. localhost:50051 or dns:///advisor.example:443.");
ABSL_FLAG(absl::Duration, timeout, advisor::client::kDefaultTimeout,
          "Deadline of each call, retries included, e.g. 500ms, 5s.");
ABSL_FLAG(std::string, token, "",
          "Bearer token sent as `authorization: Bearer TOKEN`. Defaults to the ADVISOR_TOKEN "
          "environment variable, which keeps it out of the process list.");
ABSL_FLAG(bool, tls, false, "Connect with TLS (implied by --tls_ca, --tls_cert, --tls_key).");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM file with the root certificates that verify the server (default: system roots).");
ABSL_FLAG(std::string, tls_cert, "", "PEM file with the client certificate chain (mutual TLS).");
ABSL_FLAG(std::string, tls_key, "", "PEM file with the client private key (mutual TLS).");
ABSL_FLAG(int, retries, advisor::client::kDefaultRetryMaxAttempts,
          "Attempts per call including the first (1-5); only UNAVAILABLE is retried.");
ABSL_FLAG(std::string, lb_policy, advisor::client::kDefaultLoadBalancingPolicy,
          "gRPC load balancing policy: round_robin or pick_first.");
ABSL_FLAG(absl::Duration, stream_timeout, advisor::client::kDefaultStreamTimeout,
          "Deadline of the whole stream that ask --file uses, e.g. 10m.");

namespace advisor::cli {
namespace {

// Reads a whole file, for the TLS flags that name PEM files.
absl::StatusOr<std::string> ReadFile(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": cannot read ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

absl::StatusOr<client::ClientOptions> ClientOptionsFromFlags() {
  client::ClientOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  options.stream_timeout = absl::GetFlag(FLAGS_stream_timeout);
  options.bearer_token = absl::GetFlag(FLAGS_token);
  if (options.bearer_token.empty()) {
    if (const char* token = std::getenv("ADVISOR_TOKEN")) options.bearer_token = token;
  }
  options.retry.max_attempts = absl::GetFlag(FLAGS_retries);
  options.load_balancing_policy = absl::GetFlag(FLAGS_lb_policy);
  options.user_agent_prefix = "advisor-cli";
  struct PemFlag {
    const char* name;
    std::string path;
    std::string* field;
  };
  const PemFlag pem_flags[] = {{"tls_ca", absl::GetFlag(FLAGS_tls_ca), &options.tls.root_certs},
                               {"tls_cert", absl::GetFlag(FLAGS_tls_cert), &options.tls.cert_chain},
                               {"tls_key", absl::GetFlag(FLAGS_tls_key), &options.tls.private_key}};
  options.use_tls = absl::GetFlag(FLAGS_tls);
  for (const auto& pem : pem_flags) {
    if (pem.path.empty()) continue;
    auto contents = ReadFile(pem.name, pem.path);
    if (!contents.ok()) return contents.status();
    *pem.field = *std::move(contents);
    options.use_tls = true;
  }
  if (absl::Status valid = client::ValidateClientOptions(options); !valid.ok()) {
    return valid;
  }
  return options;
}

}  // namespace advisor::cli

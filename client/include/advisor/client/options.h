#ifndef ADVISOR_CLIENT_OPTIONS_H_
#define ADVISOR_CLIENT_OPTIONS_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace grpc {
class ChannelCredentials;
}  // namespace grpc

namespace advisor::client {

// Address used when `ClientOptions::target` is left alone.
inline constexpr char kDefaultTarget[] = "localhost:50051";
// Deadline of one call, all retries included.
inline constexpr absl::Duration kDefaultTimeout = absl::Seconds(5);
// Deadline of a whole StreamAnswers stream (AdvisorClient::AnswerQuestions):
// long enough for many thousands of questions.
inline constexpr absl::Duration kDefaultStreamTimeout = absl::Minutes(10);
// Questions AdvisorClient::AnswerQuestions keeps in flight on its stream.
inline constexpr int kDefaultStreamWindow = 64;
// Load balancing policy; round_robin spreads calls over every address the
// target resolves to (gRPC's own default, pick_first, uses only one).
inline constexpr char kDefaultLoadBalancingPolicy[] = "round_robin";
// Attempts per call, the first one included (gRPC caps this at 5).
inline constexpr int kDefaultRetryMaxAttempts = 4;
// Upper bound of the random wait before the first retry.
inline constexpr absl::Duration kDefaultRetryInitialBackoff = absl::Milliseconds(100);
// Upper bound of the random wait before any retry.
inline constexpr absl::Duration kDefaultRetryMaxBackoff = absl::Seconds(2);
// Growth of the backoff bound from one retry to the next.
inline constexpr double kDefaultRetryBackoffMultiplier = 2.0;
// Keepalive ping interval: twice the shortest one advisor_server accepts
// by default (--keepalive_min_ping_interval=30s), so a client with default
// options never gets GOAWAY too_many_pings. A server that stops answering
// is dropped within keepalive time + timeout (80 s) on a quiet connection,
// and after the timeout alone (20 s, tests/network) while calls wait on it:
// gRPC also sets the socket's TCP_USER_TIMEOUT to the keepalive timeout.
inline constexpr absl::Duration kDefaultKeepaliveTime = absl::Seconds(60);
// How long a keepalive ping may go unanswered before the connection is
// dropped (gRPC's default).
inline constexpr absl::Duration kDefaultKeepaliveTimeout = absl::Seconds(20);
// Shortest interval between two DNS resolutions of a `dns:` target
// (gRPC's default). A server's max connection age makes clients reconnect
// and so re-resolve, but never more often than this.
inline constexpr absl::Duration kDefaultDnsMinTimeBetweenResolutions = absl::Seconds(30);

// Retry policy for the SDK's calls, all of which are idempotent. Only
// UNAVAILABLE is retried, with randomised exponential backoff, and always
// within the call's deadline (`ClientOptions::timeout`).
struct RetryOptions {
  // Attempts per call including the first; 1 disables retries. In [1, 5].
  int max_attempts = kDefaultRetryMaxAttempts;
  // Bound of the wait before the first retry; positive.
  absl::Duration initial_backoff = kDefaultRetryInitialBackoff;
  // Bound of the wait before any retry; at least `initial_backoff`.
  absl::Duration max_backoff = kDefaultRetryMaxBackoff;
  // Factor applied to the bound after each retry; greater than 0.
  double backoff_multiplier = kDefaultRetryBackoffMultiplier;
};

// TLS settings, used when `ClientOptions::use_tls` is true. All fields are
// PEM text (not file names); empty fields fall back to gRPC's defaults.
struct TlsOptions {
  // Root certificates to verify the server; empty means the system roots.
  std::string root_certs;
  // Client certificate chain, for mutual TLS only.
  std::string cert_chain;
  // Client private key matching `cert_chain`, for mutual TLS only.
  std::string private_key;
};

// Everything `MakeAdvisorConnection` needs to reach an advisor server.
// A plain value: copy it, change fields, pass it on. Fields left alone use
// the named defaults above.
struct ClientOptions {
  // gRPC target, e.g. `localhost:50051`, `dns:///advisor.internal:443`.
  // To spread calls over replicas (with `round_robin`), name all of them:
  // `dns:///advisor-headless.NAMESPACE.svc.cluster.local:50051` (a
  // Kubernetes headless Service, one address per ready pod) or a fixed list
  // `ipv4:10.0.0.1:50051,10.0.0.2:50051`. gRPC resolves a DNS name again
  // when a connection drops, not periodically.
  std::string target = kDefaultTarget;
  // Deadline of each call, retries included; positive.
  absl::Duration timeout = kDefaultTimeout;
  // Deadline of each StreamAnswers stream, from its start; positive.
  absl::Duration stream_timeout = kDefaultStreamTimeout;
  // Use TLS instead of a plaintext channel.
  bool use_tls = false;
  // TLS settings, read only when `use_tls` is true.
  TlsOptions tls;
  // Channel credentials built by the caller; when set they take precedence
  // over `use_tls` and `tls`.
  std::shared_ptr<grpc::ChannelCredentials> channel_credentials;
  // When non-empty, every call carries `authorization: Bearer <token>`.
  // Prefer TLS with a token: plaintext channels expose it on the wire.
  std::string bearer_token;
  // Retry policy for UNAVAILABLE.
  RetryOptions retry;
  // gRPC load balancing policy name, e.g. `round_robin` or `pick_first`.
  // A name gRPC does not know makes every call fail with INVALID_ARGUMENT.
  std::string load_balancing_policy = kDefaultLoadBalancingPolicy;
  // Interval of HTTP/2 keepalive pings on quiet connections; zero disables
  // them. The server must allow pings this frequent (advisor_server's
  // --keepalive_min_ping_interval, 30 s by default; gRPC's default policy
  // elsewhere allows one every 5 minutes).
  absl::Duration keepalive_time = kDefaultKeepaliveTime;
  // Unanswered ping time after which the connection is dropped; positive.
  absl::Duration keepalive_timeout = kDefaultKeepaliveTimeout;
  // Whether to ping connections with no call open too (advisor_server
  // permits it by default: --keepalive_permit_without_calls).
  bool keepalive_permit_without_calls = true;
  // Shortest interval between DNS resolutions of the target (gRPC's
  // GRPC_ARG_DNS_MIN_TIME_BETWEEN_RESOLUTIONS_MS); not negative. Lower it
  // only for tests or a resolver that must follow scale-outs faster.
  absl::Duration dns_min_time_between_resolutions = kDefaultDnsMinTimeBetweenResolutions;
  // Prepended to the user agent, before `advisor-cpp/<version>`.
  std::string user_agent_prefix;
};

// Checks that `options` can build a working connection. Returns OK, or
// INVALID_ARGUMENT naming the first bad field (empty target, non-positive
// timeout or stream timeout, retry settings out of range, empty load balancing policy,
// negative keepalive time, non-positive keepalive timeout, negative DNS
// resolution interval, a bearer token with a line break).
absl::Status ValidateClientOptions(const ClientOptions& options);

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_OPTIONS_H_

#ifndef ADVISOR_CLIENT_INTERNAL_CHANNEL_FACTORY_H_
#define ADVISOR_CLIENT_INTERNAL_CHANNEL_FACTORY_H_

#include <memory>
#include <string>

#include "advisor/client/options.h"
#include <grpcpp/channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace advisor::client_internal {

// The gRPC service config for the advisor services: the load balancing
// policy and, for every method (all are idempotent), a retry policy for
// UNAVAILABLE built from `options.retry`. Expects validated options.
std::string MakeServiceConfigJson(const client::ClientOptions& options);

// Channel arguments: service config, retries on, user agent, keepalive.
grpc::ChannelArguments MakeChannelArguments(const client::ClientOptions& options);

// The caller's credentials if given, else TLS or plaintext per `use_tls`.
std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(
    const client::ClientOptions& options);

// A channel to `options.target`; it connects on first use.
std::shared_ptr<grpc::Channel> CreateAdvisorChannel(const client::ClientOptions& options);

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_CHANNEL_FACTORY_H_

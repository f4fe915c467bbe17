#ifndef ADVISOR_SERVICE_SERVER_OPERATIONS_FLAGS_H_
#define ADVISOR_SERVICE_SERVER_OPERATIONS_FLAGS_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

#include "service/server/advisor_server.h"
#include "service/server/bearer_tokens.h"
#include "service/server/knowledge_base_reloader.h"

namespace advisor::server {

// The production-operation flags (TLS, authentication, limits, reload),
// kept apart from main.cc's basic ones. Like every flag under
// service/server/, each is listed by --help and settable from the
// environment (ADVISOR_TLS_CERT_FILE, ...).

// Fills the TLS, authentication and limit fields of `options` from the
// flags, reading the certificate, key, CA and tokens files.
// INVALID_ARGUMENT for inconsistent or out-of-range flags and for an
// invalid tokens file; NOT_FOUND / PERMISSION_DENIED for unreadable files.
absl::Status ApplyOperationsFlags(AdvisorServerOptions& options);

// Reads --auth_tokens_file again (on SIGHUP). Null when authentication is
// off; errors as ApplyOperationsFlags.
absl::StatusOr<std::shared_ptr<const BearerTokens>> LoadTokensFromFlags();

// --knowledge_base_poll_interval: how often to look for a changed
// knowledge base file; zero disables polling (SIGHUP still reloads).
absl::Duration KnowledgeBasePollInterval();

// On SIGHUP: reloads the knowledge base file (when `reloader` is non-null)
// and the tokens file (when authentication is on). A failure is logged and
// the old knowledge base or tokens keep serving.
void HandleSighup(KnowledgeBaseReloader* reloader, AdvisorServer& server);

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_OPERATIONS_FLAGS_H_

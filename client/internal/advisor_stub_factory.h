#ifndef ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_FACTORY_H_
#define ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_FACTORY_H_

#include <memory>

#include "advisor/client/options.h"
#include "client/internal/advisor_stub.h"

namespace advisor::client_internal {

// Builds the stub stack for validated `options`: the wire stub over one
// channel, wrapped in the decorators the options ask for (bearer token).
std::shared_ptr<AdvisorStub> CreateAdvisorStub(const client::ClientOptions& options);

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ADVISOR_STUB_FACTORY_H_

#ifndef ADVISOR_TESTS_HOSTILE_SERVER_CHECKS_H_
#define ADVISOR_TESTS_HOSTILE_SERVER_CHECKS_H_

#include "tests/support/server_process.h"

namespace advisor::testing {

// Adds GoogleTest failures unless `server` (an advisor_server process from
// tests/support) is still running, its health service reports SERVING for
// advisor.v1.FaqService, and a normal GetFramework and AnswerQuestion are
// answered correctly, over a new channel of its own (so a broken shared
// channel cannot hide a broken server): what the hostile and overload
// tests check after each attack.
void ExpectHealthyAndCorrect(const ServerProcess& server);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_HOSTILE_SERVER_CHECKS_H_

#include "service/server/shutdown_signals.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#include <pthread.h>

namespace advisor::server {

absl::StatusOr<ShutdownSignals> ShutdownSignals::Block() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  if (const int error = pthread_sigmask(SIG_BLOCK, &signals, nullptr); error != 0) {
    return absl::InternalError(
        absl::StrCat("cannot block SIGTERM, SIGINT and SIGHUP: ", std::strerror(error)));
  }
  return ShutdownSignals(signals);
}

int ShutdownSignals::Wait() const {
  int received = 0;
  // sigwait fails only for an invalid set, which Block() never builds;
  // retry anyway rather than report a signal that did not arrive.
  while (sigwait(&signals_, &received) != 0) {
  }
  return received;
}

}  // namespace advisor::server

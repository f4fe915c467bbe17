#ifndef ADVISOR_SERVICE_SERVER_SHUTDOWN_SIGNALS_H_
#define ADVISOR_SERVICE_SERVER_SHUTDOWN_SIGNALS_H_

#include <csignal>

#include "absl/status/statusor.h"

namespace advisor::server {

// SIGTERM and SIGINT (shut down) and SIGHUP (reload), received
// synchronously: instead of a signal handler (which may only do
// async-signal-safe work) the signals stay blocked and a normal thread
// collects them with sigwait and may then do anything, such as a graceful
// gRPC shutdown or a knowledge base reload.
class ShutdownSignals {
 public:
  // Blocks SIGTERM, SIGINT and SIGHUP in the calling thread. Threads inherit the
  // mask, so call this first thing in main, before any thread (gRPC's
  // included) starts; otherwise a signal may go to a thread that does not
  // block it and kill the process. INTERNAL if the mask cannot be set.
  static absl::StatusOr<ShutdownSignals> Block();

  // Waits until SIGTERM, SIGINT or SIGHUP arrives (or returns at once if
  // one is already pending) and returns its number.
  int Wait() const;

 private:
  explicit ShutdownSignals(const sigset_t& signals) : signals_(signals) {}

  sigset_t signals_;
};

}  // namespace advisor::server

#endif  // ADVISOR_SERVICE_SERVER_SHUTDOWN_SIGNALS_H_

#ifndef ADVISOR_TESTS_HOSTILE_RUNNING_SERVER_H_
#define ADVISOR_TESTS_HOSTILE_RUNNING_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

#include "tests/api/server_process.h"
#include <grpcpp/grpcpp.h>

namespace advisor::testing {

// An advisor_server process (the binary from ADVISOR_SERVER_PATH) on a free
// port of 127.0.0.1, for tests that attack it from outside. Stopped with
// SIGKILL when destroyed (ServerProcess). Not thread-safe, except that
// channel() may be shared.
class RunningServer {
 public:
  // Starts the server with `flags` besides --host and --port and waits for
  // it to print its address. INTERNAL / DEADLINE_EXCEEDED when it does not.
  static absl::StatusOr<std::unique_ptr<RunningServer>> Start(
      const std::vector<std::string>& flags = {});

  // "127.0.0.1:<port>".
  const std::string& address() const { return address_; }
  int port() const { return port_; }

  // A channel to the server, created on start.
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // True while the process runs (it has not exited or been killed).
  bool IsAlive() const;

  // The process's resident set size (VmRSS) in KiB, or an error once it is
  // gone.
  absl::StatusOr<long> ResidentKib() const;

  // The process's stderr so far (its JSON log), for failure messages.
  std::string Stderr() const { return process_->Stderr(); }

  // Adds GoogleTest failures unless the server is still alive, its health
  // service reports SERVING for advisor.v1.FaqService, and a normal
  // GetFramework and AnswerQuestion are answered correctly, over a new
  // channel (so a broken shared channel cannot hide a broken server).
  void ExpectHealthyAndCorrect() const;

 private:
  RunningServer(std::unique_ptr<ServerProcess> process, std::string address, int port);

  std::unique_ptr<ServerProcess> process_;
  std::string address_;
  int port_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_HOSTILE_RUNNING_SERVER_H_

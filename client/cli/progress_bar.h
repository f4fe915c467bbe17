#ifndef ADVISOR_CLIENT_CLI_PROGRESS_BAR_H_
#define ADVISOR_CLIENT_CLI_PROGRESS_BAR_H_

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace advisor::cli {

// A one-line progress bar, redrawn in place with `\r`, for a terminal
// (the CLI shows it on stderr only when stderr is one). Redraws at most
// every 100 ms, so updating per item costs nearly nothing. Not thread-safe.
class ProgressBar {
 public:
  // Draws on `out`, counting to `total` items.
  ProgressBar(std::ostream& out, std::size_t total);

  // `done` items are finished; redraws if enough time has passed.
  void Update(std::size_t done);
  // Draws the final state and ends the line.
  void Finish(std::size_t done);

  // The bar's text for `done` of `total`, e.g.
  // "[##########----------]  50/100  50%".
  static std::string Render(std::size_t done, std::size_t total);

 private:
  std::ostream& out_;
  std::size_t total_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace advisor::cli

#endif  // ADVISOR_CLIENT_CLI_PROGRESS_BAR_H_

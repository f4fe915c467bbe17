#include "client/cli/progress_bar.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace advisor::cli {
namespace {

constexpr int kBarWidth = 30;
constexpr std::chrono::milliseconds kRedrawInterval(100);

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, std::size_t total) : out_(out), total_(total) {}

std::string ProgressBar::Render(std::size_t done, std::size_t total) {
  const double fraction =
      total == 0 ? 1.0 : static_cast<double>(std::min(done, total)) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kBarWidth);
  return absl::StrFormat("[%s%s] %d/%d %3.0f%%", std::string(filled, '#'),
                         std::string(kBarWidth - filled, '-'), done, total, fraction * 100);
}

void ProgressBar::Update(std::size_t done) {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  out_ << '\r' << Render(done, total_) << std::flush;
}

void ProgressBar::Finish(std::size_t done) { out_ << '\r' << Render(done, total_) << '\n'; }

}  // namespace advisor::cli

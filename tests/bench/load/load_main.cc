// advisor_load: a closed-loop gRPC load generator (like ghz) for any unary
// or bidirectional streaming method linked into it. The request is given as JSON, encoded once, and
// the same bytes are sent on every call through a generic stub, so the
// client spends its time on gRPC, not on building messages.
//
//   advisor_load --target=127.0.0.1:50051 --rpc=answer_question
//       --request='{"question":"Is PyTorch good for startups?"}'
//       --concurrency=16 --duration=10s
//
// A bidirectional method (stream_answers) is loaded with --concurrency
// streams, each keeping --stream_window request messages in flight; its
// "calls" are response messages. Answers per second is QPS times the
// request's `requests` (Batch*) or `questions` (StreamAnswers) count.
//
// Prints a human summary and one machine-readable line starting "RESULT ".
// Exit status: 0 done, 1 some calls failed (unless --allow_errors),
// 2 bad flags, unknown method, bad request or no connection.

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

#include "tests/bench/load/load_runner.h"
#include "tests/bench/load/rpc_method.h"
#include "tests/bench/load/stream_load.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "gRPC target (host:port) to load.");
ABSL_FLAG(std::string, rpc, "",
          "Method to call: package.Service/Method or an alias (get_framework, "
          "list_frameworks, compare_frameworks, match_role, answer_question, list_faqs, "
          "batch_answer_questions, batch_match_roles, stream_answers, health_check, echo).");
ABSL_FLAG(std::string, request, "{}", "The request as JSON (proto3 JSON mapping).");
ABSL_FLAG(std::string, request_file, "", "Read the JSON request from this file instead.");
ABSL_FLAG(int, concurrency, 16, "Calls in flight at once (closed loop).");
ABSL_FLAG(int, connections, 1, "Channels (TCP connections) to spread the calls over.");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "How long to measure, e.g. 10s.");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "Load before measuring starts, e.g. 1s.");
ABSL_FLAG(int64_t, total_calls, 0, "When > 0, measure this many calls instead of --duration.");
ABSL_FLAG(absl::Duration, call_timeout, absl::Seconds(10), "Deadline of each call.");
ABSL_FLAG(int, stream_window, 32, "For a streaming method: requests each stream keeps in flight.");
ABSL_FLAG(bool, allow_errors, false, "Exit 0 even when some calls fail.");
ABSL_FLAG(bool, print_response, false, "Print the response to one call as JSON first.");

namespace advisor::bench {
namespace {

constexpr int kExitCallsFailed = 1;
constexpr int kExitUsage = 2;

double Micros(uint64_t nanos) { return static_cast<double>(nanos) / 1000.0; }

absl::StatusOr<std::string> RequestJson() {
  const std::string path = absl::GetFlag(FLAGS_request_file);
  if (path.empty()) return absl::GetFlag(FLAGS_request);
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot read request file ", path));
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// "NOT_FOUND:3,UNAVAILABLE:1", or "-" when every call succeeded.
std::string ErrorCounts(const LoadResult& result) {
  std::vector<std::string> parts;
  for (int code = 1; code < kStatusCodeCount; ++code) {
    if (result.calls_by_code[code] > 0) {
      parts.push_back(absl::StrCat(StatusCodeName(code), ":", result.calls_by_code[code]));
    }
  }
  return parts.empty() ? "-" : absl::StrJoin(parts, ",");
}

void PrintResult(const std::string& rpc_name, const LoadOptions& options, int items_per_call,
                 const LoadResult& result) {
  const LatencyHistogram& latency = result.latency;
  const double seconds = absl::ToDoubleSeconds(result.elapsed);
  const double client_cpu = seconds > 0 ? absl::ToDoubleSeconds(result.client_cpu) / seconds : 0;
  std::printf("advisor_load: %s -> %s\n", rpc_name.c_str(), options.target.c_str());
  std::printf("  concurrency %d over %d connection(s), warmup %s, measured %.3f s\n",
              options.concurrency, options.connections,
              absl::FormatDuration(options.warmup).c_str(), seconds);
  std::printf("  calls       %lld (ok %lld, errors %lld)\n", static_cast<long long>(result.calls()),
              static_cast<long long>(result.calls_by_code[0]),
              static_cast<long long>(result.errors()));
  std::printf("  qps         %.1f\n", result.qps());
  std::printf("  answers/s   %.1f (%d per call)\n", result.qps() * items_per_call, items_per_call);
  std::printf("  latency us  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  mean %.1f\n",
              Micros(latency.ValueAtPercentile(50)), Micros(latency.ValueAtPercentile(90)),
              Micros(latency.ValueAtPercentile(99)), Micros(latency.ValueAtPercentile(99.9)),
              Micros(latency.max()), latency.mean() / 1000.0);
  std::printf("  client cpu  %.0f %% of one core\n", client_cpu * 100);
  std::printf("  statuses    OK:%lld %s\n", static_cast<long long>(result.calls_by_code[0]),
              ErrorCounts(result).c_str());
  if (!result.first_error.empty()) {
    std::printf("  first error %s\n", result.first_error.c_str());
  }
  std::printf(
      "RESULT rpc=%s concurrency=%d connections=%d duration_s=%.3f calls=%lld qps=%.1f "
      "p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f mean_us=%.1f "
      "errors=%lld error_codes=%s client_cpu=%.2f items_per_call=%d answers_per_s=%.1f\n",
      rpc_name.c_str(), options.concurrency, options.connections, seconds,
      static_cast<long long>(result.calls()), result.qps(), Micros(latency.ValueAtPercentile(50)),
      Micros(latency.ValueAtPercentile(90)), Micros(latency.ValueAtPercentile(99)),
      Micros(latency.ValueAtPercentile(99.9)), Micros(latency.max()), latency.mean() / 1000.0,
      static_cast<long long>(result.errors()), ErrorCounts(result).c_str(), client_cpu,
      items_per_call, result.qps() * items_per_call);
  std::fflush(stdout);
}

int Run() {
  const absl::StatusOr<const google::protobuf::MethodDescriptor*> method =
      ResolveMethod(absl::GetFlag(FLAGS_rpc));
  if (!method.ok()) {
    std::fprintf(stderr, "advisor_load: %s\n", std::string(method.status().message()).c_str());
    return kExitUsage;
  }
  const absl::StatusOr<std::string> json = RequestJson();
  if (!json.ok()) {
    std::fprintf(stderr, "advisor_load: %s\n", json.status().ToString().c_str());
    return kExitUsage;
  }
  absl::StatusOr<std::string> request_bytes = SerializeRequestFromJson(**method, *json);
  if (!request_bytes.ok()) {
    std::fprintf(stderr, "advisor_load: %s\n", request_bytes.status().ToString().c_str());
    return kExitUsage;
  }

  LoadOptions options;
  options.target = absl::GetFlag(FLAGS_target);
  options.method_path = MethodPath(**method);
  options.request_bytes = *std::move(request_bytes);
  options.concurrency = absl::GetFlag(FLAGS_concurrency);
  options.connections = absl::GetFlag(FLAGS_connections);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.total_calls = absl::GetFlag(FLAGS_total_calls);
  options.call_timeout = absl::GetFlag(FLAGS_call_timeout);
  const std::string rpc_name = options.method_path.substr(1);
  const bool allow_errors = absl::GetFlag(FLAGS_allow_errors);

  const bool streaming = (*method)->client_streaming();
  const int items_per_call = ItemsPerCall(**method, options.request_bytes);

  if (absl::GetFlag(FLAGS_print_response) && !streaming) {
    const absl::StatusOr<std::string> response = CallOnce(options);
    if (!response.ok()) {
      std::fprintf(stderr, "advisor_load: first call failed: %s\n",
                   response.status().ToString().c_str());
      if (!allow_errors) return kExitCallsFailed;
    } else {
      const absl::StatusOr<std::string> response_json = ResponseToJson(**method, *response);
      std::printf("response %s\n", response_json.ok() ? response_json->c_str()
                                                      : response_json.status().ToString().c_str());
    }
  }

  const absl::StatusOr<LoadResult> result =
      streaming ? RunStreamLoad(options, absl::GetFlag(FLAGS_stream_window)) : RunLoad(options);
  if (!result.ok()) {
    std::fprintf(stderr, "advisor_load: %s\n", result.status().ToString().c_str());
    return kExitUsage;
  }
  PrintResult(rpc_name, options, items_per_call, *result);
  if (result->calls() == 0) {
    std::fprintf(stderr, "advisor_load: no call completed in the measured window\n");
    return kExitCallsFailed;
  }
  return result->errors() > 0 && !allow_errors ? kExitCallsFailed : 0;
}

}  // namespace
}  // namespace advisor::bench

int main(int argc, char** argv) {
  // Debian's Abseil checks every Mutex acquisition for lock-order cycles,
  // about a tenth of the client's cost per call in gRPC's own locks. The
  // load generator must stay cheap; it has no locks of its own to check.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      absl::StrCat("Closed-loop load generator for unary and bidirectional gRPC methods.\n"
                   "Usage: advisor_load --target=HOST:PORT --rpc=METHOD --request=JSON\n"
                   "Method aliases:\n",
                   advisor::bench::MethodAliasesHelp()));
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    std::fprintf(stderr, "advisor_load: unexpected argument %s\n", positional[1]);
    return 2;
  }
  if (absl::GetFlag(FLAGS_rpc).empty()) {
    std::fprintf(stderr, "advisor_load: --rpc is required\n%s",
                 advisor::bench::MethodAliasesHelp().c_str());
    return 2;
  }
  return advisor::bench::Run();
}

#include "tests/hostile/running_server.h"

#include <chrono>
#include <csignal>
#include <fstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "advisor/v1/framework_service.grpc.pb.h"
#include <sys/types.h>

namespace advisor::testing {
namespace {

constexpr absl::string_view kListeningPrefix = "advisor_server listening on ";
// Generous: a sanitizer build on a loaded 2-core machine is slow to start.
constexpr absl::Duration kStartTimeout = absl::Seconds(60);
constexpr std::chrono::seconds kCallTimeout(30);

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  return context;
}

}  // namespace

absl::StatusOr<std::unique_ptr<RunningServer>> RunningServer::Start(
    const std::vector<std::string>& flags) {
  std::vector<std::string> arguments = {"--host=127.0.0.1", "--port=0"};
  arguments.insert(arguments.end(), flags.begin(), flags.end());
  absl::StatusOr<std::unique_ptr<ServerProcess>> process =
      ServerProcess::Start(ADVISOR_SERVER_PATH, arguments);
  if (!process.ok()) return process.status();
  absl::StatusOr<std::string> line = (*process)->ReadStdoutLine(kStartTimeout);
  if (!line.ok()) {
    return absl::Status(line.status().code(),
                        absl::StrCat(line.status().message(), "; stderr:\n", (*process)->Stderr()));
  }
  absl::string_view address = *line;
  int port = 0;
  if (!absl::ConsumePrefix(&address, kListeningPrefix) ||
      !absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port)) {
    return absl::InternalError(absl::StrCat("unexpected first line: ", *line));
  }
  return std::unique_ptr<RunningServer>(
      new RunningServer(*std::move(process), std::string(address), port));
}

RunningServer::RunningServer(std::unique_ptr<ServerProcess> process, std::string address, int port)
    : process_(std::move(process)),
      address_(std::move(address)),
      port_(port),
      channel_(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials())) {}

bool RunningServer::IsAlive() const {
  // kill(pid, 0) also succeeds for a zombie, so read the state from /proc.
  std::ifstream status(absl::StrCat("/proc/", process_->pid(), "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (absl::StartsWith(line, "State:")) return line.find('Z') == std::string::npos;
  }
  return false;
}

absl::StatusOr<long> RunningServer::ResidentKib() const {
  std::ifstream status(absl::StrCat("/proc/", process_->pid(), "/status"));
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    rest = absl::StripSuffix(absl::StripAsciiWhitespace(rest), " kB");
    long kib = 0;
    if (absl::SimpleAtoi(rest, &kib)) return kib;
  }
  return absl::NotFoundError(absl::StrCat("no VmRSS for process ", process_->pid()));
}

void RunningServer::ExpectHealthyAndCorrect() const {
  ASSERT_TRUE(IsAlive()) << "advisor_server died; stderr:\n" << Stderr();
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // A connection of its own.
  const std::shared_ptr<grpc::Channel> fresh =
      grpc::CreateCustomChannel(address_, grpc::InsecureChannelCredentials(), arguments);

  grpc::health::v1::HealthCheckRequest health_request;
  health_request.set_service("advisor.v1.FaqService");
  grpc::health::v1::HealthCheckResponse health;
  const grpc::Status health_status =
      grpc::health::v1::Health::NewStub(fresh)->Check(Context().get(), health_request, &health);
  ASSERT_TRUE(health_status.ok()) << health_status.error_message();
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  advisor::v1::GetFrameworkRequest get;
  get.set_name("torch");
  advisor::v1::GetFrameworkResponse framework;
  const grpc::Status get_status =
      advisor::v1::FrameworkService::NewStub(fresh)->GetFramework(Context().get(), get, &framework);
  ASSERT_TRUE(get_status.ok()) << get_status.error_message();
  EXPECT_EQ(framework.framework().display_name(), "PyTorch");

  advisor::v1::AnswerQuestionRequest question;
  question.set_question("Is learning only one deep learning framework enough for AI jobs?");
  advisor::v1::AnswerQuestionResponse answer;
  const grpc::Status answer_status =
      advisor::v1::FaqService::NewStub(fresh)->AnswerQuestion(Context().get(), question, &answer);
  ASSERT_TRUE(answer_status.ok()) << answer_status.error_message();
  EXPECT_TRUE(answer.answered());
  EXPECT_EQ(answer.faq_id(), "faq-one-framework-enough");
  EXPECT_TRUE(IsAlive());
}

}  // namespace advisor::testing

// End to end: the real advisor_server binary, the SDK and the advisor CLI
// over a real channel on 127.0.0.1. Checks every RPC with the seed
// knowledge base's real answers, the error codes, and a clean SIGTERM.
#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

#include "advisor/client/client.h"
#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace advisor::client {
namespace {

using ::advisor::testing::CommandResult;
using ::advisor::testing::ProcessExit;
using ::advisor::testing::RunCommand;
using ::advisor::testing::ServerProcess;
using ::advisor::testing::StartServerProcess;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The frameworks the default knowledge base describes: the seed's three and
// eighteen beyond it.
constexpr int kDefaultFrameworks = 21;
constexpr char kPopularQuestion[] =
    "Which AI framework is most popular in 2024 hiring trends globally?";
constexpr char kPopularAnswer[] =
    "PyTorch and TensorFlow are the leading frameworks, with Keras supporting learning and "
    "prototyping.";

class AdvisorE2eTest : public ::testing::Test {
 protected:
  // One advisor_server (127.0.0.1, a free port) for the suite.
  static void SetUpTestSuite() { server_ = StartServerProcess().release(); }
  static void TearDownTestSuite() {
    delete server_;  // Kills the server if a test did not stop it.
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr) << "no server to test"; }

  static AdvisorClient Client() {
    ClientOptions options;
    options.target = server_->address();
    options.timeout = absl::Seconds(10);
    return AdvisorClient(MakeAdvisorConnection(options));
  }

  // Runs the advisor CLI against the server.
  static CommandResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {ADVISOR_CLI_PATH, "--target=" + server_->address()});
    auto result = RunCommand(args);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CommandResult{};
  }

  static ServerProcess* server_;
};

ServerProcess* AdvisorE2eTest::server_ = nullptr;

TEST_F(AdvisorE2eTest, GetFrameworkByResourceNameAliasAndDisplayName) {
  AdvisorClient client = Client();
  auto keras = client.GetFramework("frameworks/keras");
  ASSERT_TRUE(keras.ok()) << keras.status();
  EXPECT_EQ(keras->display_name(), "Keras");
  EXPECT_EQ(keras->name(), "frameworks/keras");

  auto torch = client.GetFramework("torch");
  ASSERT_TRUE(torch.ok()) << torch.status();
  EXPECT_EQ(torch->id(), "pytorch");

  auto tensorflow = client.GetFramework("TensorFlow");
  ASSERT_TRUE(tensorflow.ok()) << tensorflow.status();
  EXPECT_EQ(tensorflow->name(), "frameworks/tensorflow");
}

TEST_F(AdvisorE2eTest, GetFrameworkErrors) {
  AdvisorClient client = Client();
  EXPECT_EQ(client.GetFramework("sourdough").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(client.GetFramework("frameworks/sourdough").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(client.GetFramework("").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorE2eTest, ListFrameworksInKnowledgeBaseOrderPageByPage) {
  AdvisorClient client = Client();
  auto page = client.ListFrameworks();
  ASSERT_TRUE(page.ok()) << page.status();
  // The seed's three, then the frameworks beyond it: all on the default page.
  EXPECT_EQ(page->total_size(), kDefaultFrameworks);
  EXPECT_EQ(page->next_page_token(), "");
  std::vector<std::string> ids;
  for (const auto& framework : page->frameworks()) ids.push_back(framework.id());
  ASSERT_EQ(ids.size(), static_cast<size_t>(kDefaultFrameworks));
  EXPECT_THAT(std::vector<std::string>(ids.begin(), ids.begin() + 4),
              ElementsAre("pytorch", "tensorflow", "keras", "jax"));

  auto first = client.ListFrameworks(1);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->frameworks_size(), 1);
  EXPECT_NE(first->next_page_token(), "");

  auto all = client.ListAllFrameworks(1);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), static_cast<size_t>(kDefaultFrameworks));
  EXPECT_EQ(all->back().id(), "tensorflow-js");

  EXPECT_EQ(client.ListFrameworks(-1).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.ListFrameworks(1, "not-a-token").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorE2eTest, CompareFrameworks) {
  AdvisorClient client = Client();
  auto comparison = client.CompareFrameworks({"pytorch", "tf"});
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  ASSERT_EQ(comparison->frameworks_size(), 2);
  EXPECT_EQ(comparison->frameworks(0).framework(), "frameworks/pytorch");
  EXPECT_EQ(comparison->frameworks(1).framework(), "frameworks/tensorflow");
  EXPECT_FALSE(comparison->frameworks(1).hired_by().empty());

  EXPECT_EQ(client.CompareFrameworks({"pytorch"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.CompareFrameworks({"pytorch", "torch"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.CompareFrameworks({"pytorch", "sourdough"}).status().code(),
            absl::StatusCode::kNotFound);

  // Beyond the seed: the fields side by side.
  auto beyond = client.CompareFrameworks({"pytorch", "jax", "flax"});
  ASSERT_TRUE(beyond.ok()) << beyond.status();
  ASSERT_EQ(beyond->frameworks_size(), 3);
  EXPECT_EQ(beyond->frameworks(2).framework(), "frameworks/flax");
  EXPECT_FALSE(beyond->frameworks(2).summary().empty());
}

TEST_F(AdvisorE2eTest, MatchRoleFollowsTheHiringPatterns) {
  AdvisorClient client = Client();
  auto bank = client.MatchRole("ML engineer at a bank");
  ASSERT_TRUE(bank.ok()) << bank.status();
  ASSERT_EQ(bank->matches_size(), 3);
  EXPECT_EQ(bank->matches(0).framework(), "frameworks/tensorflow");
  for (int i = 1; i < bank->matches_size(); ++i) {
    EXPECT_GE(bank->matches(i - 1).score(), bank->matches(i).score());
  }
  EXPECT_FALSE(bank->learning_path().empty());

  auto research = client.MatchRole("PhD student doing deep learning research");
  ASSERT_TRUE(research.ok()) << research.status();
  ASSERT_FALSE(research->matches().empty());
  EXPECT_EQ(research->matches(0).framework(), "frameworks/pytorch");

  auto beginner = client.MatchRole("complete beginner looking for an entry-level role");
  ASSERT_TRUE(beginner.ok()) << beginner.status();
  ASSERT_FALSE(beginner->matches().empty());
  EXPECT_EQ(beginner->matches(0).framework(), "frameworks/keras");

  EXPECT_EQ(client.MatchRole("   ").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.MatchRole(std::string(5000, 'a')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorE2eTest, AnswerQuestionWordForWord) {
  AdvisorClient client = Client();
  auto answer = client.AnswerQuestion(kPopularQuestion);
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_TRUE(answer->answered());
  EXPECT_EQ(answer->answer(), kPopularAnswer);
  EXPECT_EQ(answer->question(), kPopularQuestion);

  auto paraphrase = client.AnswerQuestion("why do startups like pytorch?");
  ASSERT_TRUE(paraphrase.ok()) << paraphrase.status();
  EXPECT_TRUE(paraphrase->answered());
  EXPECT_EQ(paraphrase->answer(),
            "PyTorch enables faster experimentation and offers greater flexibility, making it "
            "ideal for innovation.");
}

TEST_F(AdvisorE2eTest, AnswerQuestionOutsideTheKnowledgeBase) {
  AdvisorClient client = Client();
  auto answer = client.AnswerQuestion("What will the weather be in Paris tomorrow?");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_FALSE(answer->answered());
  EXPECT_EQ(answer->answer(), "");

  EXPECT_EQ(client.AnswerQuestion("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client.AnswerQuestion(" \t ").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorE2eTest, ListFaqs) {
  AdvisorClient client = Client();
  auto page = client.ListFaqs();
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->total_size(), 5);
  ASSERT_EQ(page->faqs_size(), 5);
  EXPECT_EQ(page->faqs(0).question(), kPopularQuestion);
  EXPECT_EQ(page->faqs(0).answer(), kPopularAnswer);

  auto all = client.ListAllFaqs(2);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 5U);
  EXPECT_EQ(client.ListFaqs(-5).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdvisorE2eTest, CliLookupReadableAndJson) {
  CommandResult text = Cli({"lookup", "keras"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, StartsWith("Keras (frameworks/keras)\n"));
  EXPECT_THAT(text.out, HasSubstr("Strengths:"));

  CommandResult json = Cli({"--json", "lookup", "keras"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"displayName\": \"Keras\""));
  EXPECT_THAT(json.out, HasSubstr("\"name\": \"frameworks/keras\""));
}

TEST_F(AdvisorE2eTest, CliAskReadableAndJson) {
  CommandResult text = Cli({"ask", kPopularQuestion});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, StartsWith(absl::StrCat(kPopularAnswer, "\n")));

  CommandResult json = Cli({"--json", "ask", kPopularQuestion});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr(absl::StrCat("\"answer\": \"", kPopularAnswer, "\"")));
  EXPECT_THAT(json.out, HasSubstr("\"answered\": true"));

  CommandResult unknown = Cli({"ask", "What will the weather be in Paris tomorrow?"});
  EXPECT_EQ(unknown.exit_code, 0) << unknown.err;
  EXPECT_THAT(unknown.out, StartsWith("No answer in the knowledge base (confidence "));
}

TEST_F(AdvisorE2eTest, CliOtherSubcommands) {
  CommandResult list = Cli({"list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr(absl::StrCat(kDefaultFrameworks, " frameworks")));
  CommandResult retired = Cli({"--filter=status = RETIRED", "--page_size=2", "list"});
  EXPECT_EQ(retired.exit_code, 0) << retired.err;
  EXPECT_THAT(retired.out, HasSubstr("Theano"));
  EXPECT_THAT(retired.out, ::testing::Not(HasSubstr("PyTorch")));
  CommandResult bad_filter = Cli({"--filter=name = keras", "list"});
  EXPECT_EQ(bad_filter.exit_code, 3) << bad_filter.out;  // INVALID_ARGUMENT

  CommandResult compare = Cli({"compare", "pytorch", "tensorflow"});
  EXPECT_EQ(compare.exit_code, 0) << compare.err;
  EXPECT_THAT(compare.out, StartsWith("PyTorch (frameworks/pytorch)\n"));

  CommandResult match = Cli({"match-role", "ML engineer at a bank"});
  EXPECT_EQ(match.exit_code, 0) << match.err;
  EXPECT_THAT(match.out, HasSubstr("1. TensorFlow"));
  EXPECT_THAT(match.out, HasSubstr("%"));

  CommandResult faqs = Cli({"--json", "faqs"});
  EXPECT_EQ(faqs.exit_code, 0) << faqs.err;
  EXPECT_THAT(faqs.out, HasSubstr("\"totalSize\": 5"));
}

TEST_F(AdvisorE2eTest, CliErrorsGoToStderrWithTheStatusAsExitCode) {
  CommandResult missing = Cli({"lookup", "sourdough"});
  EXPECT_EQ(missing.exit_code, 5);  // NOT_FOUND
  EXPECT_THAT(missing.err, StartsWith("error: NOT_FOUND: "));
  EXPECT_EQ(missing.out, "");

  CommandResult blank = Cli({"ask", " "});
  EXPECT_EQ(blank.exit_code, 3);  // INVALID_ARGUMENT
  EXPECT_THAT(blank.err, StartsWith("error: INVALID_ARGUMENT: "));

  CommandResult usage = Cli({"lookup"});
  EXPECT_EQ(usage.exit_code, 64);
}

TEST(AdvisorCliTest, HelpListsSubcommandsAndFlags) {
  auto help = RunCommand({ADVISOR_CLI_PATH, "--help"});
  ASSERT_TRUE(help.ok()) << help.status();
  for (const char* expected :
       {"lookup NAME", "list", "compare NAME NAME...", "match-role", "ask \"QUESTION\"", "faqs",
        "--target", "--json", "--timeout", "--token", "--tls_ca", "Exit codes"}) {
    EXPECT_THAT(help->out, HasSubstr(expected));
  }
}

TEST(AdvisorCliTest, UnreachableServerExitsWithUnavailable) {
  // The port of a server that just stopped refuses connections. (The SDK
  // tests cover the same case with a port that is held closed.)
  std::unique_ptr<ServerProcess> server = StartServerProcess();
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  ASSERT_TRUE(server->WaitForExit().ok());
  auto result = RunCommand({ADVISOR_CLI_PATH, "--target=" + server->address(), "lookup", "keras"});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->exit_code, 14);  // UNAVAILABLE
  EXPECT_THAT(result->err, StartsWith("error: UNAVAILABLE: "));
}

// Its own server, so that stopping it does not disturb the other tests.
TEST(AdvisorServerShutdownTest, SigtermEndsTheServerWithExitCodeZero) {
  std::unique_ptr<ServerProcess> server = StartServerProcess();
  ASSERT_NE(server, nullptr);
  {
    ClientOptions options;
    options.target = server->address();
    AdvisorClient client(MakeAdvisorConnection(options));
    ASSERT_TRUE(client.GetFramework("keras").ok());
  }
  ASSERT_TRUE(server->Signal(SIGTERM).ok());
  absl::StatusOr<ProcessExit> exit = server->WaitForExit();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0) << server->Stderr();
}

}  // namespace
}  // namespace advisor::client

// An operator adds an article without a restart: advisor_kb import-document
// turns a Markdown file into a documents { } block, the block is appended to
// the knowledge base file the server reads, SIGHUP reloads it, and the
// article's content is answered (with the document as its source) where it
// was "no answer" before. (An H1 that repeats the title is left out.)

#include <csignal>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.grpc.pb.h"
#include "tests/ops/ops_test_support.h"
#include "tests/support/call_context.h"
#include "tests/support/child_process.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_directory.h"

namespace advisor::testing {
namespace {

constexpr absl::Duration kReloadTimeout = absl::Seconds(30);

constexpr char kArticle[] =
    "# Notes on the Zephyr scheduler\n"
    "\n"
    "## Scheduling\n"
    "\n"
    "The Zephyr scheduler assigns GPU time slices to training jobs by their priority. "
    "It preempts low-priority jobs when a high-priority job arrives.\n"
    "\n"
    "## Gardening\n"
    "\n"
    "Tomatoes need plenty of sun.\n";

constexpr char kQuestion[] = "How does the Zephyr scheduler assign time slices?";

v1::AnswerQuestionResponse Ask(const std::string& address) {
  auto stub =
      v1::FaqService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  v1::AnswerQuestionRequest request;
  request.set_question(kQuestion);
  v1::AnswerQuestionResponse response;
  const grpc::Status status = stub->AnswerQuestion(CallContext().get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

TEST(DocumentReloadTest, AnImportedArticleIsAnsweredAfterAReload) {
  const TempDirectory directory("document_reload");
  const std::string knowledge_base =
      directory.Write("knowledge_base.txtpb", KnowledgeBaseWithVersion("doc-v1"));
  const std::string article = directory.Write("zephyr.md", kArticle);
  std::unique_ptr<ServerProcess> server = StartServerProcess(
      {"--knowledge_base=" + knowledge_base, "--knowledge_base_poll_interval=0"});
  ASSERT_NE(server, nullptr);
  EXPECT_FALSE(Ask(server->address()).answered());

  absl::StatusOr<CommandResult> imported =
      RunCommand({ADVISOR_KB_PATH, "import-document", "--id=zephyr-notes",
                  "--title=Notes on the Zephyr scheduler", "--source=Ops wiki",
                  "--knowledge_base=" + knowledge_base, article});
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_EQ(imported->exit_code, 0) << imported->err;
  // Written aside and renamed over the file, as a deployment would.
  directory.Write("knowledge_base.txtpb",
                  absl::StrCat(KnowledgeBaseWithVersion("doc-v2"), "\n", imported->out));
  ASSERT_TRUE(server->Signal(SIGHUP).ok());

  const absl::Time deadline = absl::Now() + kReloadTimeout;
  while (ServedKnowledgeBaseVersion(server->address()) != "doc-v2" && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_EQ(ServedKnowledgeBaseVersion(server->address()), "doc-v2") << server->Stderr();
  const v1::AnswerQuestionResponse answer = Ask(server->address());
  EXPECT_TRUE(answer.answered());
  EXPECT_EQ(answer.source().kind(), v1::AnswerSource::KIND_DOCUMENT);
  EXPECT_EQ(answer.source().name(), "documents/zephyr-notes");
  EXPECT_EQ(answer.source().section(), "Scheduling");
  EXPECT_NE(answer.answer().find("assigns GPU time slices"), std::string::npos) << answer.answer();
}

}  // namespace
}  // namespace advisor::testing

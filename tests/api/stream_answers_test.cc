// FaqService.StreamAnswers over a real channel: many questions, a bad one
// mid-stream, a client that stops reading (the server must stop reading
// too), a cancel, a deadline, an empty stream.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

#include "tests/api/bulk_test_server.h"
#include "tests/support/call_context.h"

namespace advisor::server {
namespace {

using ::advisor::testing::CallContext;
using ::advisor::v1::AnswerQuestionResult;
using ::advisor::v1::StreamAnswersRequest;
using ::advisor::v1::StreamAnswersResponse;
using Stream = grpc::ClientReaderWriter<StreamAnswersRequest, StreamAnswersResponse>;

// A request message with one question.
StreamAnswersRequest Item(const std::string& id, const std::string& question) {
  StreamAnswersRequest request;
  advisor::v1::StreamQuestion* item = request.add_questions();
  item->set_request_id(id);
  item->mutable_request()->set_question(question);
  return request;
}

// The only answer of a response to a one-question request.
const advisor::v1::StreamAnswer& Only(const StreamAnswersResponse& response) {
  EXPECT_EQ(response.answers_size(), 1);
  return response.answers_size() > 0 ? response.answers(0)
                                     : advisor::v1::StreamAnswer::default_instance();
}

class StreamAnswersTest : public BulkServerTest {};

TEST_F(StreamAnswersTest, AnswersManyQuestionsEachTaggedWithItsRequestId) {
  constexpr int kItems = 3000;
  const std::vector<std::string> questions = FaqQuestions(kItems);
  auto context = CallContext();
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(context.get());
  // Writing and reading at once, as a real client would: a writer that
  // waited for every answer would deadlock against flow control.
  std::thread writer([&] {
    for (int i = 0; i < kItems; ++i) {
      if (!stream->Write(Item(absl::StrCat("q", i), questions[i]))) return;
    }
    stream->WritesDone();
  });
  const std::string first_answer = UnaryAnswer(questions[0]).SerializeAsString();
  StreamAnswersResponse response;
  int received = 0;
  while (stream->Read(&response)) {
    EXPECT_EQ(response.served_by().knowledge_base_version(), "2024.1");
    const advisor::v1::StreamAnswer& answer = Only(response);
    ASSERT_EQ(answer.request_id(), absl::StrCat("q", received));
    ASSERT_EQ(answer.result().result_case(), AnswerQuestionResult::kResponse);
    EXPECT_EQ(answer.result().response().question(), questions[received]);
    if (received == 0) {
      EXPECT_EQ(answer.result().response().SerializeAsString(), first_answer);
    }
    ++received;
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  EXPECT_EQ(received, kItems);
}

TEST_F(StreamAnswersTest, ABadQuestionMidStreamGetsAnErrorAndTheStreamGoesOn) {
  const std::vector<std::string> good = FaqQuestions(2);
  auto context = CallContext();
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(context.get());
  ASSERT_TRUE(stream->Write(Item("a", good[0])));
  ASSERT_TRUE(stream->Write(Item("bad", "  \t ")));
  ASSERT_TRUE(stream->Write(Item("b", good[1])));
  ASSERT_TRUE(stream->WritesDone());
  std::vector<advisor::v1::StreamAnswer> responses;
  StreamAnswersResponse response;
  while (stream->Read(&response)) responses.push_back(Only(response));
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OK) << status.error_message();
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].request_id(), "a");
  EXPECT_TRUE(responses[0].result().response().answered());
  EXPECT_EQ(responses[1].request_id(), "bad");
  ASSERT_EQ(responses[1].result().result_case(), AnswerQuestionResult::kError);
  EXPECT_EQ(responses[1].result().error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(responses[2].request_id(), "b");
  EXPECT_EQ(responses[2].result().response().question(), good[1]);
}

TEST_F(StreamAnswersTest, AMessageOfSeveralQuestionsGetsOneResponseWithAnAnswerEach) {
  const std::vector<std::string> questions = FaqQuestions(3);
  StreamAnswersRequest packed;
  for (int i = 0; i < 3; ++i) {
    advisor::v1::StreamQuestion* item = packed.add_questions();
    item->set_request_id(absl::StrCat("p", i));
    item->mutable_request()->set_question(i == 1 ? "" : questions[i]);
  }
  auto context = CallContext();
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(context.get());
  ASSERT_TRUE(stream->Write(packed));
  ASSERT_TRUE(stream->Write(StreamAnswersRequest()));  // No questions: an empty response.
  ASSERT_TRUE(stream->Write(Item("last", questions[0])));
  ASSERT_TRUE(stream->WritesDone());
  StreamAnswersResponse response;
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_EQ(response.answers_size(), 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(response.answers(i).request_id(), absl::StrCat("p", i));
  EXPECT_EQ(response.answers(0).result().response().question(), questions[0]);
  EXPECT_EQ(response.answers(1).result().error().code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(response.answers(2).result().response().question(), questions[2]);
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(response.answers_size(), 0);
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(Only(response).request_id(), "last");
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::OK);
}

TEST_F(StreamAnswersTest, AnEmptyStreamEndsOkWithoutAnswers) {
  auto context = CallContext();
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(context.get());
  ASSERT_TRUE(stream->WritesDone());
  StreamAnswersResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::OK);
}

// A client that writes but never reads: answers pile up in the server's
// window and HTTP/2's flow-control windows, then the server stops reading
// and the client's writes stop completing. Unbounded buffering anywhere
// would let every write complete.
TEST_F(StreamAnswersTest, AClientThatStopsReadingStopsTheServerReading) {
  constexpr int kOffered = 200000;
  const std::vector<std::string> questions = FaqQuestions(50);
  grpc::ClientContext context;
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(&context);
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (int i = 0; i < kOffered; ++i) {
      if (!stream->Write(Item(absl::StrCat(i), questions[i % questions.size()]))) return;
      written.fetch_add(1);
    }
  });
  // Waits until the writes stall: no progress for half a second.
  int last = -1;
  while (written.load() != last && written.load() < kOffered) {
    last = written.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  const int stalled_at = written.load();
  RecordProperty("stalled_at", stalled_at);
  EXPECT_LT(stalled_at, kOffered) << "the client could write every request without reading";
  EXPECT_GT(stalled_at, 0);

  // Reading again drains the stream: the first answers are all there.
  StreamAnswersResponse response;
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(stream->Read(&response));
    ASSERT_EQ(Only(response).request_id(), absl::StrCat(i));
  }
  context.TryCancel();
  writer.join();
  while (stream->Read(&response)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(StreamAnswersTest, ACancelMidStreamEndsItAndTheServerKeepsServing) {
  const std::vector<std::string> questions = FaqQuestions(20);
  grpc::ClientContext context;
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(&context);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(stream->Write(Item(absl::StrCat(i), questions[i])));
  StreamAnswersResponse response;
  ASSERT_TRUE(stream->Read(&response));
  context.TryCancel();
  while (stream->Read(&response)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::CANCELLED);
  // The server is unharmed: a new stream works.
  auto next_context = CallContext();
  std::unique_ptr<Stream> next = faqs_->StreamAnswers(next_context.get());
  ASSERT_TRUE(next->Write(Item("again", questions[0])));
  ASSERT_TRUE(next->WritesDone());
  ASSERT_TRUE(next->Read(&response));
  EXPECT_EQ(Only(response).request_id(), "again");
  EXPECT_FALSE(next->Read(&response));
  EXPECT_EQ(next->Finish().error_code(), grpc::StatusCode::OK);
}

TEST_F(StreamAnswersTest, AnExpiredDeadlineEndsTheStream) {
  const std::vector<std::string> questions = FaqQuestions(1);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(&context);
  ASSERT_TRUE(stream->Write(Item("1", questions[0])));
  StreamAnswersResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_EQ(Only(response).request_id(), "1");
  // No half-close: the stream stays open until the deadline ends it.
  while (stream->Read(&response)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

TEST_F(StreamAnswersTest, ShutdownEndsAnOpenStream) {
  const std::vector<std::string> questions = FaqQuestions(1);
  auto context = CallContext();
  std::unique_ptr<Stream> stream = faqs_->StreamAnswers(context.get());
  ASSERT_TRUE(stream->Write(Item("1", questions[0])));
  StreamAnswersResponse response;
  ASSERT_TRUE(stream->Read(&response));
  server_->Shutdown(absl::Now());
  server_->Wait();
  while (stream->Read(&response)) {
  }
  EXPECT_NE(stream->Finish().error_code(), grpc::StatusCode::OK);
}

}  // namespace
}  // namespace advisor::server

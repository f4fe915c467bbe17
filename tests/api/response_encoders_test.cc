// The hand-written encoders and the prebuilt responses must give exactly
// the bytes protobuf's generated code gives for the same response.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/arena.h"
#include "gtest/gtest.h"

#include "advisor/v1/faq_service.pb.h"
#include "advisor/v1/framework_service.pb.h"
#include "advisor/v1/role_matching_service.pb.h"
#include "service/api/answer_conversion.h"
#include "service/api/match_conversion.h"
#include "service/api/snapshot_source.h"
#include "service/api/wire/lent_messages.h"
#include "service/api/wire/message_bytes.h"
#include "service/api/wire/prebuilt_responses.h"
#include "service/engines/context_token.h"
#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

namespace advisor::api {
namespace {

std::shared_ptr<const engines::Snapshot> DefaultSnapshot() {
  absl::StatusOr<advisor::v1::KnowledgeBase> loaded = knowledge_base::LoadDefaultKnowledgeBase();
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  return engines::Snapshot::Build(*std::move(loaded));
}

template <typename Encoder>
std::string Encode(const Encoder& encoder) {
  std::string bytes(encoder.size(), '\0');
  encoder.Write(reinterpret_cast<uint8_t*>(bytes.data()));
  return bytes;
}

class ResponseEncodersTest : public ::testing::Test {
 protected:
  std::shared_ptr<const engines::Snapshot> snapshot_ = DefaultSnapshot();
  const ServingSnapshot serving_{snapshot_, "1.2.3-test"};
};

TEST_F(ResponseEncodersTest, MatchRoleBytesAreTheGeneratedSerialisation) {
  const std::vector<std::string> roles = {
      "Machine learning engineer building fraud models for the payments team of a regional bank",
      "PhD student in computer vision",
      "complete beginner who wants to learn deep learning",
      "startup founder shipping an LLM product",
      "data scientist at a large enterprise deploying models to mobile phones",
      "zzzz qqqq",
      "chef",
  };
  for (const std::string& role : roles) {
    SCOPED_TRACE(role);
    absl::StatusOr<engines::RoleMatch> match = snapshot_->roles().Match(role);
    ASSERT_TRUE(match.ok()) << match.status();
    advisor::v1::MatchRoleRequest request;
    request.set_description(role);
    advisor::v1::MatchRoleResponse expected;
    ASSERT_TRUE(FillMatch(*snapshot_, request, expected).ok());
    EXPECT_FALSE(expected.matches().empty());
    *expected.mutable_served_by() = serving_.served_by;
    EXPECT_EQ(Encode(MatchRoleResponseEncoder(*match, serving_.encoded_served_by)),
              expected.SerializeAsString());
  }
}

// MatchRoleResponseEncoder writes each field of these messages by hand: a
// field added to one of them must be added to the encoder (and to FillMatch)
// before these counts are raised.
TEST(MatchRoleResponseEncoderTest, KnowsEveryFieldOfItsMessages) {
  EXPECT_EQ(advisor::v1::MatchRoleResponse::descriptor()->field_count(), 5)
      << "MatchRoleResponse changed: update MatchRoleResponseEncoder";
  EXPECT_EQ(advisor::v1::FrameworkMatch::descriptor()->field_count(), 4)
      << "FrameworkMatch changed: update MatchRoleResponseEncoder";
  EXPECT_EQ(advisor::v1::LearningStep::descriptor()->field_count(), 3)
      << "LearningStep changed: update MatchRoleResponseEncoder";
}

TEST_F(ResponseEncodersTest, AnswerQuestionBytesAreTheGeneratedSerialisation) {
  // Answered from each kind of source, with and without alternatives, and
  // not answered (with and without a weak best guess).
  const std::vector<std::string> questions = {
      "Why would a young AI company pick PyTorch over the alternatives?",
      "who develops tensorflow",
      "where can I download keras",
      "pytorch vs tensorflow",
      "which framework do banks use",
      "is keras enough on its own",
      "what should I learn first",
      "how do I install PyTorch with CUDA",
      "what is the capital of France",
      "zzzz qqqq",
      "I work at a bank, should I learn PyTorch?",
      // A fact with its source's URL.
      "is theano still maintained",
  };
  int answered = 0;
  int with_alternatives = 0;
  int joining = 0;
  // Each question also follows the one before, as in a conversation, with
  // an asker every other question.
  std::string context;
  for (size_t i = 0; i < questions.size(); ++i) {
    const std::string& question = questions[i];
    SCOPED_TRACE(question);
    advisor::v1::AnswerQuestionRequest request;
    request.set_question(question);
    request.set_context(context);
    if (i % 2 == 1) request.set_asker("ML engineer at a small AI startup");
    absl::StatusOr<advisor::v1::ConversationContext> previous =
        engines::DecodeContextToken(context);
    ASSERT_TRUE(previous.ok()) << previous.status();
    absl::StatusOr<engines::KnowledgeAnswer> answer = snapshot_->answers().Answer(
        question, /*explain=*/false, engines::Conversation{request.asker(), &*previous});
    ASSERT_TRUE(answer.ok()) << answer.status();
    answered += answer->answered ? 1 : 0;
    with_alternatives += answer->alternatives.empty() ? 0 : 1;
    joining += answer->also_from.empty() ? 0 : 1;
    advisor::v1::AnswerQuestionResponse expected;
    ASSERT_TRUE(FillAnswer(*snapshot_, request, expected).ok());
    *expected.mutable_served_by() = serving_.served_by;
    const std::string token = engines::EncodeContextToken(answer->context);
    EXPECT_EQ(token, expected.context());
    EXPECT_EQ(Encode(AnswerQuestionResponseEncoder(*answer, serving_.encoded_served_by, token)),
              expected.SerializeAsString());
    context = expected.context();
  }
  // The questions reach both sides of every branch of the encoder.
  EXPECT_GE(answered, 3);
  EXPECT_LT(answered, static_cast<int>(questions.size()));
  EXPECT_GE(with_alternatives, 1);
  EXPECT_GE(joining, 1);
}

// AnswerQuestionResponseEncoder writes each field of these messages by
// hand, as MatchRoleResponseEncoder does its own.
TEST(AnswerQuestionResponseEncoderTest, KnowsEveryFieldOfItsMessages) {
  // The ninth, `explanation`, is set only when the request asks for it, and
  // WriteAnswer then uses the generated serializer instead.
  EXPECT_EQ(advisor::v1::AnswerQuestionResponse::descriptor()->field_count(), 11)
      << "AnswerQuestionResponse changed: update AnswerQuestionResponseEncoder";
  EXPECT_EQ(advisor::v1::AnswerQuestionResponse::kExplanationFieldNumber, 9);
  EXPECT_EQ(advisor::v1::FaqCandidate::descriptor()->field_count(), 5)
      << "FaqCandidate changed: update AnswerQuestionResponseEncoder";
  EXPECT_EQ(advisor::v1::AnswerSource::descriptor()->field_count(), 7)
      << "AnswerSource changed: update AnswerQuestionResponseEncoder";
  EXPECT_EQ(advisor::v1::AnswerSource::Kind_descriptor()->value_count(), 7)
      << "AnswerSource.Kind changed: update AnswerQuestionResponseEncoder's ToProto";
}

TEST_F(ResponseEncodersTest, PrebuiltGetFrameworkResponsesAreTheGeneratedSerialisation) {
  const PrebuiltResponses& prebuilt = serving_.prebuilt;
  ASSERT_FALSE(snapshot_->knowledge_base().frameworks().empty());
  for (const advisor::v1::Framework& framework : snapshot_->knowledge_base().frameworks()) {
    advisor::v1::GetFrameworkResponse expected;
    *expected.mutable_framework() = framework;
    *expected.mutable_served_by() = serving_.served_by;
    const grpc::Slice& bytes = prebuilt.GetFrameworkResponse(framework);
    EXPECT_EQ(absl::string_view(reinterpret_cast<const char*>(bytes.begin()), bytes.size()),
              expected.SerializeAsString())
        << framework.name();
  }
}

TEST_F(ResponseEncodersTest, LentMessagesSerialiseAsCopiesAndAreTakenBack) {
  const auto& frameworks = snapshot_->knowledge_base().frameworks();
  ASSERT_GE(frameworks.size(), 2);
  advisor::v1::ListFrameworksResponse copied;
  *copied.mutable_frameworks() = frameworks;
  google::protobuf::Arena arena;
  auto* response =
      google::protobuf::Arena::CreateMessage<advisor::v1::ListFrameworksResponse>(&arena);
  {
    LentMessages<advisor::v1::Framework> lent(response->mutable_frameworks());
    for (const advisor::v1::Framework& framework : frameworks) lent.Lend(framework);
    EXPECT_EQ(response->SerializeAsString(), copied.SerializeAsString());
    EXPECT_EQ(&response->frameworks(0), &frameworks.Get(0));
  }
  // Taken back: the arena's message holds none of them, the snapshot all.
  EXPECT_EQ(response->frameworks_size(), 0);
  EXPECT_EQ(frameworks.size(), copied.frameworks_size());
  EXPECT_EQ(frameworks.Get(0).name(), copied.frameworks(0).name());
}

TEST(MessageBytesTest, ParsesARequestSplitAcrossSlices) {
  advisor::v1::AnswerQuestionRequest original;
  original.set_question(std::string(3000, 'q'));
  const std::string encoded = original.SerializeAsString();
  const grpc::Slice slices[] = {grpc::Slice(encoded.data(), 10),
                                grpc::Slice(encoded.data() + 10, encoded.size() - 10)};
  const grpc::ByteBuffer bytes(slices, 2);
  advisor::v1::AnswerQuestionRequest parsed;
  ASSERT_TRUE(ParseMessage(bytes, &parsed));
  EXPECT_EQ(parsed.question(), original.question());
}

TEST(MessageBytesTest, RefusesBytesThatAreNotTheMessage) {
  advisor::v1::AnswerQuestionRequest parsed;
  const std::string truncated = "\x0a\x10only four";
  const grpc::Slice truncated_slice(truncated.data(), truncated.size());
  EXPECT_FALSE(ParseMessage(grpc::ByteBuffer(&truncated_slice, 1), &parsed));
  // Field 1 (question) holding invalid UTF-8.
  const std::string invalid_utf8 = "\x0a\x02\xc3\x28";
  const grpc::Slice invalid_slice(invalid_utf8.data(), invalid_utf8.size());
  EXPECT_FALSE(ParseMessage(grpc::ByteBuffer(&invalid_slice, 1), &parsed));
  EXPECT_EQ(UnparsableRequestStatus().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(MessageBytesTest, SerialisesIntoOneSliceThatParsesBack) {
  advisor::v1::MatchRoleRequest original;
  original.set_description("PhD student in vision");
  grpc::ByteBuffer bytes;
  SerializeMessage(original, &bytes);
  grpc::Slice single;
  ASSERT_TRUE(bytes.TrySingleSlice(&single).ok());
  advisor::v1::MatchRoleRequest parsed;
  ASSERT_TRUE(ParseMessage(bytes, &parsed));
  EXPECT_EQ(parsed.description(), original.description());
}

}  // namespace
}  // namespace advisor::api

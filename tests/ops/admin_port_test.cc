// The opt-in admin port: off by default; with --admin_port=0 a second
// server in the process offers channelz (with reflection and health), and
// channelz lists the serving server and its client sockets with the calls
// made on them, while the serving port never offers channelz.
//
// Debian ships no header for channelz.proto, so the test asks the admin
// port's reflection for it and calls channelz with dynamic messages, the
// way buf curl or grpcurl would.

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"

#include "advisor/v1/framework_service.grpc.pb.h"
#include "tests/support/call_context.h"
#include "tests/support/reflection_probe.h"
#include "tests/support/server_process.h"
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>
#include <grpcpp/completion_queue.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>

namespace advisor::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr absl::string_view kAdminPrefix = "advisor_server admin on ";
constexpr char kChannelz[] = "grpc.channelz.v1.Channelz";

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

// The next stdout line of `server`, which must announce the admin port.
absl::StatusOr<std::string> ReadAdminAddress(ServerProcess& server) {
  absl::StatusOr<std::string> line = server.process().ReadStdoutLine(kStartTimeout);
  if (!line.ok()) return line.status();
  absl::string_view address = *line;
  if (!absl::ConsumePrefix(&address, kAdminPrefix)) {
    return absl::InternalError(absl::StrCat("unexpected line: ", *line));
  }
  return std::string(address);
}

// A channelz client built from the descriptors the admin port's reflection
// sends, calling through a generic stub.
class ChannelzClient {
 public:
  explicit ChannelzClient(std::shared_ptr<grpc::Channel> channel)
      : channel_(std::move(channel)), pool_(&database_), factory_(&pool_) {}

  // Fetches channelz.proto and its imports; false (with a failure) if the
  // server cannot describe the service.
  bool Describe() {
    absl::StatusOr<std::vector<google::protobuf::FileDescriptorProto>> files =
        FileContainingSymbol(channel_, kChannelz);
    EXPECT_TRUE(files.ok()) << files.status();
    if (!files.ok()) return false;
    for (const auto& file : *files) database_.Add(file);
    return pool_.FindServiceByName(kChannelz) != nullptr;
  }

  // Calls `method` of channelz with a request whose int64 fields are
  // `fields` (name, value); the response, or null with a failure.
  std::unique_ptr<Message> Call(const std::string& method,
                                const std::vector<std::pair<std::string, int64_t>>& fields) {
    const google::protobuf::MethodDescriptor* descriptor =
        pool_.FindServiceByName(kChannelz)->FindMethodByName(method);
    EXPECT_NE(descriptor, nullptr) << method;
    if (descriptor == nullptr) return nullptr;
    std::unique_ptr<Message> request(factory_.GetPrototype(descriptor->input_type())->New());
    for (const auto& [name, value] : fields) {
      request->GetReflection()->SetInt64(request.get(),
                                         descriptor->input_type()->FindFieldByName(name), value);
    }
    grpc::GenericStub stub(channel_);
    grpc::CompletionQueue queue;
    const std::unique_ptr<grpc::ClientContext> context = CallContext();
    const std::string bytes = request->SerializeAsString();
    grpc::Slice slice(bytes);
    const grpc::ByteBuffer request_buffer(&slice, 1);
    std::unique_ptr<grpc::GenericClientAsyncResponseReader> call = stub.PrepareUnaryCall(
        context.get(), absl::StrCat("/", kChannelz, "/", method), request_buffer, &queue);
    call->StartCall();
    grpc::ByteBuffer response_buffer;
    grpc::Status status;
    int tag = 0;
    call->Finish(&response_buffer, &status, &tag);
    void* got = nullptr;
    bool ok = false;
    EXPECT_TRUE(queue.Next(&got, &ok));
    queue.Shutdown();
    void* ignored_tag = nullptr;
    bool ignored_ok = false;
    while (queue.Next(&ignored_tag, &ignored_ok)) {
    }
    EXPECT_TRUE(status.ok()) << method << ": " << status.error_message();
    if (!status.ok()) return nullptr;
    grpc::Slice single;
    EXPECT_TRUE(response_buffer.DumpToSingleSlice(&single).ok());
    std::unique_ptr<Message> response(factory_.GetPrototype(descriptor->output_type())->New());
    EXPECT_TRUE(response->ParseFromArray(single.begin(), static_cast<int>(single.size())));
    return response;
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  google::protobuf::SimpleDescriptorDatabase database_;
  google::protobuf::DescriptorPool pool_;
  google::protobuf::DynamicMessageFactory factory_;
};

const FieldDescriptor* Field(const Message& message, const std::string& name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  EXPECT_NE(field, nullptr) << message.GetDescriptor()->full_name() << "." << name;
  return field;
}

const Message& Sub(const Message& message, const std::string& name) {
  return message.GetReflection()->GetMessage(message, Field(message, name));
}

int64_t Int(const Message& message, const std::string& name) {
  const FieldDescriptor* field = Field(message, name);
  return field->cpp_type() == FieldDescriptor::CPPTYPE_INT32
             ? message.GetReflection()->GetInt32(message, field)
             : message.GetReflection()->GetInt64(message, field);
}

std::vector<const Message*> Repeated(const Message& message, const std::string& name) {
  const FieldDescriptor* field = Field(message, name);
  std::vector<const Message*> items;
  for (int i = 0; i < message.GetReflection()->FieldSize(message, field); ++i) {
    items.push_back(&message.GetReflection()->GetRepeatedMessage(message, field, i));
  }
  return items;
}

std::string Text(const Message& message) {
  std::string text;
  google::protobuf::TextFormat::PrintToString(message, &text);
  return text;
}

grpc::StatusCode GetKeras(const std::shared_ptr<grpc::Channel>& channel) {
  advisor::v1::GetFrameworkRequest request;
  request.set_name("keras");
  advisor::v1::GetFrameworkResponse response;
  return advisor::v1::FrameworkService::NewStub(channel)
      ->GetFramework(CallContext().get(), request, &response)
      .error_code();
}

TEST(AdminPortTest, ChannelzListsTheServingServerAndItsSockets) {
  std::unique_ptr<ServerProcess> server = StartServerProcess({"--admin_port=0"});
  ASSERT_NE(server, nullptr);
  absl::StatusOr<std::string> admin_address = ReadAdminAddress(*server);
  ASSERT_TRUE(admin_address.ok()) << admin_address.status();
  EXPECT_TRUE(absl::StartsWith(*admin_address, "127.0.0.1:")) << *admin_address;

  // Calls on a channel kept open, so its socket is still listed.
  const std::shared_ptr<grpc::Channel> serving = Channel(server->address());
  constexpr int kCalls = 5;
  for (int i = 0; i < kCalls; ++i) ASSERT_EQ(GetKeras(serving), grpc::StatusCode::OK);

  const std::shared_ptr<grpc::Channel> admin = Channel(*admin_address);
  absl::StatusOr<std::vector<std::string>> admin_services = ListServices(admin);
  ASSERT_TRUE(admin_services.ok()) << admin_services.status();
  EXPECT_THAT(*admin_services,
              ::testing::IsSupersetOf({kChannelz, "grpc.health.v1.Health",
                                       "grpc.reflection.v1alpha.ServerReflection"}));
  EXPECT_THAT(*admin_services, ::testing::Not(::testing::Contains("advisor.v1.FaqService")));
  grpc::health::v1::HealthCheckResponse health;
  ASSERT_TRUE(grpc::health::v1::Health::NewStub(admin)
                  ->Check(CallContext().get(), grpc::health::v1::HealthCheckRequest(), &health)
                  .ok());
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  ChannelzClient channelz(admin);
  ASSERT_TRUE(channelz.Describe());
  std::unique_ptr<Message> servers = channelz.Call("GetServers", {{"start_server_id", 0}});
  ASSERT_NE(servers, nullptr);
  // Listen sockets report the requested port (0); the serving server is
  // the one whose client sockets have the serving port as local port.
  const Message* serving_server = nullptr;
  int sockets = 0;
  int64_t streams_started = 0;
  for (const Message* listed : Repeated(*servers, "server")) {
    std::unique_ptr<Message> refs = channelz.Call(
        "GetServerSockets",
        {{"server_id", Int(Sub(*listed, "ref"), "server_id")}, {"start_socket_id", 0}});
    ASSERT_NE(refs, nullptr);
    for (const Message* ref : Repeated(*refs, "socket_ref")) {
      std::unique_ptr<Message> socket =
          channelz.Call("GetSocket", {{"socket_id", Int(*ref, "socket_id")}});
      ASSERT_NE(socket, nullptr);
      const Message& data = Sub(*socket, "socket");
      if (Int(Sub(Sub(data, "local"), "tcpip_address"), "port") != server->port()) continue;
      serving_server = listed;
      ++sockets;
      streams_started += Int(Sub(data, "data"), "streams_started");
    }
  }
  ASSERT_NE(serving_server, nullptr) << "no server has a socket on port " << server->port() << ":\n"
                                     << Text(*servers);
  const int64_t server_id = Int(Sub(*serving_server, "ref"), "server_id");
  EXPECT_GE(Int(Sub(*serving_server, "data"), "calls_started"), kCalls) << Text(*serving_server);
  EXPECT_GE(Int(Sub(*serving_server, "data"), "calls_succeeded"), kCalls);
  EXPECT_GE(streams_started, kCalls);
  std::printf(
      "channelz: serving server %lld with %lld calls started, %d socket(s) with %lld "
      "streams started\n",
      static_cast<long long>(server_id),
      static_cast<long long>(Int(Sub(*serving_server, "data"), "calls_started")), sockets,
      static_cast<long long>(streams_started));

  // The serving port never carries channelz.
  absl::StatusOr<std::vector<std::string>> serving_services = ListServices(serving);
  ASSERT_TRUE(serving_services.ok()) << serving_services.status();
  EXPECT_THAT(*serving_services, ::testing::Contains("advisor.v1.FaqService"));
  EXPECT_THAT(*serving_services, ::testing::Not(::testing::Contains(kChannelz)));
}

TEST(AdminPortTest, IsOffByDefault) {
  std::unique_ptr<ServerProcess> server = StartServerProcess();
  ASSERT_NE(server, nullptr);
  // Nothing follows the listening line: no admin port was opened.
  EXPECT_FALSE(server->process().ReadStdoutLine(absl::Milliseconds(500)).ok());
  absl::StatusOr<std::vector<std::string>> services = ListServices(Channel(server->address()));
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, ::testing::Not(::testing::Contains(kChannelz)));
}

TEST(AdminPortTest, TheEnvironmentTurnsItOn) {
  ASSERT_EQ(setenv("ADVISOR_ADMIN_PORT", "0", 1), 0);
  std::unique_ptr<ServerProcess> server = StartServerProcess();
  unsetenv("ADVISOR_ADMIN_PORT");
  ASSERT_NE(server, nullptr);
  absl::StatusOr<std::string> admin_address = ReadAdminAddress(*server);
  ASSERT_TRUE(admin_address.ok()) << admin_address.status();
  absl::StatusOr<std::vector<std::string>> services = ListServices(Channel(*admin_address));
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, ::testing::Contains(kChannelz));
}

TEST(AdminPortTest, BadAdminFlagsAreAConfigurationError) {
  for (const std::vector<std::string>& flags : std::vector<std::vector<std::string>>{
           {"--admin_port=-2"}, {"--admin_port=65536"}, {"--admin_port=0", "--admin_host="}}) {
    SCOPED_TRACE(flags[0]);
    absl::StatusOr<ServerExit> run = RunServerBinaryToExit(flags);
    ASSERT_TRUE(run.ok()) << run.status();
    EXPECT_EQ(run->exit.exit_code, 2) << run->stderr_output;
    EXPECT_THAT(run->stderr_output, ::testing::HasSubstr("admin"));
  }
}

}  // namespace
}  // namespace advisor::testing

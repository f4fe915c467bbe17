// Unit tests of the connection management flags and ConnectionPolicy: the
// production defaults, every flag reaching the policy, and the refusals of
// non-positive, out-of-range and inconsistent values. The flags' --help
// text and ADVISOR_ variables are checked on the binary in
// connection_configuration_test.cc.

#include "service/server/connection_flags.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "service/engines/snapshot.h"
#include "service/knowledge_base/knowledge_base_loader.h"
#include "service/server/advisor_server.h"
#include "service/server/connection_policy.h"

ABSL_DECLARE_FLAG(absl::Duration, keepalive_time);
ABSL_DECLARE_FLAG(absl::Duration, keepalive_timeout);
ABSL_DECLARE_FLAG(absl::Duration, keepalive_min_ping_interval);
ABSL_DECLARE_FLAG(bool, keepalive_permit_without_calls);
ABSL_DECLARE_FLAG(absl::Duration, max_connection_idle);
ABSL_DECLARE_FLAG(absl::Duration, max_connection_age);
ABSL_DECLARE_FLAG(absl::Duration, max_connection_age_grace);

namespace advisor::server {
namespace {

using ::testing::HasSubstr;

// The message of ApplyConnectionFlags after `set` changed some flags (each
// test's flags are restored afterwards).
template <typename Set>
absl::Status ApplyAfter(Set set) {
  absl::FlagSaver saver;
  set();
  AdvisorServerOptions options;
  return ApplyConnectionFlags(options);
}

TEST(ConnectionPolicyTest, DefaultsAreTheProductionOnes) {
  const ConnectionPolicy policy;
  EXPECT_EQ(policy.keepalive_time, absl::Seconds(60));
  EXPECT_EQ(policy.keepalive_timeout, absl::Seconds(20));
  EXPECT_EQ(policy.keepalive_min_ping_interval, absl::Seconds(30));
  EXPECT_TRUE(policy.keepalive_permit_without_calls);
  EXPECT_EQ(policy.max_ping_strikes, 2);
  EXPECT_EQ(policy.max_connection_idle, absl::Minutes(15));
  EXPECT_EQ(policy.max_connection_age, absl::Minutes(30));
  EXPECT_EQ(policy.max_connection_age_grace, absl::Minutes(10));
  EXPECT_TRUE(ValidateConnectionPolicy(policy).ok());
  // AdvisorServerOptions carries the same defaults.
  EXPECT_EQ(AdvisorServerOptions().connections.max_connection_age, policy.max_connection_age);
}

TEST(ConnectionPolicyTest, InfiniteSwitchesPingsIdleAndAgeLimitsOff) {
  ConnectionPolicy policy;
  policy.keepalive_time = absl::InfiniteDuration();
  policy.max_connection_idle = absl::InfiniteDuration();
  policy.max_connection_age = absl::InfiniteDuration();
  policy.max_connection_age_grace = absl::InfiniteDuration();
  EXPECT_TRUE(ValidateConnectionPolicy(policy).ok());
}

TEST(ConnectionPolicyTest, RefusesBadValuesNamingTheFlag) {
  struct Case {
    void (*change)(ConnectionPolicy&);
    const char* message;
  };
  const Case cases[] = {
      {[](ConnectionPolicy& p) { p.keepalive_time = absl::ZeroDuration(); },
       "--keepalive_time must be positive"},
      {[](ConnectionPolicy& p) { p.keepalive_timeout = absl::Seconds(-1); },
       "--keepalive_timeout must be positive"},
      {[](ConnectionPolicy& p) { p.keepalive_timeout = absl::InfiniteDuration(); },
       "--keepalive_timeout must be finite"},
      {[](ConnectionPolicy& p) { p.keepalive_min_ping_interval = absl::Microseconds(500); },
       "--keepalive_min_ping_interval must be positive (at least 1ms)"},
      {[](ConnectionPolicy& p) { p.keepalive_min_ping_interval = absl::InfiniteDuration(); },
       "--keepalive_min_ping_interval must be finite"},
      {[](ConnectionPolicy& p) { p.max_connection_idle = absl::ZeroDuration(); },
       "--max_connection_idle must be positive"},
      {[](ConnectionPolicy& p) { p.max_connection_age = absl::Hours(-1); },
       "--max_connection_age must be positive"},
      {[](ConnectionPolicy& p) { p.max_connection_age = absl::Hours(24 * 30); },
       "--max_connection_age must be under"},
      {[](ConnectionPolicy& p) { p.max_connection_age_grace = absl::ZeroDuration(); },
       "--max_connection_age_grace must be positive"},
      {[](ConnectionPolicy& p) { p.keepalive_timeout = p.keepalive_time; },
       "--keepalive_timeout (1m) must be shorter than --keepalive_time (1m)"},
      {[](ConnectionPolicy& p) { p.max_ping_strikes = -1; }, "max_ping_strikes"},
  };
  for (const Case& c : cases) {
    ConnectionPolicy policy;
    c.change(policy);
    const absl::Status status = ValidateConnectionPolicy(policy);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.message;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message));
  }
}

TEST(ConnectionFlagsTest, EveryFlagReachesThePolicy) {
  absl::FlagSaver saver;
  absl::SetFlag(&FLAGS_keepalive_time, absl::Seconds(90));
  absl::SetFlag(&FLAGS_keepalive_timeout, absl::Seconds(10));
  absl::SetFlag(&FLAGS_keepalive_min_ping_interval, absl::Seconds(5));
  absl::SetFlag(&FLAGS_keepalive_permit_without_calls, false);
  absl::SetFlag(&FLAGS_max_connection_idle, absl::Minutes(5));
  absl::SetFlag(&FLAGS_max_connection_age, absl::InfiniteDuration());
  absl::SetFlag(&FLAGS_max_connection_age_grace, absl::Seconds(30));
  AdvisorServerOptions options;
  ASSERT_TRUE(ApplyConnectionFlags(options).ok());
  const ConnectionPolicy& policy = options.connections;
  EXPECT_EQ(policy.keepalive_time, absl::Seconds(90));
  EXPECT_EQ(policy.keepalive_timeout, absl::Seconds(10));
  EXPECT_EQ(policy.keepalive_min_ping_interval, absl::Seconds(5));
  EXPECT_FALSE(policy.keepalive_permit_without_calls);
  EXPECT_EQ(policy.max_connection_idle, absl::Minutes(5));
  EXPECT_EQ(policy.max_connection_age, absl::InfiniteDuration());
  EXPECT_EQ(policy.max_connection_age_grace, absl::Seconds(30));
}

TEST(ConnectionFlagsTest, FlagDefaultsAreThePolicyDefaults) {
  AdvisorServerOptions options;
  options.connections.max_connection_age = absl::Seconds(1);  // overwritten by the flag
  ASSERT_TRUE(ApplyConnectionFlags(options).ok());
  EXPECT_EQ(options.connections.max_connection_age, ConnectionPolicy().max_connection_age);
  EXPECT_EQ(options.connections.keepalive_time, ConnectionPolicy().keepalive_time);
}

TEST(ConnectionFlagsTest, BadFlagValuesAreInvalidArgument) {
  const absl::Status zero_age =
      ApplyAfter([] { absl::SetFlag(&FLAGS_max_connection_age, absl::ZeroDuration()); });
  EXPECT_EQ(zero_age.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(zero_age.message()), HasSubstr("--max_connection_age"));
  const absl::Status inconsistent = ApplyAfter([] {
    absl::SetFlag(&FLAGS_keepalive_time, absl::Seconds(10));
    absl::SetFlag(&FLAGS_keepalive_timeout, absl::Seconds(20));
  });
  EXPECT_EQ(inconsistent.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(inconsistent.message()), HasSubstr("shorter than --keepalive_time"));
}

TEST(ConnectionFlagsTest, TheServerRefusesAnInvalidPolicyToo) {
  absl::StatusOr<v1::KnowledgeBase> knowledge_base = knowledge_base::LoadDefaultKnowledgeBase();
  ASSERT_TRUE(knowledge_base.ok()) << knowledge_base.status();
  AdvisorServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.snapshot = engines::Snapshot::Build(*std::move(knowledge_base));
  options.connections.keepalive_timeout = absl::ZeroDuration();
  const absl::StatusOr<std::unique_ptr<AdvisorServer>> server = AdvisorServer::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("--keepalive_timeout"));
}

}  // namespace
}  // namespace advisor::server

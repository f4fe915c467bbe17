#ifndef ADVISOR_TESTS_SUPPORT_REPLICAS_H_
#define ADVISOR_TESTS_SUPPORT_REPLICAS_H_

#include <string>

#include "absl/strings/string_view.h"

#include "tests/support/temp_directory.h"

// What tests that run several advisor_server replicas need: ports free on
// each replica's address, and knowledge bases that tell the replicas apart.
namespace advisor::testing {

// A port free for TCP on `host` (an IPv4 address such as 127.0.0.2) when
// asked, and for UDP too with `also_udp`; 0 if none was found.
int PickFreePort(const char* host, bool also_udp = false);

// Writes the default knowledge base with `note` added to the notes of
// framework `framework_id` into `directory` as `file_name`, so that a
// GetFramework answer names the replica that served it. Returns the file's
// path; empty when the framework is not in the knowledge base.
std::string WriteMarkedKnowledgeBase(const TempDirectory& directory, absl::string_view framework_id,
                                     absl::string_view note, absl::string_view file_name);

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_REPLICAS_H_

#include "service/server/environment_flags.h"

#include <cstdlib>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace advisor::server {

std::string FlagEnvironmentVariable(absl::string_view flag_name) {
  return absl::StrCat(kFlagEnvironmentPrefix, absl::AsciiStrToUpper(flag_name));
}

bool IsServerFlagFile(absl::string_view filename) {
  return !flags_usage::TopicOf(kServerFlagFiles, filename).empty();
}

absl::Status ApplyFlagsFromEnvironment() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (!IsServerFlagFile(flag->Filename())) continue;
    const std::string variable = FlagEnvironmentVariable(name);
    const char* value = std::getenv(variable.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat(variable, "=", value, ": ", error));
    }
  }
  return absl::OkStatus();
}

}  // namespace advisor::server

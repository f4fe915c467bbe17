#ifndef ADVISOR_CLIENT_VERSION_H_
#define ADVISOR_CLIENT_VERSION_H_

#include <string>

// ADVISOR_CLIENT_VERSION_{MAJOR,MINOR,PATCH,STRING}, configured by CMake from
// the project version.
#include "advisor/client/version_info.h"

namespace advisor::client {

// The SDK version as `MAJOR.MINOR.PATCH`, e.g. `0.1.0`.
inline std::string VersionString() { return ADVISOR_CLIENT_VERSION_STRING; }

// The SDK version as one comparable number: MAJOR * 1000000 + MINOR * 1000
// + PATCH.
constexpr int Version() {
  return ADVISOR_CLIENT_VERSION_MAJOR * 1000000 + ADVISOR_CLIENT_VERSION_MINOR * 1000 +
         ADVISOR_CLIENT_VERSION_PATCH;
}

}  // namespace advisor::client

#endif  // ADVISOR_CLIENT_VERSION_H_

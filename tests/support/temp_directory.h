#ifndef ADVISOR_TESTS_SUPPORT_TEMP_DIRECTORY_H_
#define ADVISOR_TESTS_SUPPORT_TEMP_DIRECTORY_H_

#include <string>

#include "absl/strings/string_view.h"

namespace advisor::testing {

// A directory of the test's own, <temporary directory>/advisor_<purpose>_XXXXXX
// (a unique name, so tests running at the same time never meet), removed
// with everything in it when the object goes, however the test ends: tests
// leave no files, keys or certificates behind. The temporary directory is
// GoogleTest's (TEST_TMPDIR, else /tmp). Every test file, input, log or
// certificate a test writes belongs in one. Not thread-safe.
class TempDirectory {
 public:
  // A non-fatal test failure when the directory cannot be made.
  explicit TempDirectory(absl::string_view purpose = "test");
  ~TempDirectory();

  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::string& path() const { return path_; }

  // The path of `name` inside it (which need not exist).
  std::string Path(absl::string_view name) const;

  // Writes `contents` (bytes as they are) to `name` inside it and returns the
  // path. Written aside and renamed, so a server polling the file never
  // reads half of it. A non-fatal test failure when it cannot.
  std::string Write(absl::string_view name, absl::string_view contents) const;

 private:
  std::string path_;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_SUPPORT_TEMP_DIRECTORY_H_

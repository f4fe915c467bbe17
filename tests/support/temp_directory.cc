#include "tests/support/temp_directory.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace advisor::testing {

TempDirectory::TempDirectory(absl::string_view purpose) {
  std::string base = ::testing::TempDir();
  if (base.empty() || base.back() != '/') base += '/';
  std::string pattern = absl::StrCat(base, "advisor_", purpose, "_XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "cannot make a temporary directory " << pattern;
    return;
  }
  path_ = pattern;
}

TempDirectory::~TempDirectory() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDirectory::Path(absl::string_view name) const {
  return absl::StrCat(path_, "/", name);
}

std::string TempDirectory::Write(absl::string_view name, absl::string_view contents) const {
  std::string path = Path(name);
  const std::string partial = path + ".partial";
  {
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    file.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    file.close();
    EXPECT_TRUE(file) << "cannot write " << partial;
  }
  EXPECT_EQ(std::rename(partial.c_str(), path.c_str()), 0) << "cannot rename to " << path;
  return path;
}

}  // namespace advisor::testing

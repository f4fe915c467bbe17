#include "tests/ops/secret_mount.h"

#include <filesystem>
#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"

namespace advisor::testing {

namespace fs = std::filesystem;

SecretMount::SecretMount(std::string directory, const std::map<std::string, std::string>& files)
    : directory_(std::move(directory)) {
  current_ = WriteVersion(files);
  fs::create_directory_symlink(current_, fs::path(directory_) / "..data");
  for (const auto& [name, contents] : files) {
    fs::create_symlink(fs::path("..data") / name, fs::path(directory_) / name);
  }
}

void SecretMount::Update(const std::map<std::string, std::string>& files) {
  const std::string previous = current_;
  current_ = WriteVersion(files);
  const fs::path staged = fs::path(directory_) / "..data_tmp";
  fs::create_directory_symlink(current_, staged);
  // rename(2) over the old symlink: the one atomic step.
  fs::rename(staged, fs::path(directory_) / "..data");
  fs::remove_all(fs::path(directory_) / previous);
}

std::string SecretMount::Path(const std::string& name) const {
  return (fs::path(directory_) / name).string();
}

std::string SecretMount::WriteVersion(const std::map<std::string, std::string>& files) {
  // kubelet names them ..YYYY_MM_DD_HH_MM_SS.NNNN; any unique name will do.
  std::string name = absl::StrCat("..2026_12_02_00_00_00.", ++versions_);
  const fs::path version = fs::path(directory_) / name;
  fs::create_directory(version);
  for (const auto& [file, contents] : files) {
    std::ofstream(version / file, std::ios::binary) << contents;
  }
  return name;
}

}  // namespace advisor::testing

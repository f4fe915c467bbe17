#ifndef ADVISOR_TESTS_OPS_SECRET_MOUNT_H_
#define ADVISOR_TESTS_OPS_SECRET_MOUNT_H_

#include <map>
#include <string>

namespace advisor::testing {

// A directory laid out the way kubelet mounts a Secret volume (and
// cert-manager's renewals reach a pod): each file NAME is a symlink to
// ..data/NAME, and ..data a symlink to a timestamped directory holding the
// files. Update() writes a new timestamped directory and renames a fresh
// symlink over ..data, one atomic step as kubelet's AtomicWriter takes, so
// a reader sees the old set or the new set, never a mix.
class SecretMount {
 public:
  // Creates the mount in `directory` (which must exist) with `files`
  // (name to contents); later updates must name the same files.
  SecretMount(std::string directory, const std::map<std::string, std::string>& files);

  // Swaps every file at once; the previous timestamped directory goes.
  void Update(const std::map<std::string, std::string>& files);

  // The path a reader opens: directory/name.
  std::string Path(const std::string& name) const;

 private:
  // Writes `files` into a new timestamped directory; returns its name.
  std::string WriteVersion(const std::map<std::string, std::string>& files);

  std::string directory_;
  std::string current_;
  int versions_ = 0;
};

}  // namespace advisor::testing

#endif  // ADVISOR_TESTS_OPS_SECRET_MOUNT_H_

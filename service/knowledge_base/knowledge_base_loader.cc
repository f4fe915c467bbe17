#include "service/knowledge_base/knowledge_base_loader.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

#include "service/knowledge_base/knowledge_base_validator.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace advisor::knowledge_base {
namespace {

// Knowledge bases are small hand-written files; anything this big is a
// mistake (a wrong path, say) rather than content.
constexpr off_t kMaxFileBytes = 64 << 20;

// Keeps every syntax error the text parser reports, as "line:column: message"
// with 1-based numbers (the parser's are 0-based).
class CollectingErrorCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_.push_back(absl::StrCat(line + 1, ":", column + 1, ": ", message));
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::vector<std::string> errors_;
};

// `message` with its control characters written as escapes (\n, \x01):
// problems quote the file's values, which may hold any byte a string escape
// can make, and the status has one problem per line.
std::string OneLine(absl::string_view message) {
  std::string line;
  line.reserve(message.size());
  for (const char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      line.push_back(c);
    } else if (c == '\n') {
      line += "\\n";
    } else if (c == '\r') {
      line += "\\r";
    } else if (c == '\t') {
      line += "\\t";
    } else {
      absl::StrAppendFormat(&line, "\\x%02x", byte);
    }
  }
  return line;
}

// Closes a file descriptor when it goes out of scope.
class FileCloser {
 public:
  explicit FileCloser(int fd) : fd_(fd) {}
  ~FileCloser() { close(fd_); }
  FileCloser(const FileCloser&) = delete;
  FileCloser& operator=(const FileCloser&) = delete;

 private:
  int fd_;
};

absl::Status ReadError(const std::string& path, int error_number) {
  const std::string message =
      absl::StrCat("cannot read knowledge base file \"", path, "\": ", std::strerror(error_number));
  switch (error_number) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      // EISDIR, ELOOP, EIO and the like: retrying will not help until the
      // file system changes.
      return absl::FailedPreconditionError(message);
  }
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadError(path, errno);
  const FileCloser closer(fd);
  struct stat info {};
  if (fstat(fd, &info) != 0) return ReadError(path, errno);
  if (S_ISDIR(info.st_mode)) return ReadError(path, EISDIR);
  if (info.st_size > kMaxFileBytes) {
    return absl::FailedPreconditionError(absl::StrCat("knowledge base file \"", path, "\" is ",
                                                      info.st_size, " bytes long; the limit is ",
                                                      kMaxFileBytes));
  }
  std::string contents;
  char buffer[1 << 16];
  while (true) {
    const ssize_t count = read(fd, buffer, sizeof(buffer));
    if (count < 0) {
      if (errno == EINTR) continue;
      return ReadError(path, errno);
    }
    if (count == 0) break;
    contents.append(buffer, static_cast<size_t>(count));
    if (contents.size() > static_cast<size_t>(kMaxFileBytes)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "knowledge base file \"", path, "\" is longer than the limit of ", kMaxFileBytes));
    }
  }
  return contents;
}

}  // namespace

absl::StatusOr<advisor::v1::KnowledgeBase> ParseKnowledgeBase(absl::string_view text,
                                                              absl::string_view source_name) {
  advisor::v1::KnowledgeBase knowledge_base;
  google::protobuf::TextFormat::ParseInfoTree locations;
  CollectingErrorCollector syntax_errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&syntax_errors);
  parser.WriteLocationsTo(&locations);
  if (!parser.ParseFromString(std::string(text), &knowledge_base)) {
    std::vector<std::string> lines;
    for (const std::string& error : syntax_errors.errors()) {
      lines.push_back(absl::StrCat(source_name, ":", OneLine(error)));
    }
    if (lines.empty()) lines.push_back(absl::StrCat(source_name, ": cannot be parsed"));
    return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
  }

  const std::vector<ValidationProblem> problems = ValidateKnowledgeBase(knowledge_base, &locations);
  if (!problems.empty()) {
    std::vector<std::string> lines;
    lines.reserve(problems.size());
    for (const ValidationProblem& problem : problems) {
      lines.push_back(absl::StrCat(source_name, ":", problem.line, ":", problem.column, ": ",
                                   OneLine(problem.message)));
    }
    return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
  }

  for (advisor::v1::Framework& framework : *knowledge_base.mutable_frameworks()) {
    framework.set_name(absl::StrCat("frameworks/", framework.id()));
  }
  return knowledge_base;
}

absl::StatusOr<advisor::v1::KnowledgeBase> LoadKnowledgeBaseFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseKnowledgeBase(*text, path);
}

absl::StatusOr<advisor::v1::KnowledgeBase> LoadDefaultKnowledgeBase() {
  return ParseKnowledgeBase(DefaultKnowledgeBaseText(), "<embedded default knowledge base>");
}

absl::StatusOr<advisor::v1::KnowledgeBase> LoadKnowledgeBaseFileOrDefault(const std::string& path) {
  if (path.empty()) return LoadDefaultKnowledgeBase();
  return LoadKnowledgeBaseFile(path);
}

}  // namespace advisor::knowledge_base

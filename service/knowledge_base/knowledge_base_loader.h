#ifndef ADVISOR_SERVICE_KNOWLEDGE_BASE_KNOWLEDGE_BASE_LOADER_H_
#define ADVISOR_SERVICE_KNOWLEDGE_BASE_KNOWLEDGE_BASE_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::knowledge_base {

// Parses a knowledge base in protobuf text format with protobuf's own
// parser, validates it (see knowledge_base_validator.h) and fills derived
// fields (Framework.name = "frameworks/{id}"). On failure the status is
// INVALID_ARGUMENT and its message reads "<source_name>:<line>:<column>:
// <problem>" for each problem found, one per line.
absl::StatusOr<advisor::v1::KnowledgeBase> ParseKnowledgeBase(absl::string_view text,
                                                              absl::string_view source_name);

// Reads and parses a knowledge base file. NOT_FOUND / PERMISSION_DENIED when
// it cannot be read; otherwise as ParseKnowledgeBase, naming the path.
absl::StatusOr<advisor::v1::KnowledgeBase> LoadKnowledgeBaseFile(const std::string& path);

// The knowledge base embedded in the binary at build time.
absl::StatusOr<advisor::v1::KnowledgeBase> LoadDefaultKnowledgeBase();

// The knowledge base file at `path`, or the embedded one when `path` is
// empty (as a --knowledge_base flag left unset means).
absl::StatusOr<advisor::v1::KnowledgeBase> LoadKnowledgeBaseFileOrDefault(const std::string& path);

// The embedded knowledge base's text, as built in.
absl::string_view DefaultKnowledgeBaseText();

}  // namespace advisor::knowledge_base

#endif  // ADVISOR_SERVICE_KNOWLEDGE_BASE_KNOWLEDGE_BASE_LOADER_H_

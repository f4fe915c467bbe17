#ifndef ADVISOR_SERVICE_KNOWLEDGE_BASE_KNOWLEDGE_BASE_VALIDATOR_H_
#define ADVISOR_SERVICE_KNOWLEDGE_BASE_KNOWLEDGE_BASE_VALIDATOR_H_

#include <string>
#include <vector>

#include "google/protobuf/text_format.h"

#include "advisor/v1/knowledge_base.pb.h"

namespace advisor::knowledge_base {

// One rule a knowledge base breaks, and where.
struct ValidationProblem {
  // 1-based position of the offending field in the text; 0 when unknown
  // (the knowledge base was not parsed from text).
  int line = 0;
  int column = 0;
  std::string message;
};

// Checks the rules the engines rely on: a version; at least one framework;
// framework ids unique and matching [a-z][a-z0-9_-]*; display names and
// summaries present; ids, display names and aliases unique
// case-insensitively across all frameworks; `name` left empty (output
// only); hiring patterns with unique ids, a known framework, a title, a
// reason and signals with a phrase and a weight in (0, 2]; learning steps
// naming known frameworks; insights about two or more known frameworks;
// FAQ entries with unique ids, a question and an answer; synonym groups
// with a canonical term and at least one term; documents (at most 10000)
// with unique ids matching [a-z][a-z0-9_-]*, a title, a source url (when
// set) starting with http:// or https://, and one to 1000 sections of at
// least one paragraph each, none blank or longer than 8192 bytes. Every
// string, at any depth, must be valid UTF-8.
//
// Returns every problem found, ordered by position; empty when the
// knowledge base is valid. `locations` (may be null) is the tree the text
// parser filled, used to name the line and column of each problem.
std::vector<ValidationProblem> ValidateKnowledgeBase(
    const advisor::v1::KnowledgeBase& knowledge_base,
    const google::protobuf::TextFormat::ParseInfoTree* locations);

// The document rules above for one document on its own (say, one about to
// be added to a knowledge base), so that whatever passes is accepted in any
// knowledge base where its id is free. Problems carry no position.
std::vector<ValidationProblem> ValidateDocument(const advisor::v1::Document& document);

}  // namespace advisor::knowledge_base

#endif  // ADVISOR_SERVICE_KNOWLEDGE_BASE_KNOWLEDGE_BASE_VALIDATOR_H_

#ifndef ADVISOR_CLIENT_INTERNAL_ORDERED_ANSWERS_H_
#define ADVISOR_CLIENT_INTERNAL_ORDERED_ANSWERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/types/span.h"

#include "advisor/client/client.h"
#include "advisor/client/connection.h"

namespace advisor::client_internal {

// AdvisorClient::ForEachAnswer: answers `questions` over one stream of
// `connection`, at most `window` unanswered at a time, handing answers to
// `sink` in input order on the calling thread. Request ids are the
// questions' indexes in decimal.
absl::Status AnswerInOrder(client::AdvisorConnection& connection,
                           absl::Span<std::string const> questions, int window,
                           const client::AnswerSink& sink);

}  // namespace advisor::client_internal

#endif  // ADVISOR_CLIENT_INTERNAL_ORDERED_ANSWERS_H_

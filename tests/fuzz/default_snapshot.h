#ifndef ADVISOR_TESTS_FUZZ_DEFAULT_SNAPSHOT_H_
#define ADVISOR_TESTS_FUZZ_DEFAULT_SNAPSHOT_H_

#include <memory>

#include "service/engines/snapshot.h"

namespace advisor::fuzz {

// The engines over the knowledge base built into the server, built on
// first use and kept for the whole fuzzing run.
std::shared_ptr<const engines::Snapshot> DefaultSnapshot();

}  // namespace advisor::fuzz

#endif  // ADVISOR_TESTS_FUZZ_DEFAULT_SNAPSHOT_H_

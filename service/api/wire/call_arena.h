#ifndef ADVISOR_SERVICE_API_WIRE_CALL_ARENA_H_
#define ADVISOR_SERVICE_API_WIRE_CALL_ARENA_H_

#include <cstddef>

#include "google/protobuf/arena.h"

namespace advisor::api {

// A protobuf arena for the messages of one call, whose first block lives
// inside the object (on the handler's stack): a request and its response
// are built with no heap allocation for a typical call, and freed at once
// instead of field by field. Larger calls (batches) spill to the heap.
class CallArena {
 public:
  CallArena() : arena_(Options(first_block_, sizeof(first_block_))) {}

  CallArena(const CallArena&) = delete;
  CallArena& operator=(const CallArena&) = delete;

  // A new, empty message that lives as long as the arena.
  template <typename Message>
  Message* Create() {
    return google::protobuf::Arena::CreateMessage<Message>(&arena_);
  }

 private:
  static constexpr size_t kFirstBlockBytes = 8 * 1024;

  static google::protobuf::ArenaOptions Options(char* block, size_t size) {
    google::protobuf::ArenaOptions options;
    options.initial_block = block;
    options.initial_block_size = size;
    return options;
  }

  // Declared before arena_, which is built over it.
  alignas(std::max_align_t) char first_block_[kFirstBlockBytes];
  google::protobuf::Arena arena_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_WIRE_CALL_ARENA_H_

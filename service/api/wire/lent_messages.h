#ifndef ADVISOR_SERVICE_API_WIRE_LENT_MESSAGES_H_
#define ADVISOR_SERVICE_API_WIRE_LENT_MESSAGES_H_

#include "google/protobuf/arena.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace advisor::api {

// Lends messages owned elsewhere (the snapshot's) to a repeated field of a
// message on an arena, so that serialising a response costs no copies, and
// takes them back when it goes out of scope, on every path: the field must
// never free or outlive what it does not own. The field must be empty when
// lent to, and the guard must go before the arena and the lent messages.
// Sharing is safe as long as nobody writes through the field: serialising
// a const message is thread-safe.
template <typename Message>
class LentMessages {
 public:
  explicit LentMessages(google::protobuf::RepeatedPtrField<Message>* field) : field_(field) {}
  ~LentMessages() { field_->UnsafeArenaExtractSubrange(0, field_->size(), nullptr); }

  LentMessages(const LentMessages&) = delete;
  LentMessages& operator=(const LentMessages&) = delete;

  void Reserve(int count) { field_->Reserve(count); }
  void Lend(const Message& message) {
    // The field only reads through the pointer (see above).
    field_->UnsafeArenaAddAllocated(const_cast<Message*>(&message));
  }

 private:
  google::protobuf::RepeatedPtrField<Message>* const field_;
};

}  // namespace advisor::api

#endif  // ADVISOR_SERVICE_API_WIRE_LENT_MESSAGES_H_

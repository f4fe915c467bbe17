// Must not compile: the engines link only the messages, so the generated
// service headers are not on their include path (tests/build).
#include "advisor/v1/faq_service.grpc.pb.h"

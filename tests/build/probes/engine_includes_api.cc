// Must not compile: the engines do not link the api layer, so its headers
// are not on their include path (tests/build).
#include "service/api/snapshot_source.h"

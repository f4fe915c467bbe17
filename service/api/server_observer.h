#ifndef ADVISOR_SERVICE_API_SERVER_OBSERVER_H_
#define ADVISOR_SERVICE_API_SERVER_OBSERVER_H_

// ServerObserver lives in service/observer (target advisor_server_observer),
// so that gRPC-free layers can implement it; this path is kept for the api
// and the server.
#include "service/observer/server_observer.h"  // IWYU pragma: export

#endif  // ADVISOR_SERVICE_API_SERVER_OBSERVER_H_

#ifndef ADVISOR_TESTS_METRICS_RAW_HTTP_H_
#define ADVISOR_TESTS_METRICS_RAW_HTTP_H_

#include <string>

namespace advisor::metrics {

// Sends one HTTP/1.1 request (asking the server to close the connection) to
// 127.0.0.1:`port` over a plain socket and returns the whole raw response,
// status line and headers included; empty when the connection fails.
std::string RawHttpRequest(int port, const std::string& method, const std::string& path);

}  // namespace advisor::metrics

#endif  // ADVISOR_TESTS_METRICS_RAW_HTTP_H_

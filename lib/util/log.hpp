// Logging through spdlog's logger named "awscoro", which the application configures (level,
// sinks). Debug lines name the operation, attempt, method and URL path: never a header value, a
// query string or a body, so no signature, token or key can reach a log.
#pragma once

#include <string_view>

#include <awscoro/http_message.hpp>

namespace awscoro::detail {

bool debug_logging_enabled();
void log_debug(std::string_view message);
void log_attempt(std::string_view operation, int attempt, http_request const& request);
void log_retry(std::string_view operation, int attempt, double delay_seconds);

}  // namespace awscoro::detail

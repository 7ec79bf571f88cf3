#include "util/log.hpp"

#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace awscoro::detail {
namespace {

std::shared_ptr<spdlog::logger> logger() {
  static std::shared_ptr<spdlog::logger> const instance = [] {
    if (auto existing = spdlog::get("awscoro")) return existing;
    auto created = spdlog::stderr_color_mt("awscoro");
    created->set_level(spdlog::level::warn);
    return created;
  }();
  return instance;
}

}  // namespace

bool debug_logging_enabled() { return logger()->should_log(spdlog::level::debug); }

void log_debug(std::string_view message) { logger()->debug("{}", message); }

void log_attempt(std::string_view operation, int attempt, http_request const& request) {
  if (!debug_logging_enabled()) return;
  logger()->debug("{} attempt {}: {} {}://{}{}", operation, attempt, request.method, request.scheme,
                  request.authority(), request.path);
}

void log_retry(std::string_view operation, int attempt, double delay_seconds) {
  logger()->debug("{} attempt {} failed with a retryable error; retrying in {:.3f} s", operation, attempt,
                  delay_seconds);
}

}  // namespace awscoro::detail

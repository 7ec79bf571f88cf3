// Runs a program and collects its output without blocking the event loop: posix_spawnp with
// pipes read through asio stream descriptors; the exit status is polled once both pipes close.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "config/error_info.hpp"

namespace awscoro::detail {

struct process_output {
  int exit_code = -1;  // the exit status, or -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs argv[0] (searched on PATH) with `argv`. The child is killed after `limit`.
// Errors: credential_provider when it cannot be started or times out (naming the program).
boost::asio::awaitable<config_result<process_output>> run_child_process(std::vector<std::string> argv,
                                                                        std::chrono::milliseconds limit);

// Splits a command line as POSIX shlex.split does (botocore's compat_shell_split): quotes,
// backslash escapes, whitespace. nullopt when a quote is not closed.
std::optional<std::vector<std::string>> shell_split(std::string_view command);

}  // namespace awscoro::detail

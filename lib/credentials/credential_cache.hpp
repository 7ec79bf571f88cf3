// Credentials that expire, refreshed safely under concurrency (botocore's RefreshableCredentials).
//
// Windows, as botocore: within 15 minutes of expiry (advisory) a refresh is attempted, but if it
// fails, or another refresh is already running, the current still-valid credentials are used;
// within 10 minutes (mandatory), or with nothing cached, callers wait for the refresh and its
// error is theirs. However many callers ask at once, at most one refresh is in flight: the rest
// wait for its result.
//
// Thread safety: use from one executor (the session's), as the HTTP client.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class credential_cache {
 public:
  using loader = std::function<boost::asio::awaitable<credential_result>()>;
  using clock_fn = std::function<std::chrono::system_clock::time_point()>;

  static constexpr std::chrono::seconds advisory_window{15 * 60};
  static constexpr std::chrono::seconds mandatory_window{10 * 60};

  explicit credential_cache(loader load, clock_fn now = {});
  ~credential_cache();

  // Current credentials (nullopt: the loader found none), refreshed per the windows above.
  boost::asio::awaitable<credential_result> get();

  // How many times the loader ran.
  std::size_t refresh_count() const;

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace awscoro::detail

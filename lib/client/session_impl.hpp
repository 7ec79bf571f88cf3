// The session's shared state: the executor, session-wide event handlers, the configuration
// read from the environment and the shared files (once, off the loop), and the credentials
// resolved through the provider chain (once, then refreshed when they expire).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <awscoro/credentials.hpp>
#include <awscoro/events.hpp>
#include <awscoro/session.hpp>

#include "client/session_config.hpp"
#include "config/error_info.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

class credential_chain;
class credential_cache;
struct aws_call;

class session_impl : public std::enable_shared_from_this<session_impl> {
 public:
  session_impl(boost::asio::any_io_executor ex, session_options options);
  ~session_impl();

  boost::asio::awaitable<client> create_client(std::string service, client_options options);
  boost::asio::awaitable<credentials> get_credentials();

  boost::asio::any_io_executor executor() const { return executor_; }
  event_emitter& events() { return events_; }
  std::string const& profile() const { return profile_; }

  // Now, corrected by the clock skew a response revealed.
  timestamp_us clock_now() const { return now_us() + skew_us_.load(std::memory_order_relaxed); }
  void set_clock_skew(timestamp_us skew) { skew_us_.store(skew, std::memory_order_relaxed); }

 private:
  boost::asio::awaitable<std::shared_ptr<session_config const>> config();
  // One AWS call for a credential provider (STS, SSO): a client from a fresh session that signs
  // with the call's credentials (or not at all), same profile, so endpoints resolve as usual.
  static boost::asio::awaitable<config_result<boost::json::object>> call_for_credentials(
      std::weak_ptr<session_impl> weak, aws_call call);

  boost::asio::any_io_executor executor_;
  session_options options_;
  std::string profile_;
  event_emitter events_;
  std::mutex mutex_;
  std::shared_ptr<session_config const> config_;
  std::shared_ptr<credential_chain> chain_;
  std::shared_ptr<credential_cache> credential_cache_;
  std::atomic<timestamp_us> skew_us_{0};
};

}  // namespace awscoro::detail

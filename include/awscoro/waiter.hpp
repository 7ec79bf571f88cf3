// Waiters: poll an operation until its response reaches a state (botocore's Waiter).
//
//   co_await s3.get_waiter("bucket_exists").wait(params, {.delay = 1.0, .max_attempts = 10});
//
// \par botocore
// botocore/waiter.py: acceptors path, pathAll, pathAny, status and error, each with state
// success, failure or retry, checked in order on each response (service errors included);
// the reasons in waiter_error are botocore's.
//
// create_client reads the service's waiters-2.json off the event loop (once per process);
// get_waiter only compiles it, on first use, and looks it up afterwards.
#pragma once

#include <optional>
#include <string>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <awscoro/error.hpp>

namespace awscoro {

namespace detail {
class waiter_impl;
struct waiter_access;
}  // namespace detail

// botocore's WaiterConfig. A "WaiterConfig" object inside the params ({"Delay", "MaxAttempts"})
// is read too; fields set here win over it. Unset fields take the waiter model's values.
struct waiter_config {
  std::optional<double> delay;       // seconds between attempts
  std::optional<int> max_attempts;   // attempts before giving up
};

// The waiter reached a failure state, met an error no acceptor expected, or ran out of
// attempts. what() is botocore's "Waiter NAME failed: REASON".
class waiter_error : public error_base {
 public:
  waiter_error(std::string name, std::string reason, boost::json::object last_response);
  std::string const& name() const noexcept { return name_; }
  std::string const& reason() const noexcept { return reason_; }
  // The last response, or for a service error its parsed error response ({"Error": ...}).
  boost::json::object const& last_response() const noexcept { return last_response_; }

 private:
  std::string name_;
  std::string reason_;
  boost::json::object last_response_;
};

class waiter {
 public:
  // Calls the waiter's operation with `params` until an acceptor says success (returns) or
  // failure (throws waiter_error), sleeping `delay` seconds between attempts on a steady_timer.
  // Throws waiter_error after max_attempts, and what client::call throws for failures that
  // are not service errors. Cancellation: terminal, through the awaiting coroutine (the
  // current call or the sleep is cancelled).
  boost::asio::awaitable<void> wait(boost::json::object params = {}, waiter_config config = {}) const;

  std::string const& name() const;            // the model's name: "BucketExists"
  std::string const& operation_name() const;  // "HeadBucket"
  double delay() const;                       // the model's defaults
  int max_attempts() const;

 private:
  friend struct detail::waiter_access;
  std::shared_ptr<detail::waiter_impl const> impl_;
};

}  // namespace awscoro

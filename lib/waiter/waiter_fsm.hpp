// botocore's Waiter.wait loop as a sans-io state machine: fed the response of each attempt (a
// service error's parsed error response included), it says succeed, fail with a reason, or
// try again after the delay. The caller performs calls and sleeps (waiter.cpp).
#pragma once

#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "waiter/waiter_model.hpp"

namespace awscoro::detail {

struct waiter_decision {
  enum kind_t { retry, success, failure } kind = retry;
  std::string reason;  // for failure: botocore's WaiterError reason
};

class waiter_fsm {
 public:
  waiter_fsm(waiter_spec const& spec, int max_attempts) : spec_(&spec), max_attempts_(max_attempts) {}

  waiter_decision on_response(boost::json::object const& response);
  int attempts() const noexcept { return attempts_; }

 private:
  waiter_spec const* spec_;
  int max_attempts_;
  int attempts_ = 0;
  waiter_state state_ = waiter_state::retry;  // "waiting" until an acceptor matches
  acceptor_spec const* last_matched_ = nullptr;
};

// Whether `acceptor` matches `response` (AcceptorConfig.matcher_func).
bool acceptor_matches(acceptor_spec const& acceptor, boost::json::value const& response);
// AcceptorConfig.explanation, worded as botocore words it.
std::string explanation(acceptor_spec const& acceptor);
// Python's == on JSON values: numbers compare by value (bools as 0 and 1).
bool python_equal(boost::json::value const& a, boost::json::value const& b);

}  // namespace awscoro::detail

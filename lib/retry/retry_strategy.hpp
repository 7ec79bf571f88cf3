// Retry decisions, sans I/O: after each attempt the client describes what happened and the
// strategy answers whether to try again and after what delay.
//
// Two modes, as botocore has them:
//  - legacy (botocore's default): the policies of _retry.json for the service (its
//    __default__ merged over the global one, plus the operation's own), max_attempts 5 unless the
//    service says otherwise, delay rand() * 2^(attempt-1) (or base * 2^(attempt-1)).
//  - standard: max_attempts 3, retries transient errors (500/502/503/504, RequestTimeout...,
//    connection errors), throttling codes and modeled retryable errors; delay
//    rand() * min(2^(attempt-1), 20) s; a retry quota (token bucket of 500 shared by the client:
//    a retry costs 5, 10 after a timeout; a success returns what its call took, or 1).
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace awscoro::detail {

// What one attempt ended with.
struct attempt_outcome {
  unsigned http_status = 0;          // 0: no response (transport failure)
  std::string_view error_code;       // the service's error code, if any
  bool connection_error = false;     // connect/DNS/closed/reset: botocore's GENERAL_CONNECTION_ERROR
  bool timeout = false;              // connect or read timeout (also a connection error)
  bool crc32_mismatch = false;       // the x-amz-crc32 header does not match the body
  bool modeled_retryable = false;    // the error shape carries the retryable trait
  bool modeled_throttling = false;   // ... with throttling: true
  bool clock_skew_corrected = false; // a clock-skew error whose Date header corrected the clock
};

// The outcome of an attempt that failed without a response: connection failures (botocore's
// GENERAL_CONNECTION_ERROR) and timeouts may be retried; TLS failures, cancellation and any
// exception that is not an awscoro transport error leave `outcome` retry-free.
void classify_attempt_failure(std::exception_ptr const& failure, attempt_outcome& outcome);

struct retry_decision {
  bool retry = false;
  double delay_seconds = 0;
  bool max_attempts_reached = false;  // the outcome was retryable but the attempts ran out
  bool quota_exhausted = false;       // standard mode: the retry quota ran out
  int quota_acquired = 0;             // capacity taken for this retry (standard mode)
};

// The retry quota of standard mode, shared by every call of one client.
class retry_quota {
 public:
  explicit retry_quota(int capacity = 500) : max_(capacity), available_(capacity) {}
  bool acquire(int amount);
  void release(int amount);
  int available() const;

 private:
  mutable std::mutex mutex_;
  int max_;
  int available_;
};

class retry_strategy {
 public:
  virtual ~retry_strategy() = default;
  // `attempt` is the 1-based number of the attempt that just ended with `outcome`.
  virtual retry_decision decide(int attempt, attempt_outcome const& outcome) = 0;
  // The call succeeded; `last_acquired` is the quota the last retry took (0 if none).
  virtual void on_success(int last_acquired) = 0;
  virtual int max_attempts() const = 0;
};

using random_source = std::function<double()>;  // uniform in [0, 1)

random_source default_random();

bool is_throttling_code(std::string_view code);
bool is_transient_code(std::string_view code);

std::unique_ptr<retry_strategy> make_standard_retry(int max_attempts, std::shared_ptr<retry_quota> quota,
                                                    random_source random = default_random());

// `retry_model` is _retry.json; `endpoint_prefix` picks the service's section; a `max_attempts`
// of -1 keeps the model's. Throws nothing: a malformed model yields the global defaults.
std::unique_ptr<retry_strategy> make_legacy_retry(boost::json::object const& retry_model, std::string_view endpoint_prefix,
                                                  std::string_view operation, int max_attempts,
                                                  random_source random = default_random());

}  // namespace awscoro::detail

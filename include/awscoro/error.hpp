// Errors: error codes underneath, exceptions at the edge.
//
// Every failure has an `awscoro::error` code (what went wrong on the client side, or
// `service_error` when AWS answered with an error) and maps to an `awscoro::condition` that
// callers branch on (`retryable`, `throttling`, `timeout`, `not_sent`, `service`). The coroutine
// API throws the exception type that matches the code; every exception derives from
// `awscoro::error_base` and keeps its code in `error()`.
#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>

#include <boost/json/object.hpp>
#include <boost/system/error_code.hpp>

namespace awscoro {

enum class error {
  param_validation = 1,  // the parameters do not match the operation's input shape
  unknown_service,       // no model for the service name
  unknown_operation,     // the service has no such operation
  model_load,            // a model file is missing, unreadable or malformed
  invalid_config,        // a client option or config value is invalid
  no_credentials,        // no provider in the chain supplied credentials
  partial_credentials,   // an access key without a secret key, or the reverse
  credential_provider,   // a provider failed (bad file, process exit, metadata service error)
  endpoint_resolution,   // the endpoint could not be resolved (the rule set's error message)
  serialization,         // the request could not be built (missing host label, bad value)
  connect_failed,        // TCP connect failed or was refused (request not sent)
  dns_failure,           // the host name did not resolve (request not sent)
  tls_failure,           // TLS handshake or certificate verification failed (request not sent)
  connect_timeout,       // no connection within connect_timeout (request not sent)
  read_timeout,          // no response data within read_timeout (request possibly sent)
  connection_closed,     // the peer closed or reset the connection mid-exchange
  parse,                 // the response could not be parsed
  body_too_large,        // a response body exceeded the configured limit
  service_error,         // AWS answered with an error response: see the diagnostics
  cancelled,             // the operation was cancelled
  flexible_checksum,     // a request checksum could not be made, or a response's did not match
  missing_dependency,    // the requested feature needs a library this build does not have
};

enum class condition {
  retryable = 1,  // a retry may succeed
  throttling,     // the service asked the client to slow down
  timeout,        // connect or read timeout
  not_sent,       // the request certainly did not reach the server
  service,        // the service answered with an error
};

boost::system::error_category const& error_category() noexcept;
boost::system::error_category const& condition_category() noexcept;

inline boost::system::error_code make_error_code(error e) noexcept {
  return {static_cast<int>(e), error_category()};
}
inline boost::system::error_condition make_error_condition(condition c) noexcept {
  return {static_cast<int>(c), condition_category()};
}

// What a code cannot carry: the message, and for service errors the AWS error code string,
// request id, HTTP status, retry count and botocore's parsed error response.
struct diagnostics {
  std::string message;
  std::string code;        // "NoSuchBucket"; empty for client-side failures
  std::string operation;   // "HeadBucket"
  std::string request_id;
  unsigned http_status = 0;
  int retry_attempts = 0;
  bool max_attempts_reached = false;  // the retry budget ran out on a retryable error
  boost::json::object response;  // {"Error": {...}, "ResponseMetadata": {...}, modeled fields}
};

// Base of every awscoro exception.
class error_base : public std::runtime_error {
 public:
  error_base(boost::system::error_code ec, std::string const& what) : std::runtime_error(what), ec_(ec) {}
  boost::system::error_code error() const noexcept { return ec_; }

 private:
  boost::system::error_code ec_;
};

// AWS answered with an error: botocore's ClientError.
// what() is "An error occurred (CODE) when calling the OP operation: MESSAGE".
class client_error : public error_base {
 public:
  explicit client_error(diagnostics d);
  std::string const& code() const noexcept { return d_.code; }
  std::string const& message() const noexcept { return d_.message; }
  std::string const& operation_name() const noexcept { return d_.operation; }
  std::string const& request_id() const noexcept { return d_.request_id; }
  unsigned http_status() const noexcept { return d_.http_status; }
  boost::json::object const& response() const noexcept { return d_.response; }
  diagnostics const& diag() const noexcept { return d_; }

 private:
  diagnostics d_;
};

#define AWSCORO_DEFINE_ERROR(name)                                                        \
  class name : public error_base {                                                        \
   public:                                                                                \
    using error_base::error_base;                                                         \
  };
AWSCORO_DEFINE_ERROR(param_validation_error)
AWSCORO_DEFINE_ERROR(unknown_service_error)
AWSCORO_DEFINE_ERROR(unknown_operation_error)
AWSCORO_DEFINE_ERROR(model_error)
AWSCORO_DEFINE_ERROR(config_error)
AWSCORO_DEFINE_ERROR(no_credentials_error)
AWSCORO_DEFINE_ERROR(credentials_error)
AWSCORO_DEFINE_ERROR(endpoint_error)
AWSCORO_DEFINE_ERROR(serialization_error)
AWSCORO_DEFINE_ERROR(http_error)  // connect, DNS, TLS, timeouts, closed connections
AWSCORO_DEFINE_ERROR(parse_error)
AWSCORO_DEFINE_ERROR(flexible_checksum_error)     // botocore's FlexibleChecksumError
AWSCORO_DEFINE_ERROR(missing_dependency_error)    // botocore's MissingDependencyException
#undef AWSCORO_DEFINE_ERROR

// Throws the exception type that matches `ec`, with `d.message` as its text (client_error for
// service_error). Never returns.
[[noreturn]] void throw_error(boost::system::error_code ec, diagnostics d);
// The same, as an exception_ptr, for completion handlers.
std::exception_ptr make_exception(boost::system::error_code ec, diagnostics d);

}  // namespace awscoro

template <>
struct boost::system::is_error_code_enum<awscoro::error> : std::true_type {};
template <>
struct boost::system::is_error_condition_enum<awscoro::condition> : std::true_type {};

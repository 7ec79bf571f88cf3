// awscoro's error category, condition category and exception mapping.
#include <awscoro/error.hpp>

namespace awscoro {
namespace {

class error_category_impl final : public boost::system::error_category {
 public:
  char const* name() const noexcept override { return "awscoro"; }

  std::string message(int ev) const override {
    switch (static_cast<error>(ev)) {
      case error::param_validation: return "parameter validation failed";
      case error::unknown_service: return "unknown service";
      case error::unknown_operation: return "unknown operation";
      case error::model_load: return "model could not be loaded";
      case error::invalid_config: return "invalid configuration";
      case error::no_credentials: return "unable to locate credentials";
      case error::partial_credentials: return "partial credentials";
      case error::credential_provider: return "credential provider failed";
      case error::endpoint_resolution: return "endpoint resolution failed";
      case error::serialization: return "request serialization failed";
      case error::connect_failed: return "could not connect to the endpoint";
      case error::dns_failure: return "host name did not resolve";
      case error::tls_failure: return "TLS handshake failed";
      case error::connect_timeout: return "connect timeout";
      case error::read_timeout: return "read timeout";
      case error::connection_closed: return "connection closed";
      case error::parse: return "response could not be parsed";
      case error::body_too_large: return "response body too large";
      case error::service_error: return "service returned an error";
      case error::cancelled: return "operation cancelled";
      case error::flexible_checksum: return "flexible checksum error";
      case error::missing_dependency: return "missing dependency";
    }
    return "unknown awscoro error";
  }

  boost::system::error_condition default_error_condition(int ev) const noexcept override {
    switch (static_cast<error>(ev)) {
      case error::connect_failed:
      case error::dns_failure:
      case error::tls_failure:
        return make_error_condition(condition::not_sent);
      case error::connect_timeout:
      case error::read_timeout:
        return make_error_condition(condition::timeout);
      case error::connection_closed:
        return make_error_condition(condition::retryable);
      case error::service_error:
        return make_error_condition(condition::service);
      default:
        return {ev, *this};
    }
  }

  bool equivalent(int ev, boost::system::error_condition const& cond) const noexcept override {
    if (cond.category() != condition_category()) return default_error_condition(ev) == cond;
    auto e = static_cast<error>(ev);
    switch (static_cast<condition>(cond.value())) {
      case condition::retryable:
        return e == error::connect_failed || e == error::connect_timeout || e == error::read_timeout ||
               e == error::connection_closed || e == error::dns_failure;
      case condition::timeout:
        return e == error::connect_timeout || e == error::read_timeout;
      case condition::not_sent:
        return e == error::connect_failed || e == error::dns_failure || e == error::tls_failure ||
               e == error::connect_timeout || e == error::param_validation || e == error::unknown_operation ||
               e == error::no_credentials || e == error::endpoint_resolution || e == error::serialization;
      case condition::service:
        return e == error::service_error;
      case condition::throttling:
        return false;  // decided from the service's error code, see retry
    }
    return false;
  }
};

class condition_category_impl final : public boost::system::error_category {
 public:
  char const* name() const noexcept override { return "awscoro.condition"; }
  std::string message(int ev) const override {
    switch (static_cast<condition>(ev)) {
      case condition::retryable: return "retryable";
      case condition::throttling: return "throttling";
      case condition::timeout: return "timeout";
      case condition::not_sent: return "request not sent";
      case condition::service: return "service error";
    }
    return "unknown condition";
  }
};

}  // namespace

boost::system::error_category const& error_category() noexcept {
  static error_category_impl const c;
  return c;
}

boost::system::error_category const& condition_category() noexcept {
  static condition_category_impl const c;
  return c;
}

namespace {
std::string client_error_text(diagnostics const& d) {
  return "An error occurred (" + (d.code.empty() ? std::string("Unknown") : d.code) + ") when calling the " +
         d.operation + " operation" + (d.max_attempts_reached ? " (reached max retries: " + std::to_string(d.retry_attempts) + ")" : "") +
         ": " + d.message;
}
}  // namespace

client_error::client_error(diagnostics d)
    : error_base(make_error_code(error::service_error), client_error_text(d)), d_(std::move(d)) {}

std::exception_ptr make_exception(boost::system::error_code ec, diagnostics d) {
  if (ec.category() != error_category()) {
    std::string what = d.message.empty() ? ec.message() : d.message;
    if (ec == boost::system::errc::operation_canceled) return std::make_exception_ptr(http_error(ec, what));
    return std::make_exception_ptr(http_error(ec, what));
  }
  std::string what = d.message.empty() ? ec.message() : d.message;
  switch (static_cast<error>(ec.value())) {
    case error::service_error: return std::make_exception_ptr(client_error(std::move(d)));
    case error::param_validation: return std::make_exception_ptr(param_validation_error(ec, what));
    case error::unknown_service: return std::make_exception_ptr(unknown_service_error(ec, what));
    case error::unknown_operation: return std::make_exception_ptr(unknown_operation_error(ec, what));
    case error::model_load: return std::make_exception_ptr(model_error(ec, what));
    case error::invalid_config: return std::make_exception_ptr(config_error(ec, what));
    case error::no_credentials: return std::make_exception_ptr(no_credentials_error(ec, what));
    case error::partial_credentials:
    case error::credential_provider: return std::make_exception_ptr(credentials_error(ec, what));
    case error::endpoint_resolution: return std::make_exception_ptr(endpoint_error(ec, what));
    case error::serialization: return std::make_exception_ptr(serialization_error(ec, what));
    case error::parse:
    case error::body_too_large: return std::make_exception_ptr(parse_error(ec, what));
    case error::flexible_checksum: return std::make_exception_ptr(flexible_checksum_error(ec, what));
    case error::missing_dependency: return std::make_exception_ptr(missing_dependency_error(ec, what));
    default: return std::make_exception_ptr(http_error(ec, what));
  }
}

void throw_error(boost::system::error_code ec, diagnostics d) { std::rethrow_exception(make_exception(ec, std::move(d))); }

}  // namespace awscoro

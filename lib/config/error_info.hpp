// What a failed configuration or credential step reports: an awscoro::error code and a message
// naming the file, line, profile or variable at fault (never a secret value).
#pragma once

#include <string>

#include <boost/assert/source_location.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <awscoro/error.hpp>

namespace awscoro::detail {

struct error_info {
  boost::system::error_code code;
  std::string message;
  // When the failure is a service's error answer to a call made for the step: its parsed response
  // (modeled error members at the top, as botocore's ClientError.response).
  boost::json::object response;
};

template <class T>
using config_result = boost::system::result<T, error_info>;

inline error_info make_error_info(error e, std::string message) {
  return {make_error_code(e), std::move(message)};
}

// Lets callers at the API edge write `.value()`: throws the exception that matches the code
// (config_error, credentials_error, ...) carrying the message.
[[noreturn]] void throw_exception_from_error(error_info const& e, boost::source_location const& loc);

}  // namespace awscoro::detail

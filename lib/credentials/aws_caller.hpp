// How credential providers call AWS (STS, SSO, SSO OIDC) without depending on the client stage,
// which sits above them: the session hands the chain a function that makes one call through
// awscoro's own client. Providers stay testable with a fake caller.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <awscoro/credentials.hpp>

#include "config/error_info.hpp"

namespace awscoro::detail {

struct aws_call {
  std::string service;    // botocore's name: "sts", "sso", "sso-oidc"
  std::string operation;  // "AssumeRole"
  boost::json::object params;
  std::optional<credentials> creds;  // nullopt: the call is sent unsigned
  std::string region;                // empty: the session's region
};

// The parsed result, or an error (code and message from the client's failure; no secrets).
using aws_caller = std::function<boost::asio::awaitable<config_result<boost::json::object>>(aws_call)>;

// Asked for the MFA code of `serial` when a role profile names mfa_serial.
using mfa_prompter = std::function<boost::asio::awaitable<std::string>(std::string serial)>;

}  // namespace awscoro::detail

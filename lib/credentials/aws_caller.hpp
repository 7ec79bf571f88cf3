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
#include <awscoro/http_message.hpp>

#include "config/error_info.hpp"

namespace awscoro::detail {

// One request edit made once the request is built (the URL resolved), before signing: proof
// headers bound to the URL (DPoP).
using request_editor = std::function<void(http_request&)>;

struct aws_call {
  std::string service;    // botocore's name: "sts", "sso", "sso-oidc"
  std::string operation;  // "AssumeRole"
  boost::json::object params;
  std::optional<credentials> creds;  // nullopt: the call is sent unsigned
  std::string region;                // empty: the session's region
  request_editor edit_request;       // optional
};

// The parsed result, or an error (code and message from the client's failure; no secrets; a
// service's error response with it).
using aws_caller = std::function<boost::asio::awaitable<config_result<boost::json::object>>(aws_call)>;

// What a caller returns for a call that threw `e`.
inline error_info failed_call(error_base const& e) {
  error_info out{e.error(), e.what(), {}};
  if (auto const* service = dynamic_cast<client_error const*>(&e)) out.response = service->response();
  return out;
}

// Asked for the MFA code of `serial` when a role profile names mfa_serial (the public type: an
// exception it throws becomes the provider's error).
using mfa_prompter = awscoro::mfa_prompter;

}  // namespace awscoro::detail

// The endpoint stage of a call: the client's settings and the call's params in, the URL, extra
// headers and auth scheme (with signing name and region) out.
#pragma once

#include <memory>
#include <string>

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include <awscoro/config.hpp>
#include <awscoro/events.hpp>
#include <awscoro/http_message.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

struct client_settings;

struct call_endpoint {
  std::string url;             // scheme://host[:port][/path]
  header_list headers;         // headers the rule set asks for
  std::string auth_scheme;     // "sigv4", "sigv4a", "bearer", "none"
  std::string signing_name;
  std::string signing_region;
  std::string signing_region_set;  // sigv4a
  bool disable_double_encoding = false;
};

class call_endpoint_resolver {
 public:
  call_endpoint_resolver(std::shared_ptr<service_model const> model, client_settings const& settings,
                         client_config const& config);
  ~call_endpoint_resolver();

  // True when the rule set reads the AWS::Auth::AccountId built-in and the account id endpoint
  // mode is not "disabled": only then must a call have its credentials before resolution.
  bool uses_account_id() const;

  // Resolves the endpoint of one call. `account_id` is the credentials' account (empty: none).
  // Handlers of before-endpoint-resolution.<service> in `events` may edit the built-in values
  // (event_args::builtins, by built-in name); `args` carries the call's other data to them.
  // `params` is only read: it is lent to JMESPath evaluation (operationContextParams) and handed
  // back unchanged. On failure returns an error and sets `error_message` to the rule set's
  // message or the parameter that was wrong.
  boost::system::result<call_endpoint> resolve(operation_model const& op, boost::json::object& params,
                                               std::string_view account_id, event_emitter const& events,
                                               event_args& args, std::string& error_message) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// Splits "scheme://host:port/path" into the request's scheme, host, port and a path prefix.
// Returns false when the URL is not absolute http(s).
bool apply_endpoint_url(std::string const& url, http_request& req, std::string& path_prefix);

}  // namespace awscoro::detail

// Credential providers: each looks in one place for credentials. The chain (credential_chain.hpp)
// asks them in botocore's order and takes the first answer.
//
// Job: turn a source (environment, shared files, explicit keys, and later assume-role, web
// identity, SSO, credential_process, the container and instance metadata endpoints) into
// awscoro::credentials with `method` set to botocore's name for the source. Input: what the
// session resolved (config_resolver: environment, files, profile). Output: credentials, nothing
// (the source has none: the chain moves on) or an error (the source is configured but broken:
// the chain stops, as botocore raises). Messages name the provider, profile, file or variable,
// never a secret value.
#pragma once

#include <optional>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include <awscoro/credentials.hpp>

#include "config/error_info.hpp"

namespace awscoro::detail {

using credential_result = config_result<std::optional<credentials>>;

class credential_provider {
 public:
  virtual ~credential_provider() = default;

  // botocore's METHOD for this source: "env", "shared-credentials-file", "config-file", ...
  virtual std::string_view name() const noexcept = 0;

  // Looks for credentials. Sources that need the network or a child process do it here,
  // asynchronously, on the caller's executor; the ones reading already loaded files do not
  // suspend. Credentials that expire carry `expiry`: the caller calls load() again before then
  // (refreshing providers answer from their cache until their refresh window).
  // Errors: partial_credentials (a key without its pair), credential_provider (anything else).
  virtual boost::asio::awaitable<credential_result> load() = 0;
};

}  // namespace awscoro::detail

// AWS credentials: an access key pair, an optional session token and expiry; and the hooks an
// application uses to supply its own (a credential provider, an MFA code prompter).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace awscoro {

struct credentials {
  std::string access_key;
  std::string secret_key;
  std::string token;  // session token; empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiry;
  std::string method;  // which provider supplied them: "env", "shared-credentials-file", ...
  std::string account_id;  // the AWS account the keys belong to, when the source says (aws_account_id)

  bool empty() const noexcept { return access_key.empty() && secret_key.empty(); }
};

// A source of credentials the application supplies, placed in a session's provider chain through
// session_options::credential_providers (botocore's CredentialProvider, inserted with
// get_component('credential_provider').insert_before / insert_after).
//
// \par Object lifetimes
// The session holds the provider (shared_ptr) for as long as the session lives.
//
// \par Thread safety
// load() is called on the session's executor, at most once at a time per session.
class credential_provider {
 public:
  virtual ~credential_provider() = default;

  // The provider's name: what other providers are placed relative to, what "no credentials"
  // messages and the debug log show, and the `method` of its credentials when they leave it empty.
  virtual std::string name() const = 0;

  // Looks for credentials; runs on the session's executor, so it must not block (await instead).
  // std::nullopt: this source has none and the chain asks the next provider. An exception stops
  // the chain: the call that needed credentials fails with error::credential_provider and the
  // exception's what() (so never put a secret in it). Credentials with an `expiry` are asked for
  // again through the chain before they expire (from 15 minutes before; 10 minutes before, the
  // caller waits for the new ones).
  virtual boost::asio::awaitable<std::optional<credentials>> load() = 0;
};

// Answers an MFA prompt: the current code of the MFA device `serial` (the mfa_serial of a role
// profile), for STS AssumeRole's TokenCode. Runs on the session's executor: ask asynchronously
// (a terminal read off the loop, a UI round trip), never block. An exception fails the credential
// lookup with error::credential_provider.
// \par botocore
// AssumeRoleProvider's prompter (getpass.getpass by default; here there is no default).
using mfa_prompter = std::function<boost::asio::awaitable<std::string>(std::string serial)>;

}  // namespace awscoro

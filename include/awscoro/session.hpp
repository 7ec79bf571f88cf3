// The session: shared configuration, credentials and loaded models; it creates clients.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>

#include <awscoro/client.hpp>
#include <awscoro/config.hpp>
#include <awscoro/credentials.hpp>
#include <awscoro/events.hpp>

namespace awscoro {

namespace detail {
class session_impl;
}

// An application's credential provider and its place in the session's chain. The default chain,
// by provider name: env, assume-role, assume-role-with-web-identity, sso,
// shared-credentials-file, login, custom-process, config-file, container-role, iam-role ("env"
// is left out when the session's profile is given explicitly).
struct custom_credential_provider {
  std::shared_ptr<credential_provider> provider;
  // botocore's insert_before / insert_after: the name of a provider already in the chain (a
  // default one, or a custom one listed earlier). Neither: first in the chain. Both, or a name
  // not in the chain: get_credentials fails with error::invalid_config naming the chain.
  std::string insert_before;
  std::string insert_after;
};

struct session_options {
  std::optional<std::string> profile;  // default: AWS_PROFILE, else "default"
  std::optional<std::string> region_name;
  std::optional<std::string> aws_access_key_id;
  std::optional<std::string> aws_secret_access_key;
  std::optional<std::string> aws_session_token;
  // Providers added to the credential chain, in order (explicit keys above bypass the chain).
  std::vector<custom_credential_provider> credential_providers;
  // Asked for MFA codes when a role profile names mfa_serial; unset: such profiles fail with
  // error::credential_provider saying an MFA prompter is needed.
  awscoro::mfa_prompter mfa_prompter;
};

struct client_options {
  std::optional<std::string> region_name;
  std::optional<std::string> endpoint_url;
  std::optional<std::string> aws_access_key_id;
  std::optional<std::string> aws_secret_access_key;
  std::optional<std::string> aws_session_token;
  std::optional<client_config> config;
  std::optional<std::string> api_version;
  bool use_ssl = true;
  std::optional<bool> verify;            // false: do not verify TLS certificates
  std::optional<std::string> ca_bundle;  // a CA bundle file (botocore's verify="path")
};

class session {
 public:
  using executor_type = boost::asio::any_io_executor;

  explicit session(executor_type ex, session_options options = {});

  // Creates a client for `service` (botocore's name: "s3", "dynamodb"). Loads and compiles the
  // model on first use off the event loop, and the config and credential files likewise.
  // Throws unknown_service_error (with the closest names), model_error, config_error.
  boost::asio::awaitable<client> create_client(std::string service, client_options options = {});

  template <class CompletionToken>
  auto async_create_client(std::string service, client_options options, CompletionToken&& token) {
    return boost::asio::co_spawn(get_executor(), create_client(std::move(service), std::move(options)),
                                 std::forward<CompletionToken>(token));
  }

  // Resolves credentials through the provider chain (cached once found).
  boost::asio::awaitable<credentials> get_credentials();

  // Session-wide handlers: every client created afterwards starts with a copy of them.
  event_emitter& events();
  executor_type get_executor() const;
  std::string const& profile() const;

 private:
  std::shared_ptr<detail::session_impl> impl_;
};

}  // namespace awscoro

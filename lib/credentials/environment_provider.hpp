// Credentials from environment variables (botocore's EnvProvider, method "env").
#pragma once

#include "config/environment.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the token from AWS_SECURITY_TOKEN or else
// AWS_SESSION_TOKEN, the expiry from AWS_CREDENTIAL_EXPIRATION (ISO 8601), the account from
// AWS_ACCOUNT_ID; empty variables count as unset. As botocore: no access key means no
// credentials here (even when a secret key is set); an access key without a secret key is
// partial_credentials naming AWS_SECRET_ACCESS_KEY.
class environment_provider final : public credential_provider {
 public:
  explicit environment_provider(environment env) : env_(std::move(env)) {}

  std::string_view name() const noexcept override { return "env"; }
  boost::asio::awaitable<credential_result> load() override;

  // The same, synchronously.
  credential_result load_now() const;

 private:
  environment env_;
};

}  // namespace awscoro::detail

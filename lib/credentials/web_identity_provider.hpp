// Credentials for a role assumed with an OIDC token file (botocore's
// AssumeRoleWithWebIdentityProvider, method "assume-role-with-web-identity"):
// AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME, else the profile's
// web_identity_token_file, role_arn and role_session_name. The token file is read (off the loop)
// on every load, as it rotates; STS AssumeRoleWithWebIdentity is called unsigned.
#pragma once

#include <memory>
#include <string>

#include "config/config_resolver.hpp"
#include "credentials/aws_caller.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class web_identity_provider final : public credential_provider {
 public:
  web_identity_provider(std::shared_ptr<config_resolver const> config, std::string profile, aws_caller caller,
                        bool use_environment = true)
      : config_(std::move(config)), profile_(std::move(profile)), caller_(std::move(caller)),
        use_environment_(use_environment) {}

  std::string_view name() const noexcept override { return "assume-role-with-web-identity"; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  std::shared_ptr<config_resolver const> config_;
  std::string profile_;
  aws_caller caller_;
  bool use_environment_;
};

// Credentials from an STS result's Credentials member (AssumeRole and its variants), with the
// account taken from AssumedRoleUser.Arn.
credential_result credentials_from_sts(boost::json::object const& result, std::string_view method);

// botocore's default session name: "botocore-session-<epoch seconds>".
std::string default_role_session_name();

}  // namespace awscoro::detail

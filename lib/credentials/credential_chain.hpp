// Tries providers in order and returns the first credentials (botocore's CredentialResolver).
//
// botocore's default order (credentials.py create_credential_resolver):
//   1. env                        AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
//                                 (left out when the profile was given explicitly to the session)
//   2. assume-role                role_arn + source_profile / credential_source in the profile
//   3. assume-role-with-web-identity   web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE
//   4. sso                        sso_session / sso_start_url in the profile
//   5. shared-credentials-file    the profile in ~/.aws/credentials
//   6. login                      login_session in the profile
//   7. custom-process             credential_process in the profile
//   8. config-file                aws_access_key_id in the profile of ~/.aws/config
//   9. ec2-credentials-file       AWS_CREDENTIAL_FILE (legacy)
//  10. boto-config                BOTO_CONFIG, /etc/boto.cfg, ~/.boto (legacy)
//  11. container-role             AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI
//  12. iam-role                   the EC2 instance metadata service
// make_default_credential_chain builds all but 9 and 10 (the legacy boto files);
// more providers slot in by name with insert_before / insert_after.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config_resolver.hpp"
#include "credentials/aws_caller.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class credential_chain final : public credential_provider {
 public:
  explicit credential_chain(std::vector<std::shared_ptr<credential_provider>> providers = {});

  std::string_view name() const noexcept override { return "chain"; }

  // The first provider's credentials, in order; nullopt when none has any. A provider's error
  // stops the chain and is returned as is.
  boost::asio::awaitable<credential_result> load() override;
  boost::asio::awaitable<credential_result> resolve() { return load(); }

  // The providers' names in order, comma separated, for "no credentials" messages.
  std::string describe() const;
  std::vector<std::shared_ptr<credential_provider>> const& providers() const { return providers_; }

  // Editing the chain by provider name, as botocore's CredentialResolver. insert_before and
  // insert_after return false when `name` is not in the chain; remove ignores a missing name.
  void append(std::shared_ptr<credential_provider> provider);
  void prepend(std::shared_ptr<credential_provider> provider);
  bool insert_before(std::string_view name, std::shared_ptr<credential_provider> provider);
  bool insert_after(std::string_view name, std::shared_ptr<credential_provider> provider);
  void remove(std::string_view name);

 private:
  std::vector<std::shared_ptr<credential_provider>> providers_;
};

// botocore's default chain over what the session resolved (see the order above). `caller` makes
// the STS / SSO calls of the role and SSO providers (without one they report that they cannot);
// `mfa` answers mfa_serial prompts.
std::shared_ptr<credential_chain> make_default_credential_chain(std::shared_ptr<config_resolver const> config,
                                                                aws_caller caller = {}, mfa_prompter mfa = {});

}  // namespace awscoro::detail

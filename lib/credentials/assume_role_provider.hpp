// Credentials for a role named in the profile (botocore's AssumeRoleProvider, method
// "assume-role"): role_arn with either source_profile (whose credentials may themselves come from
// a role: chains are followed, cycles reported) or credential_source (Environment,
// Ec2InstanceMetadata, EcsContainer), plus external_id, mfa_serial (the code comes from the
// prompter), role_session_name and duration_seconds. STS AssumeRole is called through the caller,
// signed with the source credentials.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config_resolver.hpp"
#include "credentials/aws_caller.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class assume_role_provider final : public credential_provider {
 public:
  assume_role_provider(std::shared_ptr<config_resolver const> config, std::string profile, aws_caller caller,
                       mfa_prompter mfa = {})
      : config_(std::move(config)), profile_(std::move(profile)), caller_(std::move(caller)), mfa_(std::move(mfa)) {}

  std::string_view name() const noexcept override { return "assume-role"; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  // Credentials of `profile`, which has role_arn; `visited` holds the profiles on the way here.
  boost::asio::awaitable<credential_result> assume(std::string profile, std::vector<std::string> visited);
  // Credentials a source profile supplies.
  boost::asio::awaitable<credential_result> source_credentials(std::string profile, std::vector<std::string> visited);

  std::shared_ptr<config_resolver const> config_;
  std::string profile_;
  aws_caller caller_;
  mfa_prompter mfa_;
};

}  // namespace awscoro::detail

// Credentials from IAM Identity Center (botocore's SSOProvider, method "sso"): the profile's
// sso_account_id and sso_role_name with either sso_session (naming an [sso-session NAME] section
// with sso_start_url and sso_region) or the legacy sso_start_url and sso_region in the profile.
// The access token comes from the cache `aws sso login` writes: ~/.aws/sso/cache/<sha1>.json,
// sha1 of the session name (or of the start URL, legacy). With sso_session a token within 15
// minutes of expiry is refreshed through sso-oidc CreateToken and the cache rewritten
// atomically (mode 0600). Then sso GetRoleCredentials, unsigned, with the token.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "config/config_resolver.hpp"
#include "credentials/aws_caller.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class sso_provider final : public credential_provider {
 public:
  sso_provider(std::shared_ptr<config_resolver const> config, std::string profile, aws_caller caller)
      : config_(std::move(config)), profile_(std::move(profile)), caller_(std::move(caller)) {}

  std::string_view name() const noexcept override { return "sso"; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  std::shared_ptr<config_resolver const> config_;
  std::string profile_;
  aws_caller caller_;
};

// The token cache file for a session name or start URL, under `cache_dir`.
std::string sso_cache_path(std::string const& cache_dir, std::string_view key);

// Writes `text` to `path` through a temporary file and a rename, mode 0600, creating the folder
// (0700). Blocks: run it off the loop. Returns an error message, or "" on success.
std::string write_file_atomically(std::string const& path, std::string_view text);

}  // namespace awscoro::detail

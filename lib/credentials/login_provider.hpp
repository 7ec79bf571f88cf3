// Credentials from an `aws login` session (botocore's LoginProvider, method "login"): the
// profile's login_session names the session; its token is cached in
// <cache>/<sha256 hex of login_session>.json, <cache> being AWS_LOGIN_CACHE_DIRECTORY or
// ~/.aws/login/cache. The cached accessToken holds the credentials. Within 5 minutes of their
// expiry they are refreshed through signin CreateOAuth2Token (unsigned, with the refresh token
// and a DPoP proof made with the cached dpopKey), and the cache file is rewritten atomically.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "config/config_resolver.hpp"
#include "credentials/aws_caller.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class login_provider final : public credential_provider {
 public:
  using clock_fn = std::function<std::chrono::system_clock::time_point()>;

  // `now` defaults to the system clock.
  login_provider(std::shared_ptr<config_resolver const> config, std::string profile, aws_caller caller,
                 clock_fn now = {});

  std::string_view name() const noexcept override { return "login"; }
  // Errors (credential_provider): no cached session, a cached token missing accessToken,
  // refreshToken, dpopKey or clientId, an unreadable dpopKey, a failed or malformed refresh.
  boost::asio::awaitable<credential_result> load() override;

 private:
  std::shared_ptr<config_resolver const> config_;
  std::string profile_;
  aws_caller caller_;
  clock_fn now_;
};

// The cache file of a login session under `cache_dir`.
std::string login_cache_path(std::string const& cache_dir, std::string_view session_name);

}  // namespace awscoro::detail

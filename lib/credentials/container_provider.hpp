// Credentials from the container credentials endpoint (botocore's ContainerProvider, method
// "container-role"): AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on 169.254.170.2) or
// AWS_CONTAINER_CREDENTIALS_FULL_URI (https, a loopback address, or one of 169.254.170.2,
// 169.254.170.23, fd00:ec2::23, localhost), with the Authorization header from
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read each time) or AWS_CONTAINER_AUTHORIZATION_TOKEN.
#pragma once

#include <chrono>

#include "config/environment.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class container_provider final : public credential_provider {
 public:
  explicit container_provider(environment env, std::chrono::milliseconds timeout = std::chrono::seconds(2),
                              int attempts = 3)
      : env_(std::move(env)), timeout_(timeout), attempts_(attempts) {}

  std::string_view name() const noexcept override { return "container-role"; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  environment env_;
  std::chrono::milliseconds timeout_;
  int attempts_;
};

// botocore's allowed-host rule for FULL_URI over plain http.
bool container_host_allowed(std::string_view host);

}  // namespace awscoro::detail

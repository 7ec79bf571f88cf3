// Credentials from the profile's section of the shared credentials file (botocore's
// SharedCredentialProvider, method "shared-credentials-file"): "[NAME]" sections of
// ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE), already read into config_files.
#pragma once

#include <memory>
#include <string>

#include "config/config_files.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class shared_credentials_provider final : public credential_provider {
 public:
  shared_credentials_provider(std::shared_ptr<config_files const> files, std::string profile)
      : files_(std::move(files)), profile_(std::move(profile)) {}

  std::string_view name() const noexcept override { return "shared-credentials-file"; }
  boost::asio::awaitable<credential_result> load() override;
  credential_result load_now() const;

 private:
  std::shared_ptr<config_files const> files_;
  std::string profile_;
};

}  // namespace awscoro::detail

// Credentials written into a profile of one of the shared files, already read into
// config_files: the "[NAME]" sections of ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE),
// botocore's SharedCredentialProvider, method "shared-credentials-file"; or the "[profile NAME]"
// / "[default]" sections of ~/.aws/config (or AWS_CONFIG_FILE), botocore's ConfigProvider,
// method "config-file". The chain asks the two at different places, so each is its own provider.
#pragma once

#include <memory>
#include <string>

#include "config/config_files.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

enum class profile_file : bool { credentials, config };

class profile_file_provider final : public credential_provider {
 public:
  profile_file_provider(std::shared_ptr<config_files const> files, std::string profile, profile_file file)
      : files_(std::move(files)), profile_(std::move(profile)), file_(file) {}

  std::string_view name() const noexcept override;
  boost::asio::awaitable<credential_result> load() override;
  credential_result load_now() const;

 private:
  std::shared_ptr<config_files const> files_;
  std::string profile_;
  profile_file file_;
};

}  // namespace awscoro::detail

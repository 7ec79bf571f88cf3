// Credentials written into the profile of the shared config file (botocore's ConfigProvider,
// method "config-file"): "[profile NAME]" or "[default]" of ~/.aws/config (or AWS_CONFIG_FILE).
#pragma once

#include <memory>
#include <string>

#include "config/config_files.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class config_file_provider final : public credential_provider {
 public:
  config_file_provider(std::shared_ptr<config_files const> files, std::string profile)
      : files_(std::move(files)), profile_(std::move(profile)) {}

  std::string_view name() const noexcept override { return "config-file"; }
  boost::asio::awaitable<credential_result> load() override;
  credential_result load_now() const;

 private:
  std::shared_ptr<config_files const> files_;
  std::string profile_;
};

}  // namespace awscoro::detail

// Credentials printed by a program the profile names (botocore's ProcessProvider, method
// "custom-process"): credential_process = COMMAND in the profile; its stdout is JSON with
// Version 1, AccessKeyId, SecretAccessKey and optionally SessionToken, Expiration, AccountId.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "config/config_files.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class process_provider final : public credential_provider {
 public:
  process_provider(std::shared_ptr<config_files const> files, std::string profile,
                   std::chrono::milliseconds limit = std::chrono::minutes(1))
      : files_(std::move(files)), profile_(std::move(profile)), limit_(limit) {}

  std::string_view name() const noexcept override { return "custom-process"; }
  boost::asio::awaitable<credential_result> load() override;

 private:
  std::shared_ptr<config_files const> files_;
  std::string profile_;
  std::chrono::milliseconds limit_;
};

// Turns the program's JSON output into credentials (also used by tests).
// Errors: credential_provider naming what was missing or wrong, never a value.
credential_result parse_process_credentials(std::string_view output, std::string_view method);

}  // namespace awscoro::detail

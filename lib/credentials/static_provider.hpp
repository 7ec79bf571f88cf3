// Credentials given explicitly (session or client options, botocore's method "explicit").
#pragma once

#include <optional>
#include <string>

#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

class static_provider final : public credential_provider {
 public:
  // Both keys or neither: one without the other is partial_credentials naming the missing one
  // (aws_access_key_id or aws_secret_access_key). Neither: this provider has nothing.
  static_provider(std::optional<std::string> access_key, std::optional<std::string> secret_key,
                  std::optional<std::string> token = {});
  explicit static_provider(credentials creds);

  std::string_view name() const noexcept override { return "explicit"; }
  boost::asio::awaitable<credential_result> load() override;
  credential_result load_now() const { return result_; }

 private:
  credential_result result_;
};

}  // namespace awscoro::detail

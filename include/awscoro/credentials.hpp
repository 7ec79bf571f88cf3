// AWS credentials: an access key pair, an optional session token and expiry.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace awscoro {

struct credentials {
  std::string access_key;
  std::string secret_key;
  std::string token;  // session token; empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiry;
  std::string method;  // which provider supplied them: "env", "shared-credentials-file", ...
  std::string account_id;  // the AWS account the keys belong to, when the source says (aws_account_id)

  bool empty() const noexcept { return access_key.empty() && secret_key.empty(); }
};

}  // namespace awscoro

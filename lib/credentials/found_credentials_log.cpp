#include "credentials/found_credentials_log.hpp"

namespace awscoro::detail {

std::string found_credentials_message(credentials const& found, config_resolver const& config) {
  auto const& method = found.method;
  if (method == "env") return "Found credentials in environment variables.";
  if (method == "shared-credentials-file")
    return "Found credentials in shared credentials file: " + config.get("credentials_file").value_or("");
  if (method == "config-file") return "Credentials found in config file: " + config.get("config_file").value_or("");
  if (method == "iam-role") return "Found credentials from IAM Role.";
  if (method == "container-role") return "Found credentials from the container credentials endpoint.";
  return "Found credentials using the " + method + " provider.";
}

}  // namespace awscoro::detail

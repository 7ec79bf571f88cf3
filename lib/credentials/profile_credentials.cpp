#include "credentials/profile_credentials.hpp"

namespace awscoro::detail {

credential_result credentials_from_section(config_section const& section, std::string_view method,
                                           std::string_view where) {
  auto key = section.find("aws_access_key_id");
  if (key == section.end()) return std::optional<credentials>{};
  auto secret = section.find("aws_secret_access_key");
  if (secret == section.end())
    return make_error_info(error::partial_credentials, "Partial credentials found in " + std::string(method) +
                                                           ", missing: aws_secret_access_key (" + std::string(where) +
                                                           ")");
  for (auto it : {key, secret}) {
    if (it->second.nested)
      return make_error_info(error::credential_provider, it->first + " in " + std::string(where) +
                                                             " is a sub-section, expected a value");
  }
  credentials c;
  c.access_key = key->second.text;
  c.secret_key = secret->second.text;
  for (std::string_view name : {"aws_security_token", "aws_session_token"}) {
    if (auto token = section.find(name); token != section.end()) {
      c.token = token->second.text;
      break;
    }
  }
  if (auto account = section.find("aws_account_id"); account != section.end()) c.account_id = account->second.text;
  c.method = method;
  return std::optional<credentials>(std::move(c));
}

}  // namespace awscoro::detail

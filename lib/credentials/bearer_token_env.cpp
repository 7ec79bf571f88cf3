#include "credentials/bearer_token_env.hpp"

namespace awscoro::detail {

std::string bearer_token_variable(std::string_view signing_name) {
  std::string name = "AWS_BEARER_TOKEN_";
  for (char c : signing_name) {
    if (c == '-' || c == ' ') c = '_';
    else if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    name += c;
  }
  return name;
}

std::optional<std::string> bearer_token_from_environment(std::string_view signing_name, environment const& env) {
  if (signing_name.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
  auto value = env_get(env, bearer_token_variable(signing_name));
  if (!value) return std::nullopt;
  return std::string(*value);
}

bool prefers_environment_bearer_token(std::string_view signing_name) { return signing_name == "bedrock"; }

}  // namespace awscoro::detail

// Bearer tokens from the environment, scoped to a service's signing name (botocore's
// ScopedEnvTokenProvider): AWS_BEARER_TOKEN_<SIGNING NAME>.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/environment.hpp"

namespace awscoro::detail {

// "bedrock" -> "AWS_BEARER_TOKEN_BEDROCK"; '-' and ' ' become '_', letters are upper-cased.
std::string bearer_token_variable(std::string_view signing_name);

// The token for `signing_name` when its variable is set (an empty signing name has none).
std::optional<std::string> bearer_token_from_environment(std::string_view signing_name, environment const& env);

// Services where a token in the environment is used in place of SigV4 for the operations that
// also accept bearer auth (botocore's get_bearer_auth_supported_services), by signing name.
bool prefers_environment_bearer_token(std::string_view signing_name);

}  // namespace awscoro::detail

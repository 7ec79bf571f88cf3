// The process environment as an injectable value, so configuration lookups are hermetic in tests,
// and botocore's path expansion ($VAR and ~) against it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace awscoro::detail {

using environment = std::map<std::string, std::string, std::less<>>;

// A snapshot of the process environment.
environment process_environment();

// The variable's value when it is set (an empty value counts as set, as in os.environ).
std::optional<std::string_view> env_get(environment const& env, std::string_view name);

// os.path.expandvars then os.path.expanduser, as botocore expands AWS_CONFIG_FILE and friends:
// $NAME and ${NAME} are replaced when set in `env` (left as written otherwise); a leading ~ is
// HOME from `env` (the password database when HOME is unset), ~user that user's home.
std::string expand_path(std::string_view path, environment const& env);

}  // namespace awscoro::detail

#include "credentials/environment_provider.hpp"

#include "util/timestamp.hpp"

namespace awscoro::detail {
namespace {

std::string_view non_empty(environment const& env, std::string_view name) {
  return env_get(env, name).value_or(std::string_view{});
}

}  // namespace

credential_result environment_provider::load_now() const {
  std::string_view access_key = non_empty(env_, "AWS_ACCESS_KEY_ID");
  if (access_key.empty()) return std::optional<credentials>{};
  std::string_view secret_key = non_empty(env_, "AWS_SECRET_ACCESS_KEY");
  if (secret_key.empty())
    return make_error_info(error::partial_credentials,
                           "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
  credentials c;
  c.access_key = access_key;
  c.secret_key = secret_key;
  for (std::string_view var : {"AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"}) {
    if (auto token = non_empty(env_, var); !token.empty()) {
      c.token = token;
      break;
    }
  }
  if (auto expiry = non_empty(env_, "AWS_CREDENTIAL_EXPIRATION"); !expiry.empty()) {
    auto t = parse_timestamp(expiry);
    if (!t)
      return make_error_info(error::credential_provider, "AWS_CREDENTIAL_EXPIRATION is not a valid timestamp: \"" +
                                                             std::string(expiry) + "\"");
    c.expiry = std::chrono::system_clock::time_point(std::chrono::microseconds(*t));
  }
  c.account_id = non_empty(env_, "AWS_ACCOUNT_ID");
  c.method = "env";
  return std::optional<credentials>(std::move(c));
}

boost::asio::awaitable<credential_result> environment_provider::load() { co_return load_now(); }

}  // namespace awscoro::detail

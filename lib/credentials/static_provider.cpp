#include "credentials/static_provider.hpp"

namespace awscoro::detail {

static_provider::static_provider(std::optional<std::string> access_key, std::optional<std::string> secret_key,
                                 std::optional<std::string> token)
    : result_(std::optional<credentials>{}) {
  if (!access_key && !secret_key) return;
  if (!access_key || !secret_key) {
    result_ = make_error_info(error::partial_credentials,
                              std::string("Partial credentials found in explicit, missing: ") +
                                  (access_key ? "aws_secret_access_key" : "aws_access_key_id"));
    return;
  }
  credentials c;
  c.access_key = std::move(*access_key);
  c.secret_key = std::move(*secret_key);
  c.token = token.value_or("");
  c.method = "explicit";
  result_ = std::optional<credentials>(std::move(c));
}

static_provider::static_provider(credentials creds) : result_(std::optional<credentials>{}) {
  if (creds.method.empty()) creds.method = "explicit";
  result_ = std::optional<credentials>(std::move(creds));
}

boost::asio::awaitable<credential_result> static_provider::load() { co_return result_; }

}  // namespace awscoro::detail

#include "credentials/custom_provider.hpp"

#include <exception>

namespace awscoro::detail {

custom_provider::custom_provider(std::shared_ptr<awscoro::credential_provider> provider)
    : provider_(std::move(provider)), name_(provider_->name()) {}

boost::asio::awaitable<credential_result> custom_provider::load() {
  std::optional<credentials> found;
  std::optional<std::string> failure;
  try {
    auto loading = provider_->load();
    found = co_await std::move(loading);
  } catch (std::exception const& e) {
    failure = e.what();
  }
  if (failure)
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from " + name_ + ": " + *failure);
  if (found && found->empty()) co_return std::optional<credentials>{};
  if (found && (found->access_key.empty() || found->secret_key.empty()))
    co_return make_error_info(error::partial_credentials,
                              "Partial credentials found in " + name_ + ", missing: " +
                                  (found->access_key.empty() ? "access_key" : "secret_key"));
  if (found && found->method.empty()) found->method = name_;
  co_return found;
}

}  // namespace awscoro::detail

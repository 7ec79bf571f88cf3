#include "credentials/config_file_provider.hpp"

#include "credentials/profile_credentials.hpp"

namespace awscoro::detail {

credential_result config_file_provider::load_now() const {
  auto it = files_->config_profiles.find(profile_);
  if (it == files_->config_profiles.end()) return std::optional<credentials>{};
  return credentials_from_section(it->second, name(), "profile " + profile_ + " in " + files_->config_path);
}

boost::asio::awaitable<credential_result> config_file_provider::load() { co_return load_now(); }

}  // namespace awscoro::detail

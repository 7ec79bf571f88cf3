#include "credentials/shared_credentials_provider.hpp"

#include "credentials/profile_credentials.hpp"

namespace awscoro::detail {

credential_result shared_credentials_provider::load_now() const {
  auto it = files_->credentials_profiles.find(profile_);
  if (it == files_->credentials_profiles.end()) return std::optional<credentials>{};
  return credentials_from_section(it->second, name(), "profile " + profile_ + " in " + files_->credentials_path);
}

boost::asio::awaitable<credential_result> shared_credentials_provider::load() { co_return load_now(); }

}  // namespace awscoro::detail

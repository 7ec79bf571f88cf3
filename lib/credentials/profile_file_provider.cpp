#include "credentials/profile_file_provider.hpp"

#include "credentials/profile_credentials.hpp"

namespace awscoro::detail {

std::string_view profile_file_provider::name() const noexcept {
  return file_ == profile_file::credentials ? "shared-credentials-file" : "config-file";
}

credential_result profile_file_provider::load_now() const {
  bool const from_credentials = file_ == profile_file::credentials;
  auto const& sections = from_credentials ? files_->credentials_profiles : files_->config_profiles;
  auto const& path = from_credentials ? files_->credentials_path : files_->config_path;
  auto it = sections.find(profile_);
  if (it == sections.end()) return std::optional<credentials>{};
  return credentials_from_section(it->second, name(), "profile " + profile_ + " in " + path);
}

boost::asio::awaitable<credential_result> profile_file_provider::load() { co_return load_now(); }

}  // namespace awscoro::detail

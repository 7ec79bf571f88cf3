#include "credentials/credential_chain.hpp"

#include <algorithm>

#include "credentials/assume_role_provider.hpp"
#include "credentials/container_provider.hpp"
#include "credentials/environment_provider.hpp"
#include "credentials/imds_provider.hpp"
#include "credentials/login_provider.hpp"
#include "credentials/process_provider.hpp"
#include "credentials/profile_file_provider.hpp"
#include "credentials/sso_provider.hpp"
#include "credentials/web_identity_provider.hpp"

namespace awscoro::detail {

credential_chain::credential_chain(std::vector<std::shared_ptr<credential_provider>> providers)
    : providers_(std::move(providers)) {}

boost::asio::awaitable<credential_result> credential_chain::load() {
  for (auto const& provider : providers_) {
    auto found = co_await provider->load();
    if (!found || *found) co_return found;
  }
  co_return std::optional<credentials>{};
}

std::string credential_chain::describe() const {
  std::string out;
  for (auto const& p : providers_) {
    if (!out.empty()) out += ", ";
    out += p->name();
  }
  return out;
}

void credential_chain::append(std::shared_ptr<credential_provider> provider) { providers_.push_back(std::move(provider)); }

void credential_chain::prepend(std::shared_ptr<credential_provider> provider) {
  providers_.insert(providers_.begin(), std::move(provider));
}

bool credential_chain::insert_before(std::string_view name, std::shared_ptr<credential_provider> provider) {
  auto it = std::find_if(providers_.begin(), providers_.end(), [&](auto const& p) { return p->name() == name; });
  if (it == providers_.end()) return false;
  providers_.insert(it, std::move(provider));
  return true;
}

bool credential_chain::insert_after(std::string_view name, std::shared_ptr<credential_provider> provider) {
  auto it = std::find_if(providers_.begin(), providers_.end(), [&](auto const& p) { return p->name() == name; });
  if (it == providers_.end()) return false;
  providers_.insert(it + 1, std::move(provider));
  return true;
}

void credential_chain::remove(std::string_view name) {
  auto it = std::find_if(providers_.begin(), providers_.end(), [&](auto const& p) { return p->name() == name; });
  if (it != providers_.end()) providers_.erase(it);
}

std::shared_ptr<credential_chain> make_default_credential_chain(std::shared_ptr<config_resolver const> config,
                                                                aws_caller caller, mfa_prompter mfa) {
  if (!caller) {
    caller = [](aws_call call) -> boost::asio::awaitable<config_result<boost::json::object>> {
      co_return make_error_info(error::credential_provider,
                                "this credential chain cannot call " + call.service + " " + call.operation);
    };
  }
  auto const& profile = config->profile_name();
  std::vector<std::shared_ptr<credential_provider>> providers;
  // An explicitly given profile means "use that profile": botocore then skips the environment.
  if (!config->profile_explicit()) providers.push_back(std::make_shared<environment_provider>(config->env()));
  providers.push_back(std::make_shared<assume_role_provider>(config, profile, caller, std::move(mfa)));
  providers.push_back(std::make_shared<web_identity_provider>(config, profile, caller));
  providers.push_back(std::make_shared<sso_provider>(config, profile, caller));
  providers.push_back(std::make_shared<profile_file_provider>(config->files_ptr(), profile, profile_file::credentials));
  providers.push_back(std::make_shared<login_provider>(config, profile, caller));
  providers.push_back(std::make_shared<process_provider>(config->files_ptr(), profile));
  providers.push_back(std::make_shared<profile_file_provider>(config->files_ptr(), profile, profile_file::config));
  providers.push_back(std::make_shared<container_provider>(config->env()));
  providers.push_back(std::make_shared<imds_provider>(config));
  return std::make_shared<credential_chain>(std::move(providers));
}

}  // namespace awscoro::detail

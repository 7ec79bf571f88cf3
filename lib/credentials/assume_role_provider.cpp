#include "credentials/assume_role_provider.hpp"

#include <algorithm>
#include <exception>
#include <optional>

#include "credentials/container_provider.hpp"
#include "credentials/environment_provider.hpp"
#include "credentials/imds_provider.hpp"
#include "credentials/process_provider.hpp"
#include "credentials/profile_credentials.hpp"
#include "credentials/web_identity_provider.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;

namespace {

std::string profile_value(config_section const* section, std::string_view key) {
  if (!section) return {};
  auto it = section->find(key);
  return it == section->end() || it->second.nested ? std::string() : it->second.text;
}

std::string describe_path(std::vector<std::string> const& visited, std::string const& last) {
  std::string out;
  for (auto const& p : visited) out += p + " -> ";
  return out + last;
}

}  // namespace

asio::awaitable<credential_result> assume_role_provider::load() {
  auto const* section = config_->files().profile(profile_);
  if (profile_value(section, "role_arn").empty()) co_return std::optional<credentials>{};
  // A role with only a token file is the web identity provider's.
  if (profile_value(section, "source_profile").empty() && profile_value(section, "credential_source").empty() &&
      !profile_value(section, "web_identity_token_file").empty())
    co_return std::optional<credentials>{};
  std::vector<std::string> visited;
  auto pending = assume(profile_, std::move(visited));
  co_return co_await std::move(pending);
}

asio::awaitable<credential_result> assume_role_provider::assume(std::string profile, std::vector<std::string> visited) {
  auto const* section = config_->files().profile(profile);
  auto role_arn = profile_value(section, "role_arn");
  auto source_profile = profile_value(section, "source_profile");
  auto credential_source = profile_value(section, "credential_source");
  if (!source_profile.empty() && !credential_source.empty())
    co_return make_error_info(error::invalid_config, "The profile \"" + profile +
                                                         "\" contains both source_profile and credential_source.");
  if (source_profile.empty() && credential_source.empty())
    co_return make_error_info(error::invalid_config, "The profile \"" + profile +
                                                         "\" has role_arn but neither source_profile nor "
                                                         "credential_source.");
  credential_result source = std::optional<credentials>{};
  if (!source_profile.empty()) {
    visited.push_back(profile);
    auto pending = source_credentials(source_profile, visited);
    source = co_await std::move(pending);
  } else {
    std::shared_ptr<credential_provider> provider;
    if (credential_source == "Environment") {
      provider = std::make_shared<environment_provider>(config_->env());
    } else if (credential_source == "Ec2InstanceMetadata") {
      provider = std::make_shared<imds_provider>(config_);
    } else if (credential_source == "EcsContainer") {
      provider = std::make_shared<container_provider>(config_->env());
    } else {
      co_return make_error_info(error::invalid_config,
                                "credential_source \"" + credential_source + "\" in profile " + profile +
                                    " is not supported: expected Environment, Ec2InstanceMetadata or EcsContainer");
    }
    source = co_await provider->load();
    if (source && !*source)
      co_return make_error_info(error::credential_provider,
                                "No credentials found in credential_source referenced in profile " + profile);
  }
  if (!source) co_return source;

  aws_call call;
  call.service = "sts";
  call.operation = "AssumeRole";
  call.creds = **source;
  call.params["RoleArn"] = role_arn;
  auto session_name = profile_value(section, "role_session_name");
  call.params["RoleSessionName"] = session_name.empty() ? default_role_session_name() : session_name;
  if (auto id = profile_value(section, "external_id"); !id.empty()) call.params["ExternalId"] = id;
  if (auto d = profile_value(section, "duration_seconds"); !d.empty()) {
    long long seconds = 0;
    try {
      std::size_t used = 0;
      seconds = std::stoll(d, &used);
      if (used != d.size()) throw std::invalid_argument(d);
    } catch (std::exception const&) {
      co_return make_error_info(error::invalid_config,
                                "duration_seconds in profile " + profile + " is not an integer: " + d);
    }
    call.params["DurationSeconds"] = seconds;
  }
  if (auto serial = profile_value(section, "mfa_serial"); !serial.empty()) {
    if (!mfa_)
      co_return make_error_info(error::credential_provider,
                                "profile " + profile + " needs an MFA code (mfa_serial) but no MFA prompter is set");
    // The prompter is application code: its exception must not cross the chain's coroutines.
    std::string code;
    std::optional<std::string> failure;
    try {
      auto asking = mfa_(serial);
      code = co_await std::move(asking);
    } catch (std::exception const& e) {
      failure = e.what();
    }
    if (failure)
      co_return make_error_info(error::credential_provider,
                                "the MFA prompter failed for profile " + profile + ": " + *failure);
    call.params["SerialNumber"] = serial;
    call.params["TokenCode"] = code;
  }
  auto pending = caller_(std::move(call));
  auto result = co_await std::move(pending);
  if (!result)
    co_return make_error_info(error::credential_provider,
                              "Error when retrieving credentials from assume-role (profile " + profile +
                                  "): " + result.error().message);
  co_return credentials_from_sts(*result, "assume-role");
}

asio::awaitable<credential_result> assume_role_provider::source_credentials(std::string profile,
                                                                            std::vector<std::string> visited) {
  auto const* section = config_->files().profile(profile);
  if (!section)
    co_return make_error_info(error::invalid_config, "The source profile \"" + profile + "\" could not be found");
  bool has_keys = !profile_value(section, "aws_access_key_id").empty();
  bool self_reference = !visited.empty() && visited.back() == profile;
  if (std::find(visited.begin(), visited.end(), profile) != visited.end() && !(self_reference && has_keys))
    co_return make_error_info(error::invalid_config,
                              "Infinite loop in profile configuration: " + describe_path(visited, profile));
  // A role profile is a source through its own role, unless it points at itself and has keys.
  if (!profile_value(section, "role_arn").empty() && !(self_reference && has_keys)) {
    auto pending = assume(profile, std::move(visited));
    co_return co_await std::move(pending);
  }
  if (has_keys)
    co_return credentials_from_section(*section, "assume-role", "source profile " + profile);
  if (!profile_value(section, "credential_process").empty()) {
    process_provider p(config_->files_ptr(), profile);
    co_return co_await p.load();
  }
  if (!profile_value(section, "web_identity_token_file").empty()) {
    web_identity_provider p(config_, profile, caller_, false);
    co_return co_await p.load();
  }
  co_return make_error_info(error::invalid_config,
                            "The source profile \"" + profile + "\" must have credentials.");
}

}  // namespace awscoro::detail

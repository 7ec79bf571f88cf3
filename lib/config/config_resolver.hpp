// botocore's configuration variables, answered by logical name with botocore's precedence for
// each (configprovider.py BOTOCORE_DEFAUT_SESSION_VARIABLES and DEFAULT_S3_CONFIG_VARS):
// environment variables in their order, then the keys of the selected profile in the merged
// config/credentials files, then the built-in default, which a defaults mode (smart_defaults)
// may replace. Values are text as botocore holds them before conversion; get_bool and get_int
// apply botocore's conversions (ensure_boolean: "true" in any case is true, anything else false;
// int()). A set but empty environment variable counts as set, as in os.environ.
//
// The profile is, in order: the one given explicitly (a session option), AWS_DEFAULT_PROFILE,
// AWS_PROFILE, else "default". A profile named by any of those must exist (botocore's
// ProfileNotFound); the implicit default need not.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <awscoro/config.hpp>

#include "config/config_files.hpp"
#include "config/environment.hpp"
#include "config/error_info.hpp"
#include "config/smart_defaults.hpp"

namespace awscoro::detail {

class config_resolver {
 public:
  // Reads config_file and credentials_file (as resolved from `env`) and selects the profile.
  // Blocks on file reads: run it off the event loop.
  // Errors: invalid_config for a malformed file (naming file and line) or a missing profile.
  static config_result<std::shared_ptr<config_resolver const>> load(environment env,
                                                                    std::optional<std::string> explicit_profile = {});

  // The same over files already read.
  static config_result<std::shared_ptr<config_resolver const>> create(environment env, config_files files,
                                                                      std::optional<std::string> explicit_profile = {});

  // The selected profile's name ("default" when none was named), whether it was named at all,
  // and whether it was given explicitly rather than by environment (botocore then leaves the
  // environment credential provider out of the chain).
  std::string const& profile_name() const { return profile_; }
  bool profile_named() const { return profile_named_; }
  bool profile_explicit() const { return profile_explicit_; }
  // The selected profile's settings (botocore's scoped config); empty when it does not exist.
  config_section const& scoped_config() const { return *scoped_; }

  environment const& env() const { return env_; }
  config_files const& files() const { return *files_; }
  std::shared_ptr<config_files const> const& files_ptr() const { return files_; }

  // True for the names get() answers.
  static bool is_known(std::string_view name);

  // The variable's value by its botocore logical name ("region", "retry_mode", "max_attempts",
  // "config_file", ...), or nullopt when unset and without default (or unknown). A sub-section
  // value in the profile counts as unset. `mode` supplies defaults-mode defaults.
  std::optional<std::string> get(std::string_view name, smart_defaults const* mode = nullptr) const;
  // ensure_boolean of the value.
  std::optional<bool> get_bool(std::string_view name, smart_defaults const* mode = nullptr) const;
  // int() of the value. Errors: invalid_config naming the variable, where it came from and the
  // text when it is not an integer.
  config_result<std::optional<long long>> get_int(std::string_view name, smart_defaults const* mode = nullptr) const;

  // botocore's resolved `s3` section: the profile's `s3` sub-section with these overridden by
  // their own chains (converted booleans as "true"/"false"): addressing_style,
  // use_accelerate_endpoint, use_dualstack_endpoint, payload_signing_enabled, use_arn_region
  // (AWS_S3_USE_ARN_REGION, s3_use_arn_region), us_east_1_regional_endpoint
  // (AWS_S3_US_EAST_1_REGIONAL_ENDPOINT, s3_us_east_1_regional_endpoint),
  // s3_disable_multiregion_access_points. nullopt when nothing is set, or when the profile's
  // `s3` is plain text (botocore ignores it then).
  std::optional<std::map<std::string, std::string>> s3_section(smart_defaults const* mode = nullptr) const;
  // The same as typed settings.
  s3_config s3_settings(smart_defaults const* mode = nullptr) const;

  // botocore's proxies_config section: proxy_ca_bundle, proxy_client_cert,
  // proxy_use_forwarding_for_https from the profile.
  proxies_config proxies_settings() const;

  // The configured endpoint URL for a service (ConfiguredEndpointProvider), by service ID
  // ("DynamoDB Streams"): AWS_ENDPOINT_URL_<ID upper-cased, spaces and '-' as '_'>,
  // AWS_ENDPOINT_URL, the `services` section the profile names (key: the ID lower-cased, same
  // replacements; its endpoint_url), the profile's endpoint_url. Empty values are skipped.
  // Does not look at ignore_configured_endpoint_urls: the caller decides.
  // Errors: invalid_config when the profile names a services section that does not exist.
  config_result<std::optional<std::string>> endpoint_url(std::string_view service_id) const;

  // Defaults mode: the mode given (client config) or the configured defaults_mode, resolved
  // against sdk-default-configuration.json. nullopt for legacy.
  config_result<std::optional<smart_defaults>> defaults_mode(boost::json::value const& sdk_default_configuration,
                                                             std::string_view region,
                                                             std::optional<std::string_view> client_mode = {}) const;

  // What the environment and the profile say about botocore's Config fields: region_name,
  // retries (mode; max_attempts as total_max_attempts), s3, proxies_config, use_fips_endpoint,
  // use_dualstack_endpoint, defaults_mode, user_agent_appid, request_min_compression_size_bytes,
  // disable_request_compression, tcp_keepalive, account_id_endpoint_mode, checksum settings,
  // sigv4a_signing_region_set, connect_timeout (from `mode`), parameter_validation, and
  // inject_host_prefix (from disable_host_prefix_injection). Unset fields stay unset.
  // Errors: invalid_config for a malformed integer.
  config_result<client_config> to_client_config(smart_defaults const* mode = nullptr) const;

  config_resolver(environment env, std::shared_ptr<config_files const> files, std::string profile, bool named,
                  bool explicit_profile);

 private:
  environment env_;
  std::shared_ptr<config_files const> files_;
  std::string profile_;
  bool profile_named_ = false;
  bool profile_explicit_ = false;
  config_section const* scoped_ = nullptr;
};

// botocore's checks of the settings with a fixed set of values (args.py), made at client
// creation over the merged config: request_checksum_calculation and response_checksum_validation
// (when_supported, when_required; InvalidChecksumConfigError's text) and account_id_endpoint_mode
// (preferred, disabled, required; InvalidConfigError's text; not checked for UNSIGNED clients,
// which botocore switches to disabled). Values are lowered in place as botocore does.
// Errors: invalid_config naming the setting, the value and the allowed values.
config_result<void> validate_enumerated_settings(client_config& config);

// The environment-variable form of a service ID: "DynamoDB Streams" -> "DYNAMODB_STREAMS".
std::string service_id_env_suffix(std::string_view service_id);

}  // namespace awscoro::detail

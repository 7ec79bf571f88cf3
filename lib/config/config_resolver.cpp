#include "config/config_resolver.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#include <boost/json/value.hpp>

namespace awscoro::detail {
namespace {

enum class kind { text, boolean, integer };
enum class smart_field { none, retry_mode, sts_regional_endpoints, s3_us_east_1_regional_endpoint };

// A key of the profile: top level, or inside a sub-section (`s3 =` then `  key = value`).
struct profile_key {
  std::string_view section;
  std::string_view key;
};

struct variable {
  std::string_view name;
  std::array<std::string_view, 2> env;
  std::array<profile_key, 2> keys;
  std::string_view default_value;  // "" with has_default false: no default
  bool has_default;
  kind type;
  smart_field smart = smart_field::none;
};

constexpr profile_key key(std::string_view k) { return {{}, k}; }
constexpr profile_key s3_key(std::string_view k) { return {"s3", k}; }

// BOTOCORE_DEFAUT_SESSION_VARIABLES, less `profile` (resolved up front), `api_versions` (a
// sub-section) and the retry_mode default, which depends on the environment (see default_of).
constexpr variable session_variables[] = {
    {"region", {"AWS_DEFAULT_REGION"}, {key("region")}, "", false, kind::text},
    {"data_path", {"AWS_DATA_PATH"}, {key("data_path")}, "", false, kind::text},
    {"config_file", {"AWS_CONFIG_FILE"}, {}, "~/.aws/config", true, kind::text},
    {"credentials_file", {"AWS_SHARED_CREDENTIALS_FILE"}, {}, "~/.aws/credentials", true, kind::text},
    {"ca_bundle", {"AWS_CA_BUNDLE"}, {key("ca_bundle")}, "", false, kind::text},
    {"metadata_service_timeout", {"AWS_METADATA_SERVICE_TIMEOUT"}, {key("metadata_service_timeout")}, "1", true,
     kind::integer},
    {"metadata_service_num_attempts", {"AWS_METADATA_SERVICE_NUM_ATTEMPTS"}, {key("metadata_service_num_attempts")},
     "1", true, kind::integer},
    {"ec2_metadata_service_endpoint", {"AWS_EC2_METADATA_SERVICE_ENDPOINT"}, {key("ec2_metadata_service_endpoint")},
     "", false, kind::text},
    {"ec2_metadata_service_endpoint_mode", {"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"},
     {key("ec2_metadata_service_endpoint_mode")}, "", false, kind::text},
    {"ec2_metadata_v1_disabled", {"AWS_EC2_METADATA_V1_DISABLED"}, {key("ec2_metadata_v1_disabled")}, "false", true,
     kind::boolean},
    {"imds_use_ipv6", {"AWS_IMDS_USE_IPV6"}, {key("imds_use_ipv6")}, "false", true, kind::boolean},
    {"use_dualstack_endpoint", {"AWS_USE_DUALSTACK_ENDPOINT"}, {key("use_dualstack_endpoint")}, "", false,
     kind::boolean},
    {"use_fips_endpoint", {"AWS_USE_FIPS_ENDPOINT"}, {key("use_fips_endpoint")}, "", false, kind::boolean},
    {"ignore_configured_endpoint_urls", {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"},
     {key("ignore_configured_endpoint_urls")}, "", false, kind::boolean},
    {"parameter_validation", {}, {key("parameter_validation")}, "true", true, kind::boolean},
    {"csm_enabled", {"AWS_CSM_ENABLED"}, {key("csm_enabled")}, "false", true, kind::boolean},
    {"csm_host", {"AWS_CSM_HOST"}, {key("csm_host")}, "127.0.0.1", true, kind::text},
    {"csm_port", {"AWS_CSM_PORT"}, {key("csm_port")}, "31000", true, kind::integer},
    {"csm_client_id", {"AWS_CSM_CLIENT_ID"}, {key("csm_client_id")}, "", true, kind::text},
    {"endpoint_discovery_enabled", {"AWS_ENDPOINT_DISCOVERY_ENABLED"}, {key("endpoint_discovery_enabled")}, "auto",
     true, kind::text},
    {"sts_regional_endpoints", {"AWS_STS_REGIONAL_ENDPOINTS"}, {key("sts_regional_endpoints")}, "regional", true,
     kind::text, smart_field::sts_regional_endpoints},
    {"retry_mode", {"AWS_RETRY_MODE"}, {key("retry_mode")}, "legacy", true, kind::text, smart_field::retry_mode},
    {"defaults_mode", {"AWS_DEFAULTS_MODE"}, {key("defaults_mode")}, "legacy", true, kind::text},
    {"max_attempts", {"AWS_MAX_ATTEMPTS"}, {key("max_attempts")}, "", false, kind::integer},
    {"user_agent_appid", {"AWS_SDK_UA_APP_ID"}, {key("sdk_ua_app_id")}, "", false, kind::text},
    {"request_min_compression_size_bytes", {"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES"},
     {key("request_min_compression_size_bytes")}, "10240", true, kind::integer},
    {"disable_request_compression", {"AWS_DISABLE_REQUEST_COMPRESSION"}, {key("disable_request_compression")},
     "false", true, kind::boolean},
    {"sigv4a_signing_region_set", {"AWS_SIGV4A_SIGNING_REGION_SET"}, {key("sigv4a_signing_region_set")}, "", false,
     kind::text},
    {"request_checksum_calculation", {"AWS_REQUEST_CHECKSUM_CALCULATION"}, {key("request_checksum_calculation")},
     "when_supported", true, kind::text},
    {"response_checksum_validation", {"AWS_RESPONSE_CHECKSUM_VALIDATION"}, {key("response_checksum_validation")},
     "when_supported", true, kind::text},
    {"account_id_endpoint_mode", {"AWS_ACCOUNT_ID_ENDPOINT_MODE"}, {key("account_id_endpoint_mode")}, "preferred",
     true, kind::text},
    {"disable_host_prefix_injection", {"AWS_DISABLE_HOST_PREFIX_INJECTION"}, {key("disable_host_prefix_injection")},
     "", false, kind::boolean},
    {"auth_scheme_preference", {"AWS_AUTH_SCHEME_PREFERENCE"}, {key("auth_scheme_preference")}, "", false,
     kind::text},
    {"tcp_keepalive", {"BOTOCORE_TCP_KEEPALIVE"}, {key("tcp_keepalive")}, "", false, kind::boolean},
    {"s3_disable_express_session_auth", {"AWS_S3_DISABLE_EXPRESS_SESSION_AUTH"},
     {key("s3_disable_express_session_auth")}, "", false, kind::text},
};

// DEFAULT_S3_CONFIG_VARS: the chains that override keys of the profile's `s3` sub-section.
constexpr variable s3_variables[] = {
    {"addressing_style", {}, {s3_key("addressing_style")}, "", false, kind::text},
    {"use_accelerate_endpoint", {}, {s3_key("use_accelerate_endpoint")}, "", false, kind::boolean},
    {"use_dualstack_endpoint", {}, {s3_key("use_dualstack_endpoint")}, "", false, kind::boolean},
    {"payload_signing_enabled", {}, {s3_key("payload_signing_enabled")}, "", false, kind::boolean},
    {"use_arn_region", {"AWS_S3_USE_ARN_REGION"}, {key("s3_use_arn_region"), s3_key("use_arn_region")}, "", false,
     kind::boolean},
    {"us_east_1_regional_endpoint", {"AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"},
     {key("s3_us_east_1_regional_endpoint"), s3_key("us_east_1_regional_endpoint")}, "", false, kind::text,
     smart_field::s3_us_east_1_regional_endpoint},
    {"s3_disable_multiregion_access_points", {"AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS"},
     {s3_key("s3_disable_multiregion_access_points")}, "", false, kind::boolean},
};

variable const* find_variable(std::span<variable const> table, std::string_view name) {
  for (auto const& v : table)
    if (v.name == name) return &v;
  return nullptr;
}

bool ensure_boolean(std::string_view s) {
  if (s.size() != 4) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return lower(s[0]) == 't' && lower(s[1]) == 'r' && lower(s[2]) == 'u' && lower(s[3]) == 'e';
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Python's int(): surrounding whitespace, an optional sign, digits with single underscores
// between them.
std::optional<long long> python_int(std::string_view s) {
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::string digits;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i > 0 && i + 1 < s.size() && s[i - 1] != '_' && s[i + 1] != '_') continue;
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    digits += s[i];
  }
  if (digits.empty()) return std::nullopt;
  long long value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
  return negative ? -value : value;
}

struct lookup {
  std::string value;
  std::string origin;  // where it came from, for messages
};

std::optional<lookup> resolve(config_resolver const& r, variable const& var, smart_defaults const* mode) {
  for (auto e : var.env) {
    if (e.empty()) continue;
    if (auto v = env_get(r.env(), e)) return lookup{std::string(*v), "environment variable " + std::string(e)};
  }
  auto const& scoped = r.scoped_config();
  for (auto const& k : var.keys) {
    if (k.key.empty()) continue;
    if (k.section.empty()) {
      auto it = scoped.find(k.key);
      if (it != scoped.end() && !it->second.nested)
        return lookup{it->second.text, "key " + std::string(k.key) + " of profile " + r.profile_name()};
      continue;
    }
    auto it = scoped.find(k.section);
    if (it == scoped.end() || !it->second.nested) continue;
    auto sub = it->second.sub.find(k.key);
    if (sub != it->second.sub.end())
      return lookup{sub->second,
                    "key " + std::string(k.section) + "." + std::string(k.key) + " of profile " + r.profile_name()};
  }
  if (mode) {
    std::string const* smart = nullptr;
    switch (var.smart) {
      case smart_field::retry_mode: smart = &mode->retry_mode; break;
      case smart_field::sts_regional_endpoints: smart = &mode->sts_regional_endpoints; break;
      case smart_field::s3_us_east_1_regional_endpoint: smart = &mode->s3_us_east_1_regional_endpoint; break;
      case smart_field::none: break;
    }
    if (smart && !smart->empty()) return lookup{*smart, "defaults mode " + mode->mode};
  }
  if (var.smart == smart_field::retry_mode) {
    // botocore's default turns to standard when AWS_NEW_RETRIES_2026 is "true".
    auto flag = env_get(r.env(), "AWS_NEW_RETRIES_2026");
    return lookup{flag && ensure_boolean(*flag) ? "standard" : "legacy", "the default"};
  }
  if (!var.has_default) return std::nullopt;
  return lookup{std::string(var.default_value), "the default"};
}

std::optional<lookup> find(config_resolver const& r, std::string_view name, smart_defaults const* mode) {
  if (name == "profile") {
    if (!r.profile_named()) return std::nullopt;
    return lookup{r.profile_name(), "the selected profile"};
  }
  variable const* var = find_variable(session_variables, name);
  if (!var) return std::nullopt;
  return resolve(r, *var, mode);
}

}  // namespace


std::string service_id_env_suffix(std::string_view service_id) {
  std::string out(service_id);
  for (auto& c : out) {
    if (c == ' ' || c == '-') c = '_';
    else if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

config_resolver::config_resolver(environment env, std::shared_ptr<config_files const> files, std::string profile,
                                 bool named, bool explicit_profile)
    : env_(std::move(env)),
      files_(std::move(files)),
      profile_(std::move(profile)),
      profile_named_(named),
      profile_explicit_(explicit_profile) {
  static config_section const empty;
  auto const* p = files_->profile(profile_);
  scoped_ = p ? p : &empty;
}

config_result<std::shared_ptr<config_resolver const>> config_resolver::load(environment env,
                                                                           std::optional<std::string> explicit_profile) {
  auto config_file = env_get(env, "AWS_CONFIG_FILE").value_or("~/.aws/config");
  auto credentials_file = env_get(env, "AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials");
  auto files = load_config_files(config_file, credentials_file, env);
  if (!files) return files.error();
  return create(std::move(env), std::move(*files), std::move(explicit_profile));
}

config_result<std::shared_ptr<config_resolver const>> config_resolver::create(
    environment env, config_files files, std::optional<std::string> explicit_profile) {
  std::optional<std::string> profile;
  bool is_explicit = false;
  if (explicit_profile) {
    profile = std::move(explicit_profile);
    is_explicit = true;
  } else if (auto p = env_get(env, "AWS_DEFAULT_PROFILE")) {
    profile = std::string(*p);
  } else if (auto q = env_get(env, "AWS_PROFILE")) {
    profile = std::string(*q);
  }
  bool named = profile.has_value();
  if (named && !files.profile(*profile))
    return make_error_info(error::invalid_config, "The config profile (" + *profile + ") could not be found");
  return std::make_shared<config_resolver const>(std::move(env), std::make_shared<config_files const>(std::move(files)),
                                                 named ? std::move(*profile) : std::string("default"), named,
                                                 is_explicit);
}

bool config_resolver::is_known(std::string_view name) {
  return name == "profile" || find_variable(session_variables, name) != nullptr;
}

std::optional<std::string> config_resolver::get(std::string_view name, smart_defaults const* mode) const {
  auto found = find(*this, name, mode);
  if (!found) return std::nullopt;
  return std::move(found->value);
}

std::optional<bool> config_resolver::get_bool(std::string_view name, smart_defaults const* mode) const {
  auto found = find(*this, name, mode);
  if (!found) return std::nullopt;
  return ensure_boolean(found->value);
}

config_result<std::optional<long long>> config_resolver::get_int(std::string_view name,
                                                                 smart_defaults const* mode) const {
  auto found = find(*this, name, mode);
  if (!found) return std::optional<long long>{};
  auto v = python_int(found->value);
  if (!v)
    return make_error_info(error::invalid_config, "invalid " + std::string(name) + " \"" + found->value + "\" (from " +
                                                      found->origin + "): expected an integer");
  return std::optional<long long>(*v);
}

std::optional<std::map<std::string, std::string>> config_resolver::s3_section(smart_defaults const* mode) const {
  std::optional<std::map<std::string, std::string>> section;
  if (auto it = scoped_->find("s3"); it != scoped_->end()) {
    if (!it->second.nested && !it->second.text.empty()) return std::nullopt;
    if (it->second.nested) section.emplace(it->second.sub.begin(), it->second.sub.end());
  }
  for (auto const& var : s3_variables) {
    auto found = resolve(*this, var, mode);
    if (!found) continue;
    if (!section) section.emplace();
    (*section)[std::string(var.name)] =
        var.type == kind::boolean ? (ensure_boolean(found->value) ? "true" : "false") : std::move(found->value);
  }
  return section;
}

s3_config config_resolver::s3_settings(smart_defaults const* mode) const {
  s3_config out;
  auto section = s3_section(mode);
  if (!section) return out;
  auto text = [&](char const* k) -> std::optional<std::string> {
    auto it = section->find(k);
    if (it == section->end()) return std::nullopt;
    return it->second;
  };
  auto flag = [&](char const* k) -> std::optional<bool> {
    auto t = text(k);
    if (!t) return std::nullopt;
    return ensure_boolean(*t);
  };
  out.addressing_style = text("addressing_style");
  out.use_accelerate_endpoint = flag("use_accelerate_endpoint");
  out.use_dualstack_endpoint = flag("use_dualstack_endpoint");
  out.use_arn_region = flag("use_arn_region");
  out.us_east_1_regional_endpoint = text("us_east_1_regional_endpoint");
  out.disable_multiregion_access_points = flag("s3_disable_multiregion_access_points");
  out.payload_signing_enabled = flag("payload_signing_enabled");
  return out;
}

proxies_config config_resolver::proxies_settings() const {
  proxies_config out;
  auto text = [&](std::string_view k) -> std::optional<std::string> {
    auto it = scoped_->find(k);
    if (it == scoped_->end() || it->second.nested) return std::nullopt;
    return it->second.text;
  };
  out.proxy_ca_bundle = text("proxy_ca_bundle");
  out.proxy_client_cert = text("proxy_client_cert");
  if (auto f = text("proxy_use_forwarding_for_https")) out.proxy_use_forwarding_for_https = ensure_boolean(*f);
  return out;
}

config_result<std::optional<std::string>> config_resolver::endpoint_url(std::string_view service_id) const {
  std::string suffix = service_id_env_suffix(service_id);
  if (auto v = env_get(env_, "AWS_ENDPOINT_URL_" + suffix); v && !v->empty()) return std::optional<std::string>(*v);
  if (auto v = env_get(env_, "AWS_ENDPOINT_URL"); v && !v->empty()) return std::optional<std::string>(*v);

  if (auto it = scoped_->find("services"); it != scoped_->end()) {
    // botocore looks the named section up whatever the value; a sub-section never names one.
    std::string const& name = it->second.text;
    auto section = it->second.nested ? files_->services.end() : files_->services.find(name);
    if (section == files_->services.end() || section->second.empty())
      return make_error_info(error::invalid_config, "The profile is configured to use the services section but the \"" +
                                                        name + "\" services configuration does not exist.");
    auto service = section->second.find(ascii_lower(suffix));
    if (service != section->second.end() && service->second.nested) {
      auto url = service->second.sub.find("endpoint_url");
      if (url != service->second.sub.end() && !url->second.empty()) return std::optional<std::string>(url->second);
    }
  }
  if (auto it = scoped_->find("endpoint_url"); it != scoped_->end() && !it->second.nested && !it->second.text.empty())
    return std::optional<std::string>(it->second.text);
  return std::optional<std::string>{};
}

config_result<std::optional<smart_defaults>> config_resolver::defaults_mode(
    boost::json::value const& sdk_default_configuration, std::string_view region,
    std::optional<std::string_view> client_mode) const {
  std::string mode = client_mode && !client_mode->empty() ? std::string(*client_mode) : *get("defaults_mode");
  return resolve_smart_defaults(sdk_default_configuration, mode, region, env_);
}

config_result<client_config> config_resolver::to_client_config(smart_defaults const* mode) const {
  client_config c;
  c.region_name = get("region");
  c.retries.mode = get("retry_mode", mode);
  auto max_attempts = get_int("max_attempts");
  if (!max_attempts) return max_attempts.error();
  if (*max_attempts) c.retries.total_max_attempts = static_cast<int>(**max_attempts);
  c.s3 = s3_settings(mode);
  c.proxies_config = proxies_settings();
  c.use_fips_endpoint = get_bool("use_fips_endpoint");
  c.use_dualstack_endpoint = get_bool("use_dualstack_endpoint");
  c.defaults_mode = get("defaults_mode");
  c.user_agent_appid = get("user_agent_appid");
  auto min_size = get_int("request_min_compression_size_bytes");
  if (!min_size) return min_size.error();
  if (*min_size) {
    if (**min_size < 0 || **min_size > 10485760)
      return make_error_info(error::invalid_config, "invalid request_min_compression_size_bytes " +
                                                        std::to_string(**min_size) +
                                                        ": must be between 0 and 10485760");
    c.request_min_compression_size_bytes = static_cast<int>(**min_size);
  }
  c.disable_request_compression = get_bool("disable_request_compression");
  c.tcp_keepalive = get_bool("tcp_keepalive");
  auto lowered = [&](std::string_view name) -> std::optional<std::string> {
    auto v = get(name);
    if (v) *v = ascii_lower(*v);
    return v;
  };
  c.account_id_endpoint_mode = lowered("account_id_endpoint_mode");
  c.request_checksum_calculation = lowered("request_checksum_calculation");
  c.response_checksum_validation = lowered("response_checksum_validation");
  c.sigv4a_signing_region_set = get("sigv4a_signing_region_set");
  c.auth_scheme_preference = get("auth_scheme_preference");
  if (mode && mode->connect_timeout) c.connect_timeout = *mode->connect_timeout;
  if (auto it = scoped_->find("parameter_validation"); it != scoped_->end() && !it->second.nested)
    c.parameter_validation = ensure_boolean(it->second.text);
  if (auto d = get_bool("disable_host_prefix_injection")) c.inject_host_prefix = !*d;
  return c;
}

namespace {

// Python's repr of a tuple of strings, as botocore's messages print the allowed values.
std::string python_tuple(std::span<std::string_view const> values) {
  std::string out = "(";
  for (auto v : values) out += (out.size() > 1 ? ", '" : "'") + std::string(v) + "'";
  return out + ")";
}

}  // namespace

config_result<void> validate_enumerated_settings(client_config& config) {
  static constexpr std::array<std::string_view, 2> checksum_values{"when_supported", "when_required"};
  static constexpr std::array<std::string_view, 3> account_id_values{"preferred", "disabled", "required"};
  auto allowed = [](std::span<std::string_view const> values, std::string const& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
  };
  for (auto [key, value] : {std::pair{"request_checksum_calculation", &config.request_checksum_calculation},
                            std::pair{"response_checksum_validation", &config.response_checksum_validation}}) {
    if (!*value) continue;
    **value = ascii_lower(**value);
    if (!allowed(checksum_values, **value))
      return make_error_info(error::invalid_config, "Unsupported configuration value for " + std::string(key) +
                                                        ". Expected one of " + python_tuple(checksum_values) +
                                                        " but got " + **value + ".");
  }
  bool unsigned_client = config.signature_version && *config.signature_version == "UNSIGNED";
  if (auto& mode = config.account_id_endpoint_mode; mode && !unsigned_client) {
    *mode = ascii_lower(*mode);
    if (!allowed(account_id_values, *mode))
      return make_error_info(error::invalid_config, "The configured value '" + *mode +
                                                        "' for 'account_id_endpoint_mode' is invalid. Valid values "
                                                        "are: " + python_tuple(account_id_values) + ".");
  }
  return {};
}

}  // namespace awscoro::detail

// Client configuration: botocore's Config, as an aggregate of optional settings.
//
// An unset field means "not given here": the effective value comes from the next source in
// botocore's precedence (client argument > this config > environment > shared config file >
// defaults mode > built-in default). `merge` layers one config over another.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace awscoro {

struct retry_config {
  std::optional<int> max_attempts;        // retries after the first attempt (botocore's max_attempts)
  std::optional<int> total_max_attempts;  // attempts in all, first included
  std::optional<std::string> mode;        // "legacy", "standard", "adaptive"
};

struct s3_config {
  std::optional<std::string> addressing_style;  // "auto", "virtual", "path"
  std::optional<bool> use_accelerate_endpoint;
  std::optional<bool> use_dualstack_endpoint;
  std::optional<bool> use_arn_region;
  std::optional<std::string> us_east_1_regional_endpoint;  // "regional", "legacy"
  std::optional<bool> disable_multiregion_access_points;
  std::optional<bool> payload_signing_enabled;
};

// TLS with https:// proxies. Once a CA bundle or client certificate is given the proxy's
// certificate is always checked (as botocore does); otherwise it is checked like a service's.
struct proxies_config {
  std::optional<std::string> proxy_ca_bundle;    // PEM CAs that vouch for the proxy
  std::optional<std::string> proxy_client_cert;  // PEM file: certificate (chain) and private key
  // Send https requests to an https:// proxy to make (not through a CONNECT tunnel).
  std::optional<bool> proxy_use_forwarding_for_https;
};

struct client_config {
  std::optional<std::string> region_name;
  std::optional<std::string> signature_version;  // "v4", "s3v4", "UNSIGNED", ...
  std::optional<std::string> user_agent;
  std::optional<std::string> user_agent_extra;
  std::optional<std::string> user_agent_appid;
  std::optional<std::chrono::milliseconds> connect_timeout;  // default 60 s
  std::optional<std::chrono::milliseconds> read_timeout;     // default 60 s
  std::optional<int> max_pool_connections;                   // default 10
  std::map<std::string, std::string> proxies;                // scheme -> proxy URL
  awscoro::proxies_config proxies_config;
  s3_config s3;
  retry_config retries;
  std::optional<std::string> client_cert;
  std::optional<bool> inject_host_prefix;
  std::optional<bool> use_fips_endpoint;
  std::optional<bool> use_dualstack_endpoint;
  std::optional<bool> parameter_validation;
  std::optional<bool> tcp_keepalive;
  std::optional<int> request_min_compression_size_bytes;
  std::optional<bool> disable_request_compression;
  std::optional<std::string> defaults_mode;
  std::optional<std::string> account_id_endpoint_mode;
  // "auto" (discover for operations that require it), "true" or "false"; see endpoint discovery.
  std::optional<std::string> endpoint_discovery_enabled;
  std::optional<std::string> request_checksum_calculation;
  std::optional<std::string> response_checksum_validation;
  std::optional<std::string> sigv4a_signing_region_set;
  // Auth schemes to prefer where an operation offers several, comma separated ("sigv4,sigv4a").
  std::optional<std::string> auth_scheme_preference;
  // True: endpoint URLs from the environment and config files (AWS_ENDPOINT_URL*, endpoint_url,
  // services sections) are not used; unset: the ignore_configured_endpoint_urls setting decides.
  std::optional<bool> ignore_configured_endpoint_urls;

  // Fields set in `over` replace those here (botocore's Config.merge).
  client_config merge(client_config const& over) const;
};

}  // namespace awscoro

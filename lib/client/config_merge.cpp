// client_config::merge: botocore's Config.merge, field by field.
#include <awscoro/config.hpp>

namespace awscoro {
namespace {

template <class T>
void over(std::optional<T>& base, std::optional<T> const& top) {
  if (top) base = top;
}

}  // namespace

client_config client_config::merge(client_config const& o) const {
  client_config r = *this;
  over(r.region_name, o.region_name);
  over(r.signature_version, o.signature_version);
  over(r.user_agent, o.user_agent);
  over(r.user_agent_extra, o.user_agent_extra);
  over(r.user_agent_appid, o.user_agent_appid);
  over(r.connect_timeout, o.connect_timeout);
  over(r.read_timeout, o.read_timeout);
  over(r.max_pool_connections, o.max_pool_connections);
  for (auto const& [k, v] : o.proxies) r.proxies[k] = v;
  over(r.proxies_config.proxy_ca_bundle, o.proxies_config.proxy_ca_bundle);
  over(r.proxies_config.proxy_client_cert, o.proxies_config.proxy_client_cert);
  over(r.proxies_config.proxy_use_forwarding_for_https, o.proxies_config.proxy_use_forwarding_for_https);
  over(r.s3.addressing_style, o.s3.addressing_style);
  over(r.s3.use_accelerate_endpoint, o.s3.use_accelerate_endpoint);
  over(r.s3.use_dualstack_endpoint, o.s3.use_dualstack_endpoint);
  over(r.s3.use_arn_region, o.s3.use_arn_region);
  over(r.s3.us_east_1_regional_endpoint, o.s3.us_east_1_regional_endpoint);
  over(r.s3.disable_multiregion_access_points, o.s3.disable_multiregion_access_points);
  over(r.s3.payload_signing_enabled, o.s3.payload_signing_enabled);
  over(r.retries.max_attempts, o.retries.max_attempts);
  over(r.retries.total_max_attempts, o.retries.total_max_attempts);
  over(r.retries.mode, o.retries.mode);
  over(r.client_cert, o.client_cert);
  over(r.inject_host_prefix, o.inject_host_prefix);
  over(r.use_fips_endpoint, o.use_fips_endpoint);
  over(r.use_dualstack_endpoint, o.use_dualstack_endpoint);
  over(r.parameter_validation, o.parameter_validation);
  over(r.tcp_keepalive, o.tcp_keepalive);
  over(r.request_min_compression_size_bytes, o.request_min_compression_size_bytes);
  over(r.disable_request_compression, o.disable_request_compression);
  over(r.defaults_mode, o.defaults_mode);
  over(r.account_id_endpoint_mode, o.account_id_endpoint_mode);
  over(r.endpoint_discovery_enabled, o.endpoint_discovery_enabled);
  over(r.request_checksum_calculation, o.request_checksum_calculation);
  over(r.response_checksum_validation, o.response_checksum_validation);
  over(r.sigv4a_signing_region_set, o.sigv4a_signing_region_set);
  over(r.auth_scheme_preference, o.auth_scheme_preference);
  over(r.ignore_configured_endpoint_urls, o.ignore_configured_endpoint_urls);
  return r;
}

}  // namespace awscoro

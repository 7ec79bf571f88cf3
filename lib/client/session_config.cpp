#include "client/session_config.hpp"

#include "config/config_resolver.hpp"
#include "config/environment.hpp"
#include "model/model_registry.hpp"

namespace awscoro::detail {

std::string session_config::endpoint_url_for(std::string const& service_id) const {
  if (!resolver) return {};
  auto url = resolver->endpoint_url(service_id);
  if (!url) throw_error(url.error().code, {.message = url.error().message});
  return url->value_or("");
}

std::shared_ptr<session_config const> load_session_config(session_options const& options) {
  auto env = process_environment();
  auto resolver = config_resolver::load(env, options.profile).value();
  auto cfg = std::make_shared<session_config>();
  cfg->environment_proxies = proxies_from_environment(env);
  cfg->resolver = resolver;
  cfg->profile = resolver->profile_name();
  cfg->region = resolver->get("region").value_or("");

  std::optional<smart_defaults> mode;
  load_error err{};
  if (auto defaults = model_registry::instance().data("sdk-default-configuration", &err))
    mode = resolver->defaults_mode(*defaults, cfg->region).value();
  cfg->file_config = resolver->to_client_config(mode ? &*mode : nullptr).value();
  // The region has its own precedence (the session's option sits between a client's config and
  // the files), so it is kept apart from the file's other settings.
  cfg->file_config.region_name.reset();
  cfg->retry_mode = cfg->file_config.retries.mode.value_or("legacy");
  cfg->ca_bundle = resolver->get("ca_bundle").value_or("");
  cfg->ignore_configured_endpoint_urls = resolver->get_bool("ignore_configured_endpoint_urls").value_or(false);
  cfg->sts_regional_endpoints = resolver->get("sts_regional_endpoints").value_or("regional");
  return cfg;
}

}  // namespace awscoro::detail

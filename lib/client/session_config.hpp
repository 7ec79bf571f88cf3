// What a session resolves once from the environment and the shared config files, with
// botocore's precedence (environment over profile over default), for every client it creates.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <awscoro/config.hpp>
#include <awscoro/session.hpp>

#include "http/proxy.hpp"

namespace awscoro::detail {

class config_resolver;

struct session_config {
  std::string profile;
  std::string region;                    // empty: none configured
  std::string retry_mode;                // "legacy" unless configured
  int max_attempts = -1;                 // total attempts; -1: the mode's default
  std::string ca_bundle;
  bool ignore_configured_endpoint_urls = false;
  std::string sts_regional_endpoints = "regional";
  client_config file_config;             // settings read from the profile / environment
  proxy_settings environment_proxies;    // HTTP_PROXY, HTTPS_PROXY, NO_PROXY
  std::shared_ptr<config_resolver const> resolver;

  // The configured endpoint URL for a service (AWS_ENDPOINT_URL_<ID>, the services section,
  // AWS_ENDPOINT_URL, the profile's endpoint_url), or empty.
  std::string endpoint_url_for(std::string const& service_id) const;
};

// Reads the environment and the config and credentials files. Blocks on file reads: run it off
// the event loop. Throws config_error naming the file and line of a malformed file.
std::shared_ptr<session_config const> load_session_config(session_options const& options);

}  // namespace awscoro::detail

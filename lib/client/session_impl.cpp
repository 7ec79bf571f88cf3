#include "client/session_impl.hpp"

#include <boost/asio/this_coro.hpp>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "client/client_impl.hpp"
#include "client/csm_monitor.hpp"
#include "config/config_resolver.hpp"
#include "credentials/aws_caller.hpp"
#include "credentials/bearer_token_env.hpp"
#include "credentials/credential_cache.hpp"
#include "credentials/credential_chain.hpp"
#include "credentials/custom_provider.hpp"
#include "credentials/found_credentials_log.hpp"
#include "endpoint/partitions.hpp"
#include "endpoint/rule_set.hpp"
#include "model/model_registry.hpp"
#include "util/log.hpp"
#include "util/off_loop.hpp"

#ifndef AWSCORO_VERSION
#define AWSCORO_VERSION "0.1.0"
#endif

namespace awscoro::detail {
namespace asio = boost::asio;

namespace {

// The services whose model, rule set, paginators, waiters, partitions and retry rules have been
// read in this process (the registries keep them for its lifetime).
struct loaded_services {
  static std::shared_ptr<service_model const> find(std::string const& key) {
    std::lock_guard lock(mutex());
    auto it = models().find(key);
    return it == models().end() ? nullptr : it->second;
  }
  static void add(std::string const& key, std::shared_ptr<service_model const> model) {
    std::lock_guard lock(mutex());
    models().emplace(key, std::move(model));
  }

 private:
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::unordered_map<std::string, std::shared_ptr<service_model const>>& models() {
    static std::unordered_map<std::string, std::shared_ptr<service_model const>> m;
    return m;
  }
};

}  // namespace

namespace {

[[noreturn]] void fail(error e, std::string message) {
  diagnostics d;
  d.message = std::move(message);
  throw_error(make_error_code(e), std::move(d));
}

std::string user_agent(service_model const& model, client_config const& config) {
  std::string ua = config.user_agent.value_or("awscoro/" AWSCORO_VERSION);
  ua += " ua/2.1 os/linux lang/cpp#20 md/awscoro#" AWSCORO_VERSION;
  if (!model.metadata.service_id.empty()) {
    std::string id = model.metadata.service_id;
    for (auto& c : id)
      if (c == ' ') c = '_';
    ua += " api/" + id + "#" + model.metadata.api_version;
  }
  if (config.user_agent_appid) ua += " app/" + *config.user_agent_appid;
  if (config.user_agent_extra) ua += " " + *config.user_agent_extra;
  return ua;
}

[[noreturn]] void fail_with(boost::system::error_code ec, std::string message) {
  diagnostics d;
  d.message = std::move(message);
  throw_error(ec, std::move(d));
}

// Places the application's providers as botocore's insert_before / insert_after would; "" when
// all found their place, else what is wrong.
std::string add_custom_providers(credential_chain& chain, std::vector<custom_credential_provider> const& custom) {
  for (auto const& entry : custom) {
    if (!entry.provider) return "a custom credential provider is null";
    auto provider = std::make_shared<custom_provider>(entry.provider);
    if (!entry.insert_before.empty() && !entry.insert_after.empty())
      return "custom credential provider " + std::string(provider->name()) +
             ": give insert_before or insert_after, not both";
    std::string const& anchor = entry.insert_before.empty() ? entry.insert_after : entry.insert_before;
    bool placed = true;
    if (anchor.empty())
      chain.prepend(provider);
    else if (!entry.insert_before.empty())
      placed = chain.insert_before(anchor, provider);
    else
      placed = chain.insert_after(anchor, provider);
    if (!placed)
      return "custom credential provider " + std::string(provider->name()) + ": no provider named \"" + anchor +
             "\" in the credential chain (" + chain.describe() + ")";
  }
  return {};
}

// One pass through the chain, logging which provider answered (the CLI's --debug shows it).
asio::awaitable<credential_result> resolve_and_log(std::shared_ptr<credential_chain> chain,
                                                   std::shared_ptr<config_resolver const> config) {
  auto result = co_await chain->resolve();
  if (result && *result && debug_logging_enabled()) log_debug(found_credentials_message(**result, *config));
  co_return result;
}

}  // namespace

session_impl::session_impl(asio::any_io_executor ex, session_options options)
    : executor_(std::move(ex)), options_(std::move(options)) {
  // botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE; the config resolver decides for
  // real when the files load, this is only the name until then.
  if (options_.profile) {
    profile_ = *options_.profile;
  } else if (char const* d = std::getenv("AWS_DEFAULT_PROFILE"); d && *d) {
    profile_ = d;
  } else if (char const* p = std::getenv("AWS_PROFILE"); p && *p) {
    profile_ = p;
  } else {
    profile_ = "default";
  }
}

session_impl::~session_impl() = default;

asio::awaitable<std::shared_ptr<session_config const>> session_impl::config() {
  {
    std::lock_guard lock(mutex_);
    if (config_) co_return config_;
  }
  auto options = options_;  // only an explicitly given profile counts as explicit
  auto load = [&options] { return load_session_config(options); };
  auto loaded = co_await run_off_loop(load);
  std::lock_guard lock(mutex_);
  if (!config_) {
    config_ = loaded;
    profile_ = loaded->profile;
  }
  co_return config_;
}

asio::awaitable<credentials> session_impl::get_credentials() {
  if (options_.aws_access_key_id || options_.aws_secret_access_key) {
    if (!options_.aws_access_key_id || !options_.aws_secret_access_key)
      fail(error::partial_credentials, std::string("partial credentials given to the session: ") +
                                           (options_.aws_access_key_id ? "aws_secret_access_key" : "aws_access_key_id") +
                                           " is missing");
    co_return credentials{*options_.aws_access_key_id, *options_.aws_secret_access_key,
                          options_.aws_session_token.value_or(""), std::nullopt, "explicit"};
  }
  auto cfg = co_await config();
  std::shared_ptr<credential_chain> chain;
  std::shared_ptr<credential_cache> cache;
  {
    std::lock_guard lock(mutex_);
    if (!chain_) {
      std::weak_ptr<session_impl> weak = weak_from_this();
      aws_caller caller = [weak](aws_call call) { return call_for_credentials(weak, std::move(call)); };
      auto built = make_default_credential_chain(cfg->resolver, std::move(caller), options_.mfa_prompter);
      if (auto problem = add_custom_providers(*built, options_.credential_providers); !problem.empty())
        fail(error::invalid_config, problem);
      chain_ = std::move(built);
      // Refreshes go through the whole chain; the cache keeps one in flight at a time.
      credential_cache_ = std::make_shared<credential_cache>(
          [c = chain_, r = cfg->resolver] { return resolve_and_log(c, r); });
    }
    chain = chain_;
    cache = credential_cache_;
  }
  auto result = co_await cache->get();
  if (!result) fail_with(result.error().code, result.error().message);
  auto found = std::move(*result);
  if (!found)
    fail(error::no_credentials,
         "Unable to locate credentials: no provider in the chain (" + chain->describe() + ") supplied any");
  co_return *found;
}

asio::awaitable<config_result<boost::json::object>> session_impl::call_for_credentials(std::weak_ptr<session_impl> weak,
                                                                                      aws_call call) {
  auto self = weak.lock();
  if (!self)
    co_return make_error_info(error::credential_provider, "the session was destroyed before " + call.operation);
  session_options options;
  options.profile = self->options_.profile;
  options.region_name = call.region.empty() ? self->options_.region_name : std::optional<std::string>(call.region);
  client_options copts;
  if (call.creds) {
    options.aws_access_key_id = call.creds->access_key;
    options.aws_secret_access_key = call.creds->secret_key;
    if (!call.creds->token.empty()) options.aws_session_token = call.creds->token;
  } else {
    client_config unsigned_config;
    unsigned_config.signature_version = "UNSIGNED";
    copts.config = unsigned_config;
  }
  if (!call.region.empty()) copts.region_name = call.region;
  session inner(self->executor_, std::move(options));
  self.reset();
  try {
    auto creating = inner.create_client(call.service, std::move(copts));
    auto c = co_await std::move(creating);
    if (call.edit_request) {
      c.meta().events().register_handler("before-call", [edit = std::move(call.edit_request)](event_args& args) {
        if (args.request) edit(*args.request);
      });
    }
    auto calling = c.call(call.operation, std::move(call.params));
    auto answer = co_await std::move(calling);
    co_return answer;
  } catch (error_base const& e) {
    co_return failed_call(e);
  }
}

asio::awaitable<client> session_impl::create_client(std::string service, client_options options) {
  auto self = shared_from_this();
  auto cfg = co_await config();
  std::string api_version = options.api_version.value_or("");
  load_error err{};
  // The paginator and waiter definitions are read here too, off the loop, so a later
  // get_paginator/get_waiter finds them in memory.
  auto load = [&service, &api_version, &err] {
    auto& registry = model_registry::instance();
    auto model = registry.service(service, api_version, &err);
    if (model) {
      load_error optional{};
      registry.service_data(service, api_version, "paginators-1", &optional);
      registry.service_data(service, api_version, "waiters-2", &optional);
      // Likewise what the client reads when it is built: the endpoint rule set, partitions and
      // retry rules.
      std::string absent;
      rule_set::load(service, &absent);
      partitions::load(&absent);
      registry.data("_retry", &optional);
    }
    return model;
  };
  // Once a service has been loaded, all of that is in memory for good: later clients of it skip
  // the trip off the loop.
  std::string const loaded_key = service + '\n' + api_version;
  std::shared_ptr<service_model const> model = loaded_services::find(loaded_key);
  if (!model) {
    model = co_await run_off_loop(load);
    if (model) loaded_services::add(loaded_key, model);
  }
  if (!model) {
    fail(err.kind == load_error::unknown_service ? error::unknown_service
         : err.kind == load_error::unknown_api_version ? error::unknown_service
                                                       : error::model_load,
         err.message);
  }

  client_config config = cfg->file_config;
  if (options.config) config = config.merge(*options.config);
  if (auto checked = validate_enumerated_settings(config); !checked)
    fail_with(checked.error().code, checked.error().message);

  client_settings s;
  if (options.region_name) {
    s.region = *options.region_name;
  } else if (config.region_name) {
    s.region = *config.region_name;
  } else if (options_.region_name) {
    s.region = *options_.region_name;
  } else {
    s.region = cfg->region;
  }
  config.region_name = s.region;
  if (options.endpoint_url) {
    s.endpoint_url = *options.endpoint_url;
    s.endpoint_url_argument = true;
  } else if (!config.ignore_configured_endpoint_urls.value_or(cfg->ignore_configured_endpoint_urls)) {
    s.endpoint_url = cfg->endpoint_url_for(model->metadata.service_id);
  }
  s.use_ssl = options.use_ssl;
  s.verify = options.verify.value_or(true);
  s.ca_bundle = options.ca_bundle.value_or(cfg->ca_bundle);
  // botocore: the config's proxies when it has any (NO_PROXY does not apply to them), else the
  // environment's.
  if (!config.proxies.empty()) {
    s.proxy.proxies.insert(config.proxies.begin(), config.proxies.end());
  } else {
    s.proxy = cfg->environment_proxies;
  }
  s.proxy.use_forwarding_for_https = config.proxies_config.proxy_use_forwarding_for_https.value_or(false);
  s.proxy.ca_bundle = config.proxies_config.proxy_ca_bundle.value_or("");
  s.proxy.client_cert = config.proxies_config.proxy_client_cert.value_or("");
  for (char const* scheme : {"http", "https"}) {
    std::string why;
    route_through_proxy(s.proxy, scheme, "service.invalid", 443, why);  // checks the URLs only
    if (!why.empty()) fail(error::invalid_config, "invalid proxy configuration: " + why);
  }
  s.parameter_validation = config.parameter_validation.value_or(true);
  s.inject_host_prefix = config.inject_host_prefix.value_or(true);
  s.unsigned_requests = config.signature_version && *config.signature_version == "UNSIGNED";
  s.retry_mode = config.retries.mode.value_or(cfg->retry_mode.empty() ? "legacy" : cfg->retry_mode);
  if (s.retry_mode != "legacy" && s.retry_mode != "standard" && s.retry_mode != "adaptive")
    fail(error::invalid_config, "invalid retry mode \"" + s.retry_mode + "\": expected legacy, standard or adaptive");
  if (config.retries.total_max_attempts) {
    s.max_attempts = *config.retries.total_max_attempts;
  } else if (config.retries.max_attempts) {
    s.max_attempts = *config.retries.max_attempts + 1;  // botocore: retries after the first attempt
  } else {
    s.max_attempts = cfg->max_attempts;
  }
  if (s.max_attempts == 0 || s.max_attempts < -1)
    fail(error::invalid_config, "invalid max attempts " + std::to_string(s.max_attempts) + ": must be at least 1");
  s.user_agent = user_agent(*model, config);
  s.sts_regional_endpoints = cfg->sts_regional_endpoints;
  if (config.endpoint_discovery_enabled) s.endpoint_discovery = *config.endpoint_discovery_enabled;
  else if (cfg->resolver) s.endpoint_discovery = cfg->resolver->get("endpoint_discovery_enabled").value_or("auto");
  for (auto& c : s.endpoint_discovery) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.endpoint_discovery != "auto" && s.endpoint_discovery != "true" && s.endpoint_discovery != "false")
    fail(error::invalid_config,
         "Unsupported configuration value for endpoint_discovery_enabled. Expected one of (\"true\", \"false\", "
         "\"auto\") but got " + s.endpoint_discovery + ".");
  // As botocore, the client's bearer token is read from the environment when it is created.
  if (auto token = cfg->resolver ? bearer_token_from_environment(model->metadata.signing_name, cfg->resolver->env())
                                 : std::nullopt) {
    s.bearer_token = std::move(*token);
    bool const auth_set_in_code =
        options.config && (options.config->signature_version || options.config->auth_scheme_preference);
    s.prefer_bearer_token = prefers_environment_bearer_token(model->metadata.signing_name) && !auth_set_in_code;
  }

  std::optional<credentials> explicit_credentials;
  if (options.aws_access_key_id || options.aws_secret_access_key) {
    if (!options.aws_access_key_id || !options.aws_secret_access_key)
      fail(error::partial_credentials, std::string("partial credentials given to create_client: ") +
                                           (options.aws_access_key_id ? "aws_secret_access_key" : "aws_access_key_id") +
                                           " is missing");
    explicit_credentials = credentials{*options.aws_access_key_id, *options.aws_secret_access_key,
                                       options.aws_session_token.value_or(""), std::nullopt, "explicit"};
  }

  auto impl = std::make_shared<client_impl>(executor_, self, std::move(model), std::move(s), std::move(config),
                                            std::move(explicit_credentials), events_.copy());
  auto created = access::make_client(std::move(impl));
  if (cfg->resolver) {
    auto csm = csm_settings_from(*cfg->resolver);
    if (!csm) fail_with(csm.error().code, csm.error().message);
    if (*csm) register_csm_monitor(created.meta().events(), executor_, created.meta().service_id, std::move(**csm));
  }
  co_return created;
}

}  // namespace awscoro::detail

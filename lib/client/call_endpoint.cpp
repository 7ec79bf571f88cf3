#include "client/call_endpoint.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

#include "client/auth_scheme_choice.hpp"
#include "client/client_impl.hpp"
#include "endpoint/endpoint_resolver.hpp"
#include "endpoint/partitions.hpp"
#include "endpoint/rule_set.hpp"
#include "jmespath/expression.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// botocore's LEGACY_GLOBAL_STS_REGIONS: regions whose "legacy" STS endpoint is the global one.
constexpr std::string_view legacy_global_sts_regions[] = {
    "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1",
    "eu-central-1",   "eu-north-1", "eu-west-1",      "eu-west-2",      "eu-west-3",  "sa-east-1",
    "us-east-1",      "us-east-2",  "us-west-1",      "us-west-2"};

// The auth scheme the model asks for: an operation's own list wins over the service's, tried
// in the user's preferred order; a bearer token from the environment wins where it is accepted.
std::string model_auth_scheme(service_model const& model, operation_model const& op,
                              std::vector<std::string> const& preference, bool prefer_bearer_token) {
  auto const& offered = op.auth.empty() ? model.metadata.auth : op.auth;
  if (prefer_bearer_token && std::find(offered.begin(), offered.end(), "smithy.api#httpBearerAuth") != offered.end())
    return "bearer";
  auto pick = [&preference](std::vector<std::string> const& list) -> std::string {
    std::string chosen;
    auto known = [&](std::size_t i) {
      auto const& a = list[i];
      if (a == "aws.auth#sigv4") chosen = "sigv4";
      else if (a == "aws.auth#sigv4a") chosen = "sigv4a";
      else if (a == "smithy.api#httpBearerAuth") chosen = "bearer";
      else if (a == "smithy.api#noAuth") chosen = "none";
      return !chosen.empty();
    };
    visit_in_preferred_order(list.size(), [&](std::size_t i) -> std::string_view { return list[i]; }, preference, known);
    return chosen;
  };
  if (op.auth_type == "none") return "none";
  if (op.auth_type == "bearer") return "bearer";
  if (auto s = pick(op.auth); !s.empty()) return s;
  if (auto s = pick(model.metadata.auth); !s.empty()) return s;
  if (model.metadata.signature_version == "bearer") return "bearer";
  // SimpleDB still signs with Signature Version 2, as botocore does; Import/Export's model says
  // v2 as well, but botocore signs it with SigV4 (what its endpoint data once said).
  if (model.metadata.signature_version == "v2" && model.service_name != "importexport") return "v2";
  return "sigv4";
}

endpoint_param_value from_json(json::value const& v) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_array()) {
    std::vector<std::string> out;
    for (auto const& e : v.get_array())
      if (e.is_string()) out.emplace_back(e.get_string());
    return out;
  }
  return std::monostate{};
}

json::value to_json(endpoint_param_value const& v) {
  if (auto const* b = std::get_if<bool>(&v)) return *b;
  if (auto const* str = std::get_if<std::string>(&v)) return json::string(*str);
  if (auto const* list = std::get_if<std::vector<std::string>>(&v)) {
    json::array out;
    for (auto const& e : *list) out.emplace_back(e);
    return out;
  }
  return nullptr;
}

// One operationContextParams entry: a rule-set parameter and the JMESPath over the input that
// gives its value.
struct context_path {
  std::size_t parameter;
  jmespath::expression path;
};

}  // namespace

struct call_endpoint_resolver::impl {
  std::shared_ptr<service_model const> model;
  std::shared_ptr<rule_set const> rules;
  std::shared_ptr<partitions const> parts;
  std::string load_error;
  std::string region;
  std::string endpoint_url;
  bool use_ssl = true;
  endpoint_params built_ins;  // the client's built-in values, by parameter index
  int account_id_index = -1;  // the AWS::Auth::AccountId parameter, when it is to be filled
  std::string before_resolution_event;  // "before-endpoint-resolution.<service>"
  std::vector<std::string> auth_preference;  // auth_scheme_preference, parsed
  bool prefer_bearer_token = false;
  // operationContextParams, compiled once, by operation index in the model.
  std::vector<std::vector<context_path>> context_paths;
  // botocore's before-endpoint-resolution event: handlers see and edit the built-ins by name.
  // Only runs when a handler is registered, so a plain call pays nothing for it.
  void edit_built_ins(endpoint_params& values, event_emitter const& events, event_args& args) const {
    auto const& parameters = rules->parameters();
    json::object by_name;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      if (parameters[i].built_in.empty()) continue;
      if (auto const* v = values.get(i); v && !std::holds_alternative<std::monostate>(*v))
        by_name[parameters[i].built_in] = to_json(*v);
    }
    args.event_name = before_resolution_event;
    args.builtins = &by_name;
    events.emit(args);
    args.builtins = nullptr;
    values.clear();
    for (auto const& [name, v] : by_name)
      if (int i = rules->find_built_in(name); i >= 0) values.set(static_cast<std::size_t>(i), from_json(v));
  }
};

call_endpoint_resolver::call_endpoint_resolver(std::shared_ptr<service_model const> model,
                                               client_settings const& settings, client_config const& config)
    : impl_(std::make_unique<impl>()) {
  auto& s = *impl_;
  s.model = std::move(model);
  s.region = settings.region;
  s.endpoint_url = settings.endpoint_url;
  s.use_ssl = settings.use_ssl;
  s.auth_preference = parse_auth_scheme_preference(config.auth_scheme_preference.value_or(""));
  s.prefer_bearer_token = settings.prefer_bearer_token;
  s.rules = rule_set::load(s.model->service_name, &s.load_error);
  if (s.rules) s.parts = partitions::load(&s.load_error);
  if (!s.rules || !s.parts) return;

  bool const given_endpoint = !s.endpoint_url.empty();
  bool const accelerate = config.s3.use_accelerate_endpoint.value_or(false);
  std::string const addressing = config.s3.addressing_style.value_or("auto");
  bool force_path_style = false;
  if (accelerate)
    force_path_style = false;
  else if (given_endpoint && s.endpoint_url.find("s3-accelerate") == std::string::npos)
    force_path_style = addressing != "virtual";
  else
    force_path_style = addressing == "path";
  std::string const s3_regional = config.s3.us_east_1_regional_endpoint.value_or("legacy");
  bool const dualstack = config.use_dualstack_endpoint.value_or(false) ||
                         (s.model->service_name == "s3" && config.s3.use_dualstack_endpoint.value_or(false));
  bool const sts_global =
      settings.sts_regional_endpoints == "legacy" &&
      std::find(std::begin(legacy_global_sts_regions), std::end(legacy_global_sts_regions), s.region) !=
          std::end(legacy_global_sts_regions);

  auto set = [&](std::string_view built_in, endpoint_param_value v) {
    if (int i = s.rules->find_built_in(built_in); i >= 0) s.built_ins.set(static_cast<std::size_t>(i), std::move(v));
  };
  if (!s.region.empty()) set("AWS::Region", s.region);
  set("AWS::UseFIPS", !given_endpoint && config.use_fips_endpoint.value_or(false));
  set("AWS::UseDualStack", !given_endpoint && dualstack);
  set("AWS::STS::UseGlobalEndpoint", sts_global);
  set("AWS::S3::UseGlobalEndpoint", s3_regional == "legacy" && (s.region == "us-east-1" || s.region.empty()));
  set("AWS::S3::Accelerate", accelerate);
  set("AWS::S3::ForcePathStyle", force_path_style);
  set("AWS::S3::UseArnRegion", config.s3.use_arn_region.value_or(true));
  set("AWS::S3Control::UseArnRegion", config.s3.use_arn_region.value_or(false));
  set("AWS::S3::DisableMultiRegionAccessPoints", config.s3.disable_multiregion_access_points.value_or(false));
  if (given_endpoint) set("SDK::Endpoint", s.endpoint_url);
  // As botocore: unsigned requests have no credentials, so no account id to route by.
  std::string const account_mode =
      settings.unsigned_requests ? "disabled" : config.account_id_endpoint_mode.value_or("preferred");
  set("AWS::Auth::AccountIdEndpointMode", account_mode);
  if (account_mode != "disabled") s.account_id_index = s.rules->find_built_in("AWS::Auth::AccountId");
  s.before_resolution_event = "before-endpoint-resolution." + s.model->service_name;

  s.context_paths.resize(s.model->operations.size());
  for (std::size_t i = 0; i < s.model->operations.size(); ++i) {
    for (auto const& [name, def] : s.model->operations[i].operation_context_params) {
      int index = s.rules->find_parameter(name);
      auto const* path = def.is_object() ? def.get_object().if_contains("path") : nullptr;
      if (index < 0 || !path || !path->is_string()) continue;
      // A path that does not compile is a model defect: the parameter is left to its default,
      // as when the path finds nothing.
      if (auto expr = jmespath::compile_cached(path->get_string()))
        s.context_paths[i].push_back({static_cast<std::size_t>(index), std::move(*expr)});
    }
  }
}

bool call_endpoint_resolver::uses_account_id() const { return impl_->account_id_index >= 0; }

call_endpoint_resolver::~call_endpoint_resolver() = default;

boost::system::result<call_endpoint> call_endpoint_resolver::resolve(operation_model const& op,
                                                                     json::object& params,
                                                                     std::string_view account_id,
                                                                     event_emitter const& events, event_args& args,
                                                                     std::string& error_message) const {
  auto const& s = *impl_;
  auto const& model = *s.model;
  auto failed = [&](std::string msg) -> boost::system::result<call_endpoint> {
    error_message = std::move(msg);
    return boost::system::error_code(EINVAL, boost::system::generic_category());
  };
  if (!s.rules || !s.parts) return failed("no endpoint rule set for \"" + model.service_name + "\": " + s.load_error);
  auto const& rules = *s.rules;

  // Precedence per parameter (botocore's EndpointRulesetResolver): static context params of
  // the operation, then context params from the input, then operationContextParams, then
  // built-ins; each later step below overrides the earlier.
  endpoint_params values = s.built_ins;
  if (s.account_id_index >= 0 && !account_id.empty())
    values.set(static_cast<std::size_t>(s.account_id_index), std::string(account_id));
  if (model.service_name == "s3") {
    // botocore's customize_endpoint_resolver_builtins for S3.
    int force = rules.find_built_in("AWS::S3::ForcePathStyle");
    auto const* bucket = params.if_contains("Bucket");
    bool bucket_is_arn = bucket && bucket->is_string() && bucket->get_string().starts_with("arn:");
    if (force >= 0) {
      if (op.name == "GetBucketLocation")
        values.set(static_cast<std::size_t>(force), true);
      else if (bucket_is_arn)
        values.set(static_cast<std::size_t>(force), false);
    }
  }
  if (events.has_handlers(s.before_resolution_event)) s.edit_built_ins(values, events, args);
  auto const op_index = static_cast<std::size_t>(&op - model.operations.data());
  if (op_index < s.context_paths.size() && !s.context_paths[op_index].empty()) {
    // JMESPath reads a json::value: the params move in and back out, no copy.
    json::value document(std::move(params));
    for (auto const& [index, path] : s.context_paths[op_index]) {
      json::value storage;
      auto found = jmespath::evaluate_view(path, document, storage);
      if (found && !(*found)->is_null()) values.set(index, from_json(**found));
    }
    params = std::move(document.get_object());
  }
  if (op.input != no_shape) {
    for (auto const& m : model.at(op.input).members) {
      if (m.context_param.empty()) continue;
      auto const* v = params.if_contains(m.name);
      if (!v || v->is_null()) continue;
      values.set(rules, m.context_param, from_json(*v));
    }
  }
  for (auto const& [name, def] : op.static_context_params)
    if (def.is_object())
      if (auto const* v = def.get_object().if_contains("value")) values.set(rules, name, from_json(*v));

  auto resolved = resolve_endpoint(rules, values, *s.parts);
  if (!resolved) return failed(resolved.error().message);

  call_endpoint ep;
  ep.url = std::move(resolved->url);
  for (auto const& [name, list] : resolved->headers) {
    std::string joined;
    for (auto const& v : list) joined += (joined.empty() ? "" : ",") + v;
    ep.headers.set(name, std::move(joined));
  }
  ep.auth_scheme = model_auth_scheme(model, op, s.auth_preference, s.prefer_bearer_token);
  ep.signing_name = model.metadata.signing_name;
  ep.signing_region = s.region;
  // The rule set's schemes are all SigV4 kinds: they refine a SigV4 choice, not replace another.
  if (ep.auth_scheme != "none" && ep.auth_scheme != "bearer" && ep.auth_scheme != "v2") {
    if (auto const* schemes = resolved->properties.if_contains("authSchemes"); schemes && schemes->is_array()) {
      auto const& list = schemes->get_array();
      auto name_at = [&list](std::size_t i) -> std::string_view {
        auto const* name = list[i].is_object() ? list[i].get_object().if_contains("name") : nullptr;
        return name && name->is_string() ? std::string_view(name->get_string()) : std::string_view();
      };
      auto use = [&](std::size_t i) {
        std::string_view n = name_at(i);
        if (n == "sigv4" || n == "sigv4-s3express") {
          ep.auth_scheme = "sigv4";
        } else if (n == "sigv4a") {
          ep.auth_scheme = "sigv4a";
        } else if (n == "none") {
          ep.auth_scheme = "none";
        } else {
          return false;
        }
        auto const& o = list[i].get_object();
        if (auto const* sn = o.if_contains("signingName"); sn && sn->is_string())
          ep.signing_name = std::string(sn->get_string());
        if (auto const* sr = o.if_contains("signingRegion"); sr && sr->is_string())
          ep.signing_region = std::string(sr->get_string());
        if (auto const* set = o.if_contains("signingRegionSet"); set && set->is_array()) {
          for (auto const& r : set->get_array())
            if (r.is_string()) ep.signing_region_set += (ep.signing_region_set.empty() ? "" : ",") + std::string(r.get_string());
        }
        if (auto const* dde = o.if_contains("disableDoubleEncoding"); dde && dde->is_bool())
          ep.disable_double_encoding = dde->get_bool();
        return true;
      };
      visit_in_preferred_order(list.size(), name_at, s.auth_preference, use);
    }
  }
  if (!s.use_ssl && ep.url.starts_with("https://")) ep.url.replace(0, 5, "http");
  return ep;
}

bool apply_endpoint_url(std::string const& url, http_request& req, std::string& path_prefix) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return false;
  auto scheme = parsed->scheme();
  if (scheme != "http" && scheme != "https") return false;
  req.scheme = std::string(scheme);
  req.host = std::string(parsed->encoded_host_address());
  if (!req.host.empty() && req.host.front() == '[') req.host = req.host.substr(1, req.host.size() - 2);
  req.port = parsed->has_port() ? parsed->port_number() : 0;
  path_prefix = std::string(parsed->encoded_path());
  return !req.host.empty();
}

}  // namespace awscoro::detail

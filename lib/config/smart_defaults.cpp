#include "config/smart_defaults.hpp"

#include <boost/json/value.hpp>

namespace awscoro::detail {
namespace json = boost::json;

namespace {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Applies one "modes" entry ({"override": v} | {"multiply": v} | {"add": v}) to a base value.
json::value modify(json::value base, json::object const& modification) {
  if (modification.empty()) return base;
  auto const& [op, v] = *modification.begin();
  if (op == "override") return v;
  if (base.is_number() && v.is_number()) {
    double b = base.to_number<double>(), m = v.to_number<double>();
    double r = op == "multiply" ? b * m : op == "add" ? b + m : b;
    if (base.is_int64() && v.is_int64()) return static_cast<std::int64_t>(r);
    return r;
  }
  return base;
}

}  // namespace

config_result<std::optional<smart_defaults>> resolve_smart_defaults(json::value const& data, std::string_view mode_in,
                                                                    std::string_view region, environment const& env) {
  auto const* root = data.if_object();
  auto const* base = root ? root->if_contains("base") : nullptr;
  auto const* modes = root ? root->if_contains("modes") : nullptr;
  if (!base || !base->is_object() || !modes || !modes->is_object())
    return make_error_info(error::invalid_config, "sdk-default-configuration.json has no base or modes object");

  std::string mode = ascii_lower(mode_in);
  if (mode != "legacy" && mode != "auto" && !modes->as_object().contains(mode)) {
    std::string valid = "legacy, auto";
    for (auto const& [name, _] : modes->as_object()) valid += ", " + std::string(name);
    return make_error_info(error::invalid_config,
                           "invalid defaults_mode \"" + std::string(mode_in) + "\": expected one of " + valid);
  }
  if (mode == "legacy") return std::optional<smart_defaults>{};
  if (mode == "auto") {
    std::optional<std::string_view> current;
    if (auto exec = env_get(env, "AWS_EXECUTION_ENV"); exec && !exec->empty()) {
      current = env_get(env, "AWS_REGION");
      if (!current) current = env_get(env, "AWS_DEFAULT_REGION");
    }
    if (current && !current->empty())
      mode = *current == region ? "in-region" : "cross-region";
    else
      mode = "standard";
  }

  json::object values = base->as_object();
  if (auto const* m = modes->as_object().if_contains(mode); m && m->is_object()) {
    for (auto const& [key, modification] : m->as_object()) {
      if (!modification.is_object() || !values.contains(key)) continue;
      values[key] = modify(values[key], modification.as_object());
    }
  }
  smart_defaults out;
  out.mode = mode;
  auto text = [&](char const* key) -> std::string {
    auto const* v = values.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  out.retry_mode = text("retryMode");
  out.sts_regional_endpoints = text("stsRegionalEndpoints");
  out.s3_us_east_1_regional_endpoint = text("s3UsEast1RegionalEndpoints");
  if (auto const* v = values.if_contains("connectTimeoutInMillis"); v && v->is_number())
    out.connect_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(v->to_number<double>()));
  return std::optional<smart_defaults>(std::move(out));
}

}  // namespace awscoro::detail

#include "paginate/paginator_model.hpp"

#include <mutex>
#include <unordered_map>

#include <awscoro/error.hpp>

#include "model/model_registry.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// botocore accepts a string or a list of strings for most fields.
bool string_list(json::value const* v, std::vector<std::string>& out) {
  if (!v) return true;
  if (v->is_string()) {
    out.emplace_back(v->get_string());
    return true;
  }
  if (!v->is_array()) return false;
  for (auto const& e : v->get_array()) {
    if (!e.is_string()) return false;
    out.emplace_back(e.get_string());
  }
  return true;
}

bool compile_all(std::vector<std::string> const& texts, std::vector<named_expression>& out, std::string& why) {
  for (auto const& t : texts) {
    auto e = jmespath::compile_cached(t);
    if (!e) {
      why = e.error().message;
      return false;
    }
    out.push_back({t, *e});
  }
  return true;
}

}  // namespace

boost::system::result<std::shared_ptr<service_paginators const>> compile_paginators(json::value const& doc,
                                                                                    std::string* error_message) {
  auto fail = [&](std::string msg) -> boost::system::result<std::shared_ptr<service_paginators const>> {
    if (error_message) *error_message = std::move(msg);
    return make_error_code(error::model_load);
  };
  auto const* root = doc.if_object();
  auto const* pagination = root ? root->if_contains("pagination") : nullptr;
  if (!pagination || !pagination->is_object()) return fail("paginators: no \"pagination\" object");
  auto out = std::make_shared<service_paginators>();
  for (auto const& [name, config_value] : pagination->get_object()) {
    std::string const where = "paginator " + std::string(name) + ": ";
    auto const* config = config_value.if_object();
    if (!config) return fail(where + "not an object");
    paginator_spec spec;
    spec.operation = name;
    std::vector<std::string> outputs, results, non_aggregate;
    if (!string_list(config->if_contains("input_token"), spec.input_tokens) || spec.input_tokens.empty())
      return fail(where + "input_token must be a string or a list of strings");
    if (!string_list(config->if_contains("output_token"), outputs) || outputs.empty())
      return fail(where + "output_token must be a string or a list of strings");
    if (!string_list(config->if_contains("result_key"), results))
      return fail(where + "result_key must be a string or a list of strings");
    if (!string_list(config->if_contains("non_aggregate_keys"), non_aggregate))
      return fail(where + "non_aggregate_keys must be a list of strings");
    std::string why;
    if (!compile_all(outputs, spec.output_tokens, why)) return fail(where + "output_token: " + why);
    if (!compile_all(results, spec.result_keys, why)) return fail(where + "result_key: " + why);
    if (!compile_all(non_aggregate, spec.non_aggregate_keys, why)) return fail(where + "non_aggregate_keys: " + why);
    if (auto const* more = config->if_contains("more_results")) {
      std::vector<std::string> one;
      std::vector<named_expression> compiled;
      if (!more->is_string()) return fail(where + "more_results must be a string");
      one.emplace_back(more->get_string());
      if (!compile_all(one, compiled, why)) return fail(where + "more_results: " + why);
      spec.more_results = std::move(compiled.front());
    }
    if (auto const* limit = config->if_contains("limit_key")) {
      if (!limit->is_string()) return fail(where + "limit_key must be a string");
      spec.limit_key = limit->get_string();
    }
    out->by_operation.emplace(spec.operation, std::move(spec));
  }
  return std::shared_ptr<service_paginators const>(std::move(out));
}

std::shared_ptr<service_paginators const> paginators_for(std::string const& service, std::string const& api_version) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<service_paginators const>> cache;
  std::string const key = service + "/" + api_version;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  load_error err;
  auto doc = model_registry::instance().service_data(service, api_version, "paginators-1", &err);
  std::shared_ptr<service_paginators const> compiled;
  if (!doc) {
    // No paginators file: the service has no pageable operation.
    if (err.kind != load_error::unreadable || err.message.rfind("no data file", 0) != 0)
      throw model_error(make_error_code(error::model_load), service + " paginators: " + err.message);
    compiled = std::make_shared<service_paginators const>();
  } else {
    std::string msg;
    auto r = compile_paginators(*doc, &msg);
    if (!r) throw model_error(r.error(), service + " paginators: " + msg);
    compiled = *r;
  }
  std::lock_guard lock(mutex);
  return cache.emplace(key, compiled).first->second;
}

}  // namespace awscoro::detail

#include "cli.hpp"

#include <iostream>

#include <boost/json/parse.hpp>

#include "blob_codec.hpp"
#include "client/client_impl.hpp"
#include "jmespath/expression.hpp"
#include "json_output.hpp"
#include "model/naming.hpp"
#include "util/file_io.hpp"

namespace awscoro::cli {
namespace json = boost::json;

boost::asio::awaitable<client> make_client(session& s, cli_options const& opts, std::string const& service) {
  client_config config;
  if (opts.connect_timeout)
    config.connect_timeout = std::chrono::milliseconds(static_cast<long long>(*opts.connect_timeout * 1000));
  if (opts.read_timeout)
    config.read_timeout = std::chrono::milliseconds(static_cast<long long>(*opts.read_timeout * 1000));
  if (opts.max_attempts) config.retries.total_max_attempts = *opts.max_attempts;
  if (opts.no_sign_request) config.signature_version = "UNSIGNED";
  client_options co;
  co.region_name = opts.region;
  co.endpoint_url = opts.endpoint_url;
  co.config = config;
  if (opts.no_verify_ssl) co.verify = false;
  co.ca_bundle = opts.ca_bundle;
  co_return co_await s.create_client(service, co);
}

detail::service_model const& model_of(client const& c) { return detail::access::impl(c)->model(); }

std::string resolve_operation(detail::service_model const& model, std::string const& arg) {
  if (model.find_operation(arg)) return arg;
  for (auto const& op : model.operations)
    if (detail::xform_name(op.name, '-') == arg || detail::xform_name(op.name, '_') == arg) return op.name;
  std::string hint;
  for (auto const& n : model.closest_operations(arg)) hint += (hint.empty() ? "" : ", ") + n;
  throw usage_error("unknown operation \"" + arg + "\" for service \"" + model.service_name + "\"" +
                    (hint.empty() ? "" : "; did you mean: " + hint + "?"));
}

json::object read_params(std::optional<std::string> const& arg) {
  if (!arg) return {};
  std::string text = *arg;
  if (!text.empty() && text[0] == '@') {
    std::string msg;
    auto bytes = detail::read_file(text.substr(1), &msg);
    if (!bytes) throw usage_error("cannot read parameters: " + msg);
    text = std::move(*bytes);
  }
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) throw usage_error("PARAMS is not valid JSON: " + ec.message());
  if (!v.is_object()) throw usage_error("PARAMS must be a JSON object");
  return std::move(v.get_object());
}

json::value read_input_params(cli_options const& opts, detail::service_model const& model, detail::shape_id input,
                              std::string_view config_key) {
  json::value params = read_params(opts.positionals.size() > 2 ? std::optional(opts.positionals[2]) : std::nullopt);
  std::optional<json::value> config;
  if (auto* c = config_key.empty() ? nullptr : params.get_object().if_contains(config_key)) {
    config = std::move(*c);
    params.get_object().erase(config_key);
  }
  if (input != detail::no_shape)
    if (auto err = decode_blobs(model, input, params); !err.empty()) throw usage_error(err);
  if (config) params.get_object()[config_key] = std::move(*config);
  return params;
}

void print_result(json::value v, cli_options const& opts) {
  if (opts.query) {
    auto r = detail::jmespath::search(*opts.query, v);
    if (!r) throw usage_error("--query: " + r.error().message);
    v = std::move(*r);
  }
  std::cout << to_pretty_json(v) << "\n";
}

}  // namespace awscoro::cli

// awscoro SERVICE OPERATION [PARAMS]: one call, its result printed.
#include <fstream>
#include <iostream>

#include "blob_codec.hpp"
#include "cli.hpp"
#include "client/client_impl.hpp"
#include "commands.hpp"
#include "json_output.hpp"
#include "util/encoding.hpp"

namespace awscoro::cli {
namespace json = boost::json;

namespace {

json::object request_as_json(http_request const& req) {
  json::object headers;
  for (auto const& [k, v] : req.headers) headers[k] = v;
  json::object out;
  out["method"] = req.method;
  out["url"] = req.url();
  out["headers"] = std::move(headers);
  out["body_base64"] = detail::base64_encode(req.body);
  return out;
}

}  // namespace

boost::asio::awaitable<int> run_call(session& s, cli_options const& opts) {
  if (opts.positionals.size() < 2) throw usage_error("SERVICE and OPERATION are required");
  if (opts.positionals.size() > 3) throw usage_error("too many arguments: \"" + opts.positionals[3] + "\"");
  auto c = co_await make_client(s, opts, opts.positionals[0]);
  auto const& model = model_of(c);
  std::string op_name = resolve_operation(model, opts.positionals[1]);
  auto const& op = *model.find_operation(op_name);

  json::value params = read_input_params(opts, model, op.input);

  if (opts.show_request) {
    auto req = co_await detail::access::impl(c)->build_signed_request(op_name, std::move(params.get_object()));
    std::cout << to_pretty_json(request_as_json(req)) << "\n";
    co_return 0;
  }

  json::value result = co_await c.call(op_name, std::move(params.get_object()));
  auto& obj = result.get_object();
  obj.erase("ResponseMetadata");
  if (op.output != detail::no_shape) {
    auto const& out_shape = model.at(op.output);
    if (out_shape.payload_index >= 0) {
      auto const& payload = out_shape.members[static_cast<std::size_t>(out_shape.payload_index)];
      if (model.is_streaming(payload)) {
        auto* body = obj.if_contains(payload.name);
        if (opts.outfile && body && body->is_string()) {
          std::ofstream f(*opts.outfile, std::ios::binary);
          f.write(body->get_string().data(), static_cast<std::streamsize>(body->get_string().size()));
          if (!f) throw std::runtime_error("cannot write " + *opts.outfile);
        }
        obj.erase(payload.name);
      }
    }
    encode_blobs(model, op.output, result);
  }
  print_result(std::move(result), opts);
  co_return 0;
}

}  // namespace awscoro::cli

// The json protocol (1.0 and 1.1): POST / with X-Amz-Target "<targetPrefix>.<Operation>" and the
// input as a JSON object ("{}" when there is none).
#include <boost/json/object.hpp>

#include "serialize/json_body_writer.hpp"
#include "serialize/protocol_serializers.hpp"

namespace awscoro::detail {

bool serialize_json_rpc(serialize_context& ctx, boost::json::object const& params, http_request& req) {
  auto const& md = ctx.model.metadata;
  req.method = ctx.op.http_method;
  req.path = "/";
  std::string target;
  target.reserve(md.target_prefix.size() + 1 + ctx.op.name.size());
  target += md.target_prefix;
  target += '.';
  target += ctx.op.name;
  req.headers.set("X-Amz-Target", std::move(target));
  req.headers.set("Content-Type",
                  "application/x-amz-json-" + (md.json_version.empty() ? std::string("1.0") : md.json_version));
  if (md.aws_query_compatible) req.headers.set("x-amzn-query-mode", "true");
  req.body.reserve(256);
  if (ctx.op.input == no_shape) {
    req.body = "{}";
    return true;
  }
  json_body_writer w(ctx, req.body);
  return w.write_structure(ctx.model.at(ctx.op.input), params, false);
}

}  // namespace awscoro::detail

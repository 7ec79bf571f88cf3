#include "serialize/serializer.hpp"

#include <awscoro/error.hpp>

#include "serialize/host_prefix.hpp"
#include "serialize/protocol_serializers.hpp"

namespace awscoro::detail {

namespace {

// Services whose serializer botocore builds with millisecond timestamp precision (its
// creating-serializer handlers).
timestamp_precision precision_for(service_model const& model) {
  return model.service_name == "bedrock-agentcore" ? timestamp_precision::millisecond : timestamp_precision::standard;
}

}  // namespace

boost::system::result<http_request> serialize_request(service_model const& model, operation_model const& op,
                                                      boost::json::object const& params, std::string& error_message) {
  serialize_context ctx{model, op, precision_for(model), {}, {}};
  http_request req;
  bool ok = false;
  auto const& protocol = model.protocol;
  if (protocol == "json") ok = serialize_json_rpc(ctx, params, req);
  else if (protocol == "rest-json") ok = serialize_rest(ctx, params, req, rest_body::json);
  else if (protocol == "rest-xml") ok = serialize_rest(ctx, params, req, rest_body::xml);
  else if (protocol == "query") ok = serialize_query(ctx, params, req, query_dialect::query);
  else if (protocol == "ec2") ok = serialize_query(ctx, params, req, query_dialect::ec2);
  else if (protocol == "smithy-rpc-v2-cbor") ok = serialize_rpc_v2_cbor(ctx, params, req);
  else ctx.fail("protocol \"" + protocol + "\" is not supported");
  if (ok) ok = expand_host_prefix(ctx, params, req.host_prefix);
  if (!ok) {
    error_message = op.name;
    error_message += ": ";
    if (!ctx.error_path.empty()) {
      error_message += ctx.error_path;
      error_message += ": ";
    }
    error_message += ctx.error_detail;
    return make_error_code(awscoro::error::serialization);
  }
  return req;
}

}  // namespace awscoro::detail

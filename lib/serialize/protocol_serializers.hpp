// One entry point per wire protocol; serialize_request picks one by the model's protocol.
// Each fills method, path, query, headers and body of `req`, and returns false with the
// context's error set when the params cannot be written.
#pragma once

#include <boost/json/fwd.hpp>

#include "http/http_message.hpp"
#include "serialize/serialize_context.hpp"

namespace awscoro::detail {

enum class query_dialect : bool { query, ec2 };
enum class rest_body : bool { json, xml };

bool serialize_query(serialize_context& ctx, boost::json::object const& params, http_request& req,
                     query_dialect dialect);
bool serialize_json_rpc(serialize_context& ctx, boost::json::object const& params, http_request& req);
bool serialize_rest(serialize_context& ctx, boost::json::object const& params, http_request& req, rest_body body);
bool serialize_rpc_v2_cbor(serialize_context& ctx, boost::json::object const& params, http_request& req);

}  // namespace awscoro::detail

// The request serializers: operation + params -> HTTP request, one per wire protocol.
//
// Input: a compiled operation and the user's params (a JSON object whose values follow the
// input shape: blobs are raw bytes in a string, timestamps are ISO-8601 strings or epoch
// numbers, float specials are the strings "NaN", "Infinity", "-Infinity").
// Output: method, path (percent-encoded), query, headers, body and host_prefix of the request.
// Scheme, host and port are left for the endpoint stage. No validation happens here.
#pragma once

#include <string>

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include "http/http_message.hpp"
#include "model/service_model.hpp"

namespace awscoro::detail {

// Serializes with the model's protocol (`model.protocol`). On failure (a host label or URI
// member missing, a value that cannot be written) returns an error and sets `error_message`
// to a message naming the member.
boost::system::result<http_request> serialize_request(service_model const& model, operation_model const& op,
                                                      boost::json::object const& params,
                                                      std::string& error_message);

}  // namespace awscoro::detail

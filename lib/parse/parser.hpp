// The response parsers: HTTP response -> botocore's parsed dict, one per wire protocol.
//
// Success: the output shape's members (blobs as raw bytes in a string, timestamps as ISO-8601
// UTC strings, see util/timestamp.hpp) plus "ResponseMetadata": {RequestId, HostId (when
// present), HTTPStatusCode, HTTPHeaders (names lower-cased)}.
// Error (HTTP status >= 300, and S3's 200-with-<Error> bodies): {"Error": {"Code", "Message",
// ...}, "ResponseMetadata": {...}} plus the modeled error shape's members at the top level, as
// botocore's client gives ClientError.response.
//
// Bodies are read as a stream of events (a SAX XML tokenizer, Boost.JSON's basic_parser, a CBOR
// decoder) walked alongside the output shape, so no document tree is built. The result of a
// large body lives in one arena (a shared Boost.JSON monotonic_resource owned by the result):
// values moved out of it into other JSON keep working, they are copied into the target's storage.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include "http/http_message.hpp"
#include "model/service_model.hpp"

namespace awscoro::detail {

struct parse_options {
  // Keep timestamps as the raw text of the response instead of ISO-8601 (botocore's runner for
  // the response-parsing suite passes an identity timestamp parser).
  bool raw_timestamps = false;
  // Put the modeled error shape's members beside "Error", as botocore's client does for
  // ClientError.response. Off: the bare protocol parse (botocore's parser alone).
  bool modeled_error_fields = true;
};

// True when `response` is an error for this operation (status >= 300, or a 200 whose body is an
// error document where botocore treats it so).
bool is_error_response(service_model const& model, operation_model const& op, http_response const& response);

// Parses `response`. On a body that cannot be parsed returns an error and sets
// `error_message` to a message naming the operation, the HTTP status and a short excerpt.
boost::system::result<boost::json::object> parse_response(service_model const& model, operation_model const& op,
                                                          http_response const& response,
                                                          std::string& error_message,
                                                          parse_options const& options = {});

// parse_response() for a body still arriving: begin() with the response head (status, headers,
// and in its body the bytes that came with it), feed() each further piece, finish() for the
// result. A success body that is one shape's value (a listing, a JSON document) is parsed as it
// arrives and never held whole; other bodies (errors, raw payloads) are gathered and parsed at
// the end. `head` must stay alive until finish().
class response_body_parser {
 public:
  response_body_parser(service_model const& model, operation_model const& op, parse_options const& options = {});
  ~response_body_parser();
  response_body_parser(response_body_parser const&) = delete;
  response_body_parser& operator=(response_body_parser const&) = delete;

  void begin(http_response const& head);
  void feed(std::string_view piece);
  boost::system::result<boost::json::object> finish(std::string& error_message);
  // After finish(): the body when it was gathered whole; empty when it was parsed as it arrived.
  std::string take_body();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace awscoro::detail

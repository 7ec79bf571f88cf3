// Runs a response through response_body_parser as if its body arrived in pieces of a given size,
// so a runner can check that parsing as the body arrives gives exactly what parsing it whole does.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/result.hpp>

#include "parse/parser.hpp"

namespace awscoro::test {

inline boost::system::result<boost::json::object> parse_in_pieces(detail::service_model const& model,
                                                                   detail::operation_model const& op,
                                                                   http_response const& response,
                                                                   std::size_t piece_size, std::string& message,
                                                                   detail::parse_options const& options = {}) {
  http_response head;
  head.status = response.status;
  head.headers = response.headers;
  std::string_view body = response.body;
  head.body.assign(body.substr(0, std::min(piece_size, body.size())));
  body.remove_prefix(head.body.size());
  detail::response_body_parser parser(model, op, options);
  parser.begin(head);
  while (!body.empty()) {
    auto n = std::min(piece_size, body.size());
    parser.feed(body.substr(0, n));
    body.remove_prefix(n);
  }
  return parser.finish(message);
}

// "" when parsing `response` in pieces of 1, 2, 3, 7 and 64 bytes gives what parsing it whole
// (`whole`) gave, else what differed.
inline std::string pieces_agree(detail::service_model const& model, detail::operation_model const& op,
                                http_response const& response,
                                boost::system::result<boost::json::object> const& whole,
                                std::string const& whole_message, detail::parse_options const& options = {}) {
  for (std::size_t size : {1, 2, 3, 7, 64}) {
    std::string message;
    auto parsed = parse_in_pieces(model, op, response, size, message, options);
    bool same = parsed.has_value() == whole.has_value() &&
                (parsed ? boost::json::serialize(*parsed) == boost::json::serialize(*whole) : message == whole_message);
    if (!same)
      return "parsed in pieces of " + std::to_string(size) + " bytes: " +
             (parsed ? boost::json::serialize(*parsed) : "error " + message) + "; whole: " +
             (whole ? boost::json::serialize(*whole) : "error " + whole_message);
  }
  return {};
}

}  // namespace awscoro::test

// Parses a response the test expects to parse: fails the test case (with the parser's message)
// when the operation is unknown or the response does not parse.
#pragma once

#include <string>

#include <doctest/doctest.h>

#include <boost/json/object.hpp>

#include "parse/parser.hpp"

namespace awscoro::test {

inline boost::json::object parse_ok(detail::service_model const& m, std::string const& op, http_response const& r,
                                    detail::parse_options o = {}) {
  std::string msg;
  auto const* operation = m.find_operation(op);
  REQUIRE(operation != nullptr);
  auto res = detail::parse_response(m, *operation, r, msg, o);
  INFO(msg);
  REQUIRE(res.has_value());
  return *res;
}

}  // namespace awscoro::test

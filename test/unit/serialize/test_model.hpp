// Small models written inline in tests, compiled the way the registry compiles real ones.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include "http/http_message.hpp"
#include "model/service_model.hpp"
#include "serialize/serializer.hpp"

namespace awscoro::test {

inline std::shared_ptr<detail::service_model const> compile_model(std::string_view json_text,
                                                                  std::string service_name = "test") {
  std::string err;
  auto m = detail::service_model::compile(boost::json::parse(json_text).as_object(), std::move(service_name), &err);
  REQUIRE_MESSAGE(m.has_value(), err);
  return *m;
}

// Serializes `params_json` for operation `op`; fails the test when serialization fails.
inline http_request serialize(detail::service_model const& m, std::string_view op, std::string_view params_json) {
  auto const* o = m.find_operation(op);
  REQUIRE(o != nullptr);
  std::string err;
  auto req = detail::serialize_request(m, *o, boost::json::parse(params_json).as_object(), err);
  REQUIRE_MESSAGE(req.has_value(), err);
  return std::move(*req);
}

// The error message of a serialization expected to fail.
inline std::string serialize_error(detail::service_model const& m, std::string_view op, std::string_view params_json) {
  auto const* o = m.find_operation(op);
  REQUIRE(o != nullptr);
  std::string err;
  auto req = detail::serialize_request(m, *o, boost::json::parse(params_json).as_object(), err);
  CHECK_FALSE(req.has_value());
  return err;
}

inline std::string header(http_request const& r, std::string_view name) {
  auto const* v = r.headers.find(name);
  return v ? *v : std::string("<absent>");
}

}  // namespace awscoro::test

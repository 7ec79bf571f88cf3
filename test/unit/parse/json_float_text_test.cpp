// JSON protocols send float and double members that JSON numbers cannot hold (NaN, Infinity,
// -Infinity) as strings; botocore reads them back as floats, and so must we.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include <boost/json.hpp>

#include "parse/parser.hpp"
#include "test_models.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using awscoro::http_response;
using awscoro::test::inline_model;

namespace {

std::string float_model(std::string_view protocol) {
  return std::string(R"({"metadata": {"protocol": ")") + std::string(protocol) +
         R"(", "apiVersion": "2020-01-01", "jsonVersion": "1.1", "targetPrefix": "T"},
    "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "output": {"shape": "Out"}}},
    "shapes": {"Out": {"type": "structure", "members": {
                 "F": {"shape": "F"}, "D": {"shape": "D"}, "Ds": {"shape": "Ds"}, "Dm": {"shape": "Dm"}}},
               "F": {"type": "float"}, "D": {"type": "double"},
               "Ds": {"type": "list", "member": {"shape": "D"}},
               "Dm": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "D"}},
               "S": {"type": "string"}}})";
}

boost::system::result<json::object> parse_body(std::string_view protocol, std::string body, std::string& msg) {
  auto m = inline_model(float_model(protocol).c_str());
  REQUIRE(m);
  http_response r;
  r.status = 200;
  r.headers.add("x-amzn-RequestId", "RID");
  r.body = std::move(body);
  return parse_response(*m, *m->find_operation("Op"), r, msg, {});
}

double number(json::value const& v) {
  REQUIRE(v.is_double());
  return v.get_double();
}

}  // namespace

TEST_CASE("json and rest-json read NaN, Infinity and -Infinity strings as floats") {
  for (std::string_view protocol : {"json", "rest-json"}) {
    CAPTURE(protocol);
    std::string msg;
    auto out = parse_body(protocol,
                          R"({"F":"NaN","D":"-Infinity","Ds":["Infinity",1.5,"NaN"],"Dm":{"a":"-Infinity"}})", msg);
    INFO(msg);
    REQUIRE(out.has_value());
    CHECK(std::isnan(number(out->at("F"))));
    CHECK(number(out->at("D")) == -INFINITY);
    auto const& list = out->at("Ds").as_array();
    REQUIRE(list.size() == 3);
    CHECK(number(list[0]) == INFINITY);
    CHECK(number(list[1]) == 1.5);
    CHECK(std::isnan(number(list[2])));
    CHECK(number(out->at("Dm").at("a")) == -INFINITY);
  }
}

TEST_CASE("a float member given a string that is not a number is a parse error") {
  for (std::string_view protocol : {"json", "rest-json"}) {
    CAPTURE(protocol);
    std::string msg;
    auto out = parse_body(protocol, R"({"D":"lots"})", msg);
    CHECK_FALSE(out.has_value());
    CHECK(msg.find("D") != std::string::npos);
  }
}

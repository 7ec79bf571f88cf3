#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "endpoint/endpoint_resolver.hpp"
#include "model/model_registry.hpp"

using namespace awscoro::detail;
namespace json = boost::json;

namespace {

std::shared_ptr<rule_set const> compile(std::string_view text, std::string* error = nullptr) {
  std::string msg;
  auto rs = rule_set::compile(json::parse(text), &msg);
  if (error) *error = msg;
  return rs ? *rs : nullptr;
}

partitions const& test_partitions() {
  static auto parts = [] {
    std::string msg;
    auto p = partitions::load(&msg);
    REQUIRE_MESSAGE(p, msg);
    return p;
  }();
  return *parts;
}

// The URL, or "error: <message>".
std::string resolve(rule_set const& rs, endpoint_params const& params) {
  auto r = resolve_endpoint(rs, params, test_partitions());
  return r ? r->url : "error: " + r.error().message;
}

// One endpoint rule whose url is `url`, guarded by `conditions` (a JSON array), with a
// fallback error "none".
std::string single_rule(std::string_view params, std::string_view conditions, std::string_view url) {
  return R"({"version":"1.3","parameters":)" + std::string(params) + R"(,"rules":[{"type":"endpoint","conditions":)" +
         std::string(conditions) + R"(,"endpoint":{"url":)" + std::string(url) +
         R"(}},{"type":"error","conditions":[],"error":"none"}]})";
}

}  // namespace

TEST_CASE("templates: variables, fields and escaped braces") {
  auto rs = compile(single_rule(
      R"({"Endpoint":{"type":"string"},"Flag":{"type":"boolean","default":true}})",
      R"([{"fn":"parseURL","argv":["{Endpoint}"],"assign":"url"}])",
      R"("{url#scheme}://{url#authority}{url#normalizedPath}{{x}}-{Flag}")"));
  REQUIRE(rs);
  endpoint_params p;
  p.set(*rs, "Endpoint", std::string("https://example.com:8443/a//b"));
  CHECK(resolve(*rs, p) == "https://example.com:8443/a/b/{x}-True");
  p.set(*rs, "Endpoint", std::string("not a url"));
  CHECK(resolve(*rs, p) == "error: none");
}

TEST_CASE("getAttr: fields, array indexes and out-of-range indexes") {
  auto rs = compile(R"({"version":"1.3",
    "parameters":{"Arn":{"type":"string"},"List":{"type":"stringArray"}},
    "rules":[
      {"type":"endpoint","conditions":[
         {"fn":"aws.parseArn","argv":[{"ref":"Arn"}],"assign":"arn"},
         {"fn":"getAttr","argv":[{"ref":"arn"},"resourceId[1]"],"assign":"second"}],
       "endpoint":{"url":"https://{second}.{arn#region}.example.com"}},
      {"type":"endpoint","conditions":[
         {"fn":"getAttr","argv":[{"ref":"List"},"[0]"],"assign":"first"}],
       "endpoint":{"url":"https://{first}.example.com"}},
      {"type":"error","conditions":[],"error":"none"}]})");
  REQUIRE(rs);
  endpoint_params p;
  p.set(*rs, "Arn", std::string("arn:aws:s3:us-west-2:123:accesspoint:my-ap"));
  CHECK(resolve(*rs, p) == "https://my-ap.us-west-2.example.com");
  p.set(*rs, "Arn", std::string("arn:aws:s3:us-west-2:123:bucket"));  // resourceId[1] is out of range
  CHECK(resolve(*rs, p) == "error: none");
  p.clear();
  p.set(*rs, "List", std::vector<std::string>{"one", "two"});
  CHECK(resolve(*rs, p) == "https://one.example.com");
  p.set(*rs, "List", std::vector<std::string>{});
  CHECK(resolve(*rs, p) == "error: none");
}

TEST_CASE("parameters: defaults, required and wrong types") {
  auto rs = compile(R"({"version":"1.0",
    "parameters":{"Region":{"type":"String","required":true},
                  "UseFIPS":{"type":"Boolean","required":true,"default":false}},
    "rules":[{"type":"endpoint","conditions":[{"fn":"booleanEquals","argv":[{"ref":"UseFIPS"},true]}],
              "endpoint":{"url":"https://fips.{Region}.example.com"}},
             {"type":"endpoint","conditions":[],"endpoint":{"url":"https://{Region}.example.com"}}]})");
  REQUIRE(rs);
  CHECK(rs->find_parameter("UseFIPS") == 1);
  CHECK(rs->parameters()[0].type == param_type::string);
  endpoint_params p;
  auto missing = resolve_endpoint(*rs, p, test_partitions());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().type == resolve_error::kind::missing_parameter);
  CHECK(missing.error().message.find("Region") != std::string::npos);

  p.set(0, std::string("us-east-1"));
  CHECK(resolve(*rs, p) == "https://us-east-1.example.com");
  p.set(1, true);
  CHECK(resolve(*rs, p) == "https://fips.us-east-1.example.com");

  p.set(1, std::string("yes"));
  auto wrong = resolve_endpoint(*rs, p, test_partitions());
  REQUIRE_FALSE(wrong.has_value());
  CHECK(wrong.error().type == resolve_error::kind::invalid_parameter);
  CHECK(wrong.error().message.find("UseFIPS") != std::string::npos);
}

TEST_CASE("a tree whose children all decline falls through to its next sibling") {
  auto rs = compile(R"({"version":"1.0","parameters":{"A":{"type":"boolean"}},
    "rules":[{"type":"tree","conditions":[],"rules":[
               {"type":"endpoint","conditions":[{"fn":"isSet","argv":[{"ref":"A"}]}],
                "endpoint":{"url":"https://a.example.com"}}]},
             {"type":"endpoint","conditions":[],"endpoint":{"url":"https://fallback.example.com"}}]})");
  REQUIRE(rs);
  endpoint_params p;
  CHECK(resolve(*rs, p) == "https://fallback.example.com");
  p.set(0, false);
  CHECK(resolve(*rs, p) == "https://a.example.com");
}

TEST_CASE("no matching rule is an error naming the parameters") {
  auto rs = compile(R"({"version":"1.0","parameters":{"Region":{"type":"string"}},
    "rules":[{"type":"endpoint","conditions":[{"fn":"stringEquals","argv":[{"ref":"Region"},"x"]}],
              "endpoint":{"url":"https://x"}}]})");
  REQUIRE(rs);
  endpoint_params p;
  p.set(0, std::string("y"));
  auto r = resolve_endpoint(*rs, p, test_partitions());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().type == resolve_error::kind::no_rule_matched);
  CHECK(r.error().message.find("Region=y") != std::string::npos);
  // stringEquals on an unset value is an evaluation error, as in botocore.
  p.clear();
  auto unset = resolve_endpoint(*rs, p, test_partitions());
  REQUIRE_FALSE(unset.has_value());
  CHECK(unset.error().type == resolve_error::kind::evaluation_failed);
}

TEST_CASE("headers and properties are templated") {
  auto rs = compile(R"({"version":"1.3","parameters":{"Region":{"type":"string","required":true}},
    "rules":[{"type":"endpoint","conditions":[{"fn":"aws.partition","argv":[{"ref":"Region"}],"assign":"p"}],
      "endpoint":{"url":"https://svc.{Region}.{p#dnsSuffix}",
        "headers":{"x-region":["{Region}"],"x-multi":["*",{"ref":"Region"}]},
        "properties":{"authSchemes":[{"name":"sigv4","signingRegion":"{Region}","disableDoubleEncoding":true}],
                      "fixed":{"a":[1,2]}}}}]})");
  REQUIRE(rs);
  endpoint_params p;
  p.set(0, std::string("cn-north-1"));
  auto r = resolve_endpoint(*rs, p, test_partitions());
  REQUIRE(r.has_value());
  CHECK(r->url == "https://svc.cn-north-1.amazonaws.com.cn");
  REQUIRE(r->headers.size() == 2);
  CHECK(r->headers[0].first == "x-region");
  CHECK(r->headers[0].second == std::vector<std::string>{"cn-north-1"});
  CHECK(r->headers[1].second == std::vector<std::string>{"*", "cn-north-1"});
  CHECK(json::serialize(r->properties) ==
        R"({"authSchemes":[{"name":"sigv4","signingRegion":"cn-north-1","disableDoubleEncoding":true}],"fixed":{"a":[1,2]}})");
}

TEST_CASE("coalesce, ite, split, not and uriEncode") {
  auto rs = compile(R"({"version":"1.3","parameters":{"A":{"type":"string"},"B":{"type":"string"},"F":{"type":"boolean"}},
    "rules":[{"type":"endpoint","conditions":[
        {"fn":"coalesce","argv":[{"ref":"A"},{"ref":"B"},"fallback"],"assign":"c"},
        {"fn":"ite","argv":[{"fn":"isSet","argv":[{"ref":"F"}]},"f-set","f-unset"],"assign":"i"},
        {"fn":"split","argv":["{c}","-",2],"assign":"parts"},
        {"fn":"getAttr","argv":[{"ref":"parts"},"[1]"],"assign":"tail"},
        {"fn":"not","argv":[{"fn":"isSet","argv":[{"ref":"A"}]}]},
        {"fn":"uriEncode","argv":["{c}/{i}"],"assign":"enc"}],
      "endpoint":{"url":"https://{i}.example.com/{tail}/{enc}"}},
      {"type":"error","conditions":[],"error":"A was set: {A}"}]})");
  REQUIRE(rs);
  endpoint_params p;
  // "fallback" has no second part, so the rule declines; an unset value renders as None.
  CHECK(resolve(*rs, p) == "error: A was set: None");
  p.set(*rs, "B", std::string("x-y-z"));
  CHECK(resolve(*rs, p) == "https://f-unset.example.com/y-z/x-y-z%2Ff-unset");
  p.set(*rs, "F", true);
  CHECK(resolve(*rs, p) == "https://f-set.example.com/y-z/x-y-z%2Ff-set");
  p.set(*rs, "A", std::string("a"));
  CHECK(resolve(*rs, p) == "error: A was set: a");
}

TEST_CASE("compile errors name what is wrong") {
  std::string err;
  CHECK_FALSE(compile(single_rule("{}", R"([{"fn":"nope","argv":[]}])", R"("https://x")"), &err));
  CHECK(err.find("unknown function \"nope\"") != std::string::npos);
  CHECK(err.find("rules[0].conditions[0]") != std::string::npos);

  CHECK_FALSE(compile(single_rule("{}", R"([{"fn":"isSet","argv":[{"ref":"Missing"}]}])", R"("https://x")"), &err));
  CHECK(err.find("undefined variable \"Missing\"") != std::string::npos);

  CHECK_FALSE(compile(single_rule(R"({"R":{"type":"string"}})",
                                  R"([{"fn":"aws.partition","argv":[{"ref":"R"}],"assign":"R"}])", R"("https://x")"),
                      &err));
  CHECK(err.find("already in scope") != std::string::npos);

  CHECK_FALSE(compile(single_rule("{}", "[]", R"("https://{Nope}")"), &err));
  CHECK(err.find("Nope") != std::string::npos);

  CHECK_FALSE(compile(R"({"parameters":{"X":{"type":"number"}},"rules":[]})", &err));
  CHECK(err.find("parameters.X") != std::string::npos);

  CHECK_FALSE(compile(R"({"parameters":{},"rules":[{"type":"bogus","conditions":[]}]})", &err));
  CHECK(err.find("unknown rule type") != std::string::npos);

  CHECK_FALSE(compile(single_rule("{}", R"([{"fn":"isSet","argv":[1,2]}])", R"("https://x")"), &err));
  CHECK(err.find("wrong number of arguments") != std::string::npos);
}

TEST_CASE("partitions: listed regions, patterns and the default") {
  auto const& parts = test_partitions();
  auto name = [&](std::string_view region) { return parts.partition_for(region).find("name")->string; };
  CHECK(name("us-east-1") == "aws");
  CHECK(name("us-east-10") == "aws");
  CHECK(name("aws-global") == "aws");
  CHECK(name("us-gov-west-1") == "aws-us-gov");
  CHECK(name("cn-north-1") == "aws-cn");
  CHECK(name("aws-cn-global") == "aws-cn");
  CHECK(name("eusc-de-east-1") == "aws-eusc");
  CHECK(name("us-isob-east-9") == "aws-iso-b");
  CHECK(name("mars-global") == "aws");
  CHECK(parts.default_partition().find("name")->string == "aws");
  auto const& cn = parts.partition_for("cn-northwest-1");
  CHECK(cn.find("dnsSuffix")->string == "amazonaws.com.cn");
  CHECK(cn.find("supportsFIPS")->is_bool());
  CHECK(partitions::load(nullptr) == partitions::load(nullptr));  // one per process
}

TEST_CASE("S3: cached rule set, virtual-hosted and ARN endpoints, and a timing sanity check") {
  std::string msg;
  auto s3 = rule_set::load("s3", &msg);
  REQUIRE_MESSAGE(s3, msg);
  CHECK(rule_set::load("s3", &msg) == s3);
  CHECK(s3->find_built_in("AWS::Region") >= 0);

  endpoint_params p;
  p.set(*s3, "Region", std::string("us-west-2"));
  p.set(*s3, "UseFIPS", false);
  p.set(*s3, "UseDualStack", false);
  p.set(*s3, "Bucket", std::string("my-bucket"));
  auto r = resolve_endpoint(*s3, p, test_partitions());
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  CHECK(r->url == "https://my-bucket.s3.us-west-2.amazonaws.com");
  auto const& scheme = r->properties.at("authSchemes").as_array().at(0).as_object();
  CHECK(scheme.at("name") == "sigv4");
  CHECK(scheme.at("signingRegion") == "us-west-2");

  p.set(*s3, "Bucket", std::string("arn:aws:s3:us-west-2:123456789012:accesspoint:myendpoint"));
  r = resolve_endpoint(*s3, p, test_partitions());
  REQUIRE(r.has_value());
  CHECK(r->url == "https://myendpoint-123456789012.s3-accesspoint.us-west-2.amazonaws.com");

  p.set(*s3, "Bucket", std::string("arn:aws:not-s3:us-west-2:123456789012:accesspoint:myendpoint"));
  r = resolve_endpoint(*s3, p, test_partitions());
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "Invalid ARN: The ARN was not for the S3 service, found: not-s3");

  // Timing is printed, not asserted: machines differ.
  p.set(*s3, "Bucket", std::string("my-bucket"));
  constexpr int rounds = 20000;
  std::size_t sink = 0;
  auto const start = std::chrono::steady_clock::now();
  for (int i = 0; i < rounds; ++i) sink += resolve_endpoint(*s3, p, test_partitions())->url.size();
  auto const elapsed = std::chrono::steady_clock::now() - start;
  CHECK(sink == rounds * std::string_view("https://my-bucket.s3.us-west-2.amazonaws.com").size());
  MESSAGE("S3 resolve with a bucket: "
          << std::chrono::duration<double, std::micro>(elapsed).count() / rounds << " us per call");
}

TEST_CASE("every installed endpoint rule set compiles") {
  model_registry registry({AWSCORO_SOURCE_ROOT "/models"});
  std::size_t compiled = 0;
  for (auto const& service : registry.available_services()) {
    load_error err{};
    if (!registry.service_data(service, "", "endpoint-rule-set-1", &err)) continue;
    std::string msg;
    auto rs = rule_set::load(registry, service, &msg);
    CHECK_MESSAGE(rs, msg);
    if (rs) {
      ++compiled;
      CHECK(rs->top_rule_count() > 0);
      CHECK(rs->slot_count() >= rs->parameters().size());
    }
  }
  CHECK(compiled >= 424);
}

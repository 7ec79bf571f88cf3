// Malformed bodies: every one is an error naming the operation, the status and an excerpt.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <awscoro/error.hpp>

#include "parse/parser.hpp"
#include "test_models.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using awscoro::http_response;
using awscoro::test::real_model;

namespace {

std::string parse_fails(service_model const& m, std::string const& op, unsigned status, std::string body) {
  http_response r;
  r.status = status;
  r.body = std::move(body);
  std::string msg;
  auto res = parse_response(m, *m.find_operation(op), r, msg);
  CHECK_FALSE(res.has_value());
  if (!res) CHECK(res.error() == awscoro::make_error_code(awscoro::error::parse));
  CHECK(msg.find(op + ": HTTP " + std::to_string(status)) == 0);
  return msg;
}

}  // namespace

TEST_CASE("malformed JSON bodies") {
  auto m = real_model("dynamodb");
  REQUIRE(m);
  auto msg = parse_fails(*m, "GetItem", 200, R"({"Item":{"id":{"S":"k1"})");
  CHECK(msg.find("body: '{\"Item\"") != std::string::npos);
  parse_fails(*m, "GetItem", 200, "{\"Item\":{\"id\":{\"S\":\"\xff\xfe\"}}}");  // invalid UTF-8
  parse_fails(*m, "GetItem", 200, "<html><body>Service Unavailable</body></html>");  // wrong content type
  parse_fails(*m, "GetItem", 200, R"({"Item": [1, 2]})");  // a list where a map belongs
  parse_fails(*m, "DescribeTable", 200, R"({"Table":{"ItemCount":1e999999}})");  // a huge integer
  std::string deep = R"({"Item":{"a":)";
  for (int i = 0; i < 70; ++i) deep += R"({"M":{"a":)";
  deep += R"({"S":"x"})";
  for (int i = 0; i < 70; ++i) deep += "}}";
  deep += "}}";
  auto deep_msg = parse_fails(*m, "GetItem", 200, deep);
  CHECK(deep_msg.find("64") != std::string::npos);
}

TEST_CASE("malformed XML bodies") {
  auto m = real_model("sns");
  REQUIRE(m);
  parse_fails(*m, "CreateTopic", 200, "<CreateTopicResponse><CreateTopicResult><TopicArn>arn");
  parse_fails(*m, "CreateTopic", 200, "<CreateTopicResponse>\xc3\x28</CreateTopicResponse>");
  std::string deep = "<CreateTopicResponse>";
  for (int i = 0; i < 80; ++i) deep += "<a>";
  for (int i = 0; i < 80; ++i) deep += "</a>";
  deep += "</CreateTopicResponse>";
  CHECK(parse_fails(*m, "CreateTopic", 200, deep).find("64") != std::string::npos);
  auto dtd = parse_fails(*m, "CreateTopic", 200,
                         R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><CreateTopicResponse>&lol;</CreateTopicResponse>)");
  CHECK(dtd.find("DOCTYPE") != std::string::npos);
  auto ec2 = real_model("ec2");
  REQUIRE(ec2);
  parse_fails(*ec2, "DescribeInstances", 200,
              "<DescribeInstancesResponse><reservationSet><item><ownerId>1</ownerId></item></reservationSet>");
  // A non-integer where an integer belongs names the member.
  auto s3 = real_model("s3");
  REQUIRE(s3);
  auto msg = parse_fails(*s3, "ListObjectsV2", 200, "<ListBucketResult><KeyCount>many</KeyCount></ListBucketResult>");
  CHECK(msg.find("KeyCount") != std::string::npos);
}

TEST_CASE("an error status with an unreadable query body is a parse error, rest-xml falls back to the status") {
  auto sns = real_model("sns");
  REQUIRE(sns);
  parse_fails(*sns, "CreateTopic", 400, "<ErrorResponse><Error>");
  auto s3 = real_model("s3");
  REQUIRE(s3);
  http_response r;
  r.status = 403;
  r.body = "<Error><Code>AccessDenied";
  std::string msg;
  auto res = parse_response(*s3, *s3->find_operation("ListObjectsV2"), r, msg);
  REQUIRE(res.has_value());
  CHECK(res->at("Error").at("Code") == "403");
  CHECK(res->at("Error").at("Message") == "Forbidden");
}

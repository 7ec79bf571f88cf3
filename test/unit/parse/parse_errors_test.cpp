// Error responses: code extraction per protocol, generic errors, modeled error fields.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "parse/parser.hpp"
#include "parse_ok.hpp"
#include "test_models.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using awscoro::http_response;
using awscoro::test::inline_model;
using awscoro::test::parse_ok;
using awscoro::test::real_model;

namespace {

http_response make(unsigned status, std::string body, std::initializer_list<std::pair<char const*, char const*>> h = {}) {
  http_response r;
  r.status = status;
  r.body = std::move(body);
  for (auto const& [k, v] : h) r.headers.add(k, v);
  return r;
}

std::string code_of(json::object const& r) { return std::string(r.at("Error").at("Code").as_string()); }
std::string message_of(json::object const& r) { return std::string(r.at("Error").at("Message").as_string()); }

}  // namespace

TEST_CASE("json __type variants give the bare code") {
  auto m = real_model("dynamodb");
  REQUIRE(m);
  for (auto const* type : {"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                           "ResourceNotFoundException:http://internal.amazon.com/coral/",
                           "aws.protocoltests#ResourceNotFoundException:http://x", "ResourceNotFoundException"}) {
    auto r = parse_ok(*m, "GetItem",
                      make(400, std::string(R"({"__type":")") + type + R"(","message":"Requested resource not found"})",
                           {{"x-amzn-RequestId", "REQ1"}}));
    CHECK(code_of(r) == "ResourceNotFoundException");
    CHECK(message_of(r) == "Requested resource not found");
    CHECK(r.at("ResponseMetadata").at("RequestId") == "REQ1");
    CHECK(r.at("ResponseMetadata").at("HTTPStatusCode") == 400);
    // The modeled error's members sit beside Error, as in ClientError.response.
    CHECK(r.at("message") == "Requested resource not found");
  }
}

TEST_CASE("json error code falls back to Message, x-amzn-errortype, code field, then the status") {
  auto m = real_model("dynamodb");
  REQUIRE(m);
  auto r = parse_ok(*m, "GetItem", make(400, R"({"Message":"Big M"})", {{"x-amzn-ErrorType", "ThrottlingException:http://x"}}));
  CHECK(code_of(r) == "ThrottlingException");
  CHECK(message_of(r) == "Big M");
  r = parse_ok(*m, "GetItem", make(400, R"({"code":"aws#LimitExceededException"})"));
  CHECK(code_of(r) == "LimitExceededException");
  r = parse_ok(*m, "GetItem", make(400, ""));
  CHECK(code_of(r) == "400");
  CHECK(message_of(r) == "");
  // A body that is not JSON becomes the message, as botocore keeps it.
  r = parse_ok(*m, "GetItem", make(400, "not json at all"));
  CHECK(message_of(r) == "not json at all");
}

TEST_CASE("5xx with an empty or HTML body is a generic error named by the status") {
  auto m = real_model("dynamodb");
  REQUIRE(m);
  auto r = parse_ok(*m, "GetItem", make(503, ""));
  CHECK(code_of(r) == "503");
  CHECK(message_of(r) == "Service Unavailable");
  r = parse_ok(*m, "GetItem", make(502, "  <html><body>Bad gateway</body></html>"));
  CHECK(code_of(r) == "502");
  CHECK(message_of(r) == "Bad Gateway");
}

TEST_CASE("query-compatible errors take the code from x-amzn-query-error") {
  auto m = real_model("sqs");
  REQUIRE(m);
  auto r = parse_ok(*m, "GetQueueUrl",
                    make(400, R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."})",
                         {{"x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"}}));
  CHECK(code_of(r) == "AWS.SimpleQueueService.NonExistentQueue");
  CHECK(r.at("Error").at("QueryErrorCode") == "QueueDoesNotExist");
  CHECK(r.at("Error").at("Type") == "Sender");
}

TEST_CASE("rest-json: x-amzn-errortype wins over the body") {
  auto m = real_model("lambda");
  REQUIRE(m);
  auto r = parse_ok(*m, "GetFunction",
                    make(404, R"({"Type":"User","Message":"Function not found: x","code":"Other"})",
                         {{"x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/"},
                          {"x-amzn-RequestId", "abc"}}));
  CHECK(code_of(r) == "ResourceNotFoundException");
  CHECK(message_of(r) == "Function not found: x");
  CHECK(r.at("Type") == "User");  // modeled member of ResourceNotFoundException
  r = parse_ok(*m, "GetFunction", make(404, R"({"code":"prefix#ResourceNotFoundException","message":"m"})"));
  CHECK(code_of(r) == "ResourceNotFoundException");
}

TEST_CASE("query errors: ErrorResponse, RequestId, modeled fields") {
  auto m = inline_model(R"({
    "metadata": {"protocol": "query", "apiVersion": "2020-01-01"},
    "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                          "errors": [{"shape": "Complex"}]}},
    "shapes": {"Complex": {"type": "structure", "exception": true, "error": {"code": "ComplexCode"},
                           "members": {"Top": {"shape": "S"}, "Nested": {"shape": "N"}}},
               "N": {"type": "structure", "members": {"Foo": {"shape": "S"}}},
               "S": {"type": "string"}}})");
  REQUIRE(m);
  auto r = parse_ok(*m, "Op", make(400, R"(<ErrorResponse><Error><Type>Sender</Type><Code>ComplexCode</Code>
    <Message>Hi</Message><Top>Top</Top><Nested><Foo>bar</Foo></Nested></Error><RequestId>rid</RequestId></ErrorResponse>)"));
  CHECK(code_of(r) == "ComplexCode");
  CHECK(message_of(r) == "Hi");
  CHECK(r.at("Error").at("Type") == "Sender");
  CHECK(r.at("ResponseMetadata").at("RequestId") == "rid");
  CHECK(r.at("Top") == "Top");
  CHECK(r.at("Nested").at("Foo") == "bar");

  parse_options bare;
  bare.modeled_error_fields = false;
  r = parse_ok(*m, "Op", make(400, R"(<ErrorResponse><Error><Code>ComplexCode</Code><Top>x</Top></Error></ErrorResponse>)"), bare);
  CHECK_FALSE(r.contains("Top"));
}

TEST_CASE("ec2 errors: Response/Errors/Error and RequestID") {
  auto m = real_model("ec2");
  REQUIRE(m);
  auto r = parse_ok(*m, "DescribeInstances",
                    make(400, R"(<Response><Errors><Error><Code>InvalidInstanceID.Malformed</Code>
      <Message>Invalid id: "1343124"</Message></Error></Errors><RequestID>12345</RequestID></Response>)"));
  CHECK(code_of(r) == "InvalidInstanceID.Malformed");
  CHECK(message_of(r) == "Invalid id: \"1343124\"");
  CHECK(r.at("ResponseMetadata").at("RequestId") == "12345");
}

TEST_CASE("s3 errors: bare <Error>, no body, 200 with an error document") {
  auto m = real_model("s3");
  REQUIRE(m);
  auto r = parse_ok(*m, "CreateBucket",
                    make(409, R"(<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>BucketAlreadyOwnedByYou</Code><Message>Yours.</Message><BucketName>b</BucketName>
<RequestId>R1</RequestId><HostId>H1</HostId></Error>)",
                         {{"x-amz-request-id", "R1"}, {"x-amz-id-2", "H1"}}));
  CHECK(code_of(r) == "BucketAlreadyOwnedByYou");
  CHECK(r.at("Error").at("BucketName") == "b");
  CHECK_FALSE(r.at("Error").as_object().contains("RequestId"));
  CHECK(r.at("ResponseMetadata").at("RequestId") == "R1");
  CHECK(r.at("ResponseMetadata").at("HostId") == "H1");

  r = parse_ok(*m, "HeadObject", make(404, "", {{"x-amz-request-id", "R2"}}));
  CHECK(code_of(r) == "404");
  CHECK(message_of(r) == "Not Found");
  CHECK(r.at("ResponseMetadata").at("RequestId") == "R2");
  CHECK(r.at("ResponseMetadata").at("HostId") == "");

  auto copy = make(200, "\n<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>");
  CHECK(is_error_response(*m, *m->find_operation("CopyObject"), copy));
  r = parse_ok(*m, "CopyObject", copy);
  CHECK(code_of(r) == "InternalError");
  CHECK(r.at("ResponseMetadata").at("HTTPStatusCode") == 500);

  // A cut-off 200 body is a 500 for botocore too: retryable, not a parse failure.
  r = parse_ok(*m, "CopyObject", make(200, "<CopyObjectResult><ETag>abc</ET"));
  CHECK(code_of(r) == "500");
  CHECK(message_of(r) == "Internal Server Error");

  auto ok = make(200, "<CopyObjectResult><ETag>&quot;abc&quot;</ETag></CopyObjectResult>");
  CHECK_FALSE(is_error_response(*m, *m->find_operation("CopyObject"), ok));
  r = parse_ok(*m, "CopyObject", ok);
  CHECK(r.at("CopyObjectResult").at("ETag") == "\"abc\"");
}

TEST_CASE("rest-xml non-S3 errors merge into Code and Message defaults") {
  auto m = real_model("route53");
  REQUIRE(m);
  auto r = parse_ok(*m, "GetHostedZone",
                    make(404, R"(<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>
<Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error><RequestId>rq</RequestId></ErrorResponse>)"));
  CHECK(code_of(r) == "NoSuchHostedZone");
  CHECK(r.at("Error").at("Type") == "Sender");
  CHECK(r.at("ResponseMetadata").at("RequestId") == "rq");
}

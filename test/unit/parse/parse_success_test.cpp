// Successful responses: ResponseMetadata, members from headers and bodies, incremental feeding.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "parse/json_body_reader.hpp"
#include "parse/parser.hpp"
#include "parse/value_builder.hpp"
#include "parse/xml_body_parser.hpp"
#include "parse_ok.hpp"
#include "test_models.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using awscoro::http_response;
using awscoro::test::inline_model;
using awscoro::test::parse_ok;
using awscoro::test::real_model;

namespace {

std::string list_objects_page(int keys) {
  std::string b = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><Prefix></Prefix>)"
                  R"(<KeyCount>)" + std::to_string(keys) + R"(</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>)";
  for (int i = 0; i < keys; ++i) {
    b += "<Contents><Key>photos/2024/key-" + std::to_string(i) +
         ".jpg</Key><LastModified>2024-05-01T12:34:56.000Z</LastModified>"
         "<ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>"
         "<Size>" + std::to_string(1000 + i) + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }
  b += "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken></ListBucketResult>";
  return b;
}

}  // namespace

TEST_CASE("ResponseMetadata: request id, host id, status, lower-cased headers") {
  auto m = real_model("s3");
  REQUIRE(m);
  http_response r;
  r.status = 200;
  r.headers.add("x-amz-request-id", "REQ");
  r.headers.add("x-amz-id-2", "HOST");
  r.headers.add("Content-Type", "application/xml");
  r.headers.add("X-Dup", "a");
  r.headers.add("x-dup", "b");
  r.body = list_objects_page(2);
  auto out = parse_ok(*m, "ListObjectsV2", r);
  auto const& md = out.at("ResponseMetadata").as_object();
  CHECK(md.at("RequestId") == "REQ");
  CHECK(md.at("HostId") == "HOST");
  CHECK(md.at("HTTPStatusCode") == 200);
  CHECK(md.at("HTTPHeaders").at("content-type") == "application/xml");
  CHECK(md.at("HTTPHeaders").at("x-dup") == "a, b");
  CHECK(out.at("Contents").as_array().size() == 2);
  CHECK(out.at("Contents").at(1).at("Size") == 1001);
  CHECK(out.at("Contents").at(0).at("ETag") == "\"d41d8cd98f00b204e9800998ecf8427e\"");
  CHECK(out.at("Contents").at(0).at("LastModified") == "2024-05-01T12:34:56Z");
  CHECK(out.at("IsTruncated") == true);
  CHECK(out.at("KeyCount") == 2);
  CHECK(out.at("Prefix") == "");

  parse_options raw;
  raw.raw_timestamps = true;
  out = parse_ok(*m, "ListObjectsV2", r, raw);
  CHECK(out.at("Contents").at(0).at("LastModified") == "2024-05-01T12:34:56.000Z");
}

TEST_CASE("query and ec2 read the request id from the body") {
  auto sns = real_model("sns");
  REQUIRE(sns);
  http_response r;
  r.status = 200;
  r.body = R"(<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult>
<TopicArn>arn:aws:sns:us-east-1:123456789012:t</TopicArn></CreateTopicResult>
<ResponseMetadata><RequestId>a8dec8b3</RequestId></ResponseMetadata></CreateTopicResponse>)";
  auto out = parse_ok(*sns, "CreateTopic", r);
  CHECK(out.at("TopicArn") == "arn:aws:sns:us-east-1:123456789012:t");
  CHECK(out.at("ResponseMetadata").at("RequestId") == "a8dec8b3");

  auto ec2 = real_model("ec2");
  REQUIRE(ec2);
  r.body = R"(<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>59dbff89</requestId>
<regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint></item></regionInfo>
</DescribeRegionsResponse>)";
  out = parse_ok(*ec2, "DescribeRegions", r);
  CHECK(out.at("ResponseMetadata").at("RequestId") == "59dbff89");
  CHECK(out.at("Regions").at(0).at("RegionName") == "us-east-1");
}

TEST_CASE("DynamoDB GetItem: nested attribute values, blobs decoded") {
  auto m = real_model("dynamodb");
  REQUIRE(m);
  http_response r;
  r.status = 200;
  r.headers.add("x-amzn-RequestId", "RID");
  r.body = R"({"Item":{"id":{"S":"k1"},"n":{"N":"12.5"},"b":{"B":"aGVsbG8="},"l":{"L":[{"S":"x"},{"BOOL":true}]},
             "m":{"M":{"inner":{"NULL":true}}}},"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5}})";
  auto out = parse_ok(*m, "GetItem", r);
  CHECK(out.at("Item").at("id").at("S") == "k1");
  CHECK(out.at("Item").at("b").at("B") == "hello");
  CHECK(out.at("Item").at("l").at("L").at(1).at("BOOL") == true);
  CHECK(out.at("Item").at("m").at("M").at("inner").at("NULL") == true);
  CHECK(out.at("ConsumedCapacity").at("CapacityUnits") == 0.5);
  CHECK(out.at("ResponseMetadata").at("RequestId") == "RID");
}

TEST_CASE("rest-json headers, prefix headers, status code and jsonvalue headers") {
  auto m = inline_model(R"({
    "metadata": {"protocol": "rest-json", "apiVersion": "2020-01-01"},
    "operations": {"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/"}, "output": {"shape": "Out"}}},
    "shapes": {"Out": {"type": "structure", "members": {
                 "Count": {"shape": "I", "location": "header", "locationName": "X-Count"},
                 "Flag": {"shape": "B", "location": "header", "locationName": "X-Flag"},
                 "When": {"shape": "T", "location": "header", "locationName": "X-When"},
                 "Meta": {"shape": "M", "location": "headers", "locationName": "X-Meta-"},
                 "Doc": {"shape": "J", "location": "header", "locationName": "X-Doc"},
                 "Tags": {"shape": "L", "location": "header", "locationName": "X-Tags"},
                 "Status": {"shape": "I", "location": "statusCode"},
                 "Body": {"shape": "S"}}},
               "I": {"type": "integer"}, "B": {"type": "boolean"}, "T": {"type": "timestamp"},
               "M": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
               "J": {"type": "string", "jsonvalue": true},
               "L": {"type": "list", "member": {"shape": "S"}}, "S": {"type": "string"}}})");
  REQUIRE(m);
  http_response r;
  r.status = 201;
  r.headers.add("X-Count", "42");
  r.headers.add("x-flag", "True");
  r.headers.add("X-When", "Sun, 06 Nov 1994 08:49:37 GMT");
  r.headers.add("X-Meta-Color", "red");
  r.headers.add("x-meta-size", "big");
  r.headers.add("X-Doc", "eyJhIjogWzEsIDJdfQ==");  // {"a": [1, 2]}
  r.headers.add("X-Tags", "a, b,c");
  r.body = R"({"Body":"text"})";
  auto out = parse_ok(*m, "Op", r);
  CHECK(out.at("Count") == 42);
  CHECK(out.at("Flag") == true);
  CHECK(out.at("When") == "1994-11-06T08:49:37Z");
  CHECK(out.at("Meta").at("Color") == "red");
  CHECK(out.at("Meta").at("size") == "big");
  CHECK(out.at("Doc").at("a").at(1) == 2);
  CHECK(out.at("Tags") == json::array{"a", "b", "c"});
  CHECK(out.at("Status") == 201);
  CHECK(out.at("Body") == "text");
}

TEST_CASE("a streaming payload is left to the client, a plain blob payload is the body") {
  auto s3 = real_model("s3");
  REQUIRE(s3);
  http_response r;
  r.status = 200;
  r.headers.add("Content-Length", "5");
  r.headers.add("ETag", "\"e\"");
  r.body = "hello";
  auto out = parse_ok(*s3, "GetObject", r);
  CHECK_FALSE(out.contains("Body"));
  CHECK(out.at("ContentLength") == 5);
  CHECK(out.at("ETag") == "\"e\"");
}

TEST_CASE("XML fed in small pieces gives the same result as the whole body") {
  auto m = real_model("s3");
  REQUIRE(m);
  auto body = list_objects_page(50);
  auto const* op = m->find_operation("ListObjectsV2");
  parse_options opts;
  xml_parse_spec spec;
  spec.root = op->output;
  xml_body_parser whole(*m, opts, spec);
  REQUIRE(whole.feed(body, true));
  for (std::size_t piece : {1u, 7u, 64u}) {
    xml_body_parser split(*m, opts, spec);
    for (std::size_t i = 0; i < body.size(); i += piece)
      REQUIRE(split.feed(std::string_view(body).substr(i, piece), false));
    REQUIRE(split.feed({}, true));
    CHECK(split.result() == whole.result());
  }
  CHECK(whole.result().at("Contents").as_array().size() == 50);
}

TEST_CASE("JSON fed in small pieces gives the same result as the whole body") {
  auto m = real_model("dynamodb");
  REQUIRE(m);
  std::string body = R"({"Item":{"long-attribute-name-to-split":{"S":"a string value that is long enough to split"},
    "n":{"N":"1"}},"ConsumedCapacity":{"TableName":"table","CapacityUnits":1.0}})";
  auto const* op = m->find_operation("GetItem");
  parse_options opts;
  value_builder whole(*m, opts, value_builder::flavor::json, op->output);
  json_body_reader wr(whole);
  REQUIRE(wr.feed(body, true));
  for (std::size_t piece : {1u, 5u, 33u}) {
    value_builder b(*m, opts, value_builder::flavor::json, op->output);
    json_body_reader rd(b);
    for (std::size_t i = 0; i < body.size(); i += piece) REQUIRE(rd.feed(std::string_view(body).substr(i, piece), false));
    REQUIRE(rd.feed({}, true));
    CHECK(b.result() == whole.result());
  }
  CHECK(whole.result().at("Item").at("n").at("N") == "1");
}

// CPU time and heap traffic of the protocol codecs on typical calls: serialize and parse
// DynamoDB GetItem, parse a 1,000-key S3 ListObjectsV2 page, serialize and parse EC2
// DescribeInstances, parse a CBOR (CloudWatch GetMetricData) response, decode event stream
// messages. Each benchmark reports allocs/call and bytes/call, counted by the global
// operator new of bench/support.
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include "model/model_registry.hpp"
#include "parse/event_stream_decoder.hpp"
#include "parse/parser.hpp"
#include "serialize/cbor_writer.hpp"
#include "serialize/event_stream_encoder.hpp"
#include "serialize/serializer.hpp"
#include "alloc_meter.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using awscoro::bench::alloc_meter;
using awscoro::http_response;

namespace {

model_registry& registry() {
  static model_registry r({std::string(AWSCORO_SOURCE_ROOT) + "/models"});
  return r;
}

std::shared_ptr<service_model const> model(std::string const& name) {
  load_error e{};
  auto m = registry().service(name, "", &e);
  if (!m) std::abort();
  return m;
}

void bench_serialize(benchmark::State& state, char const* service, char const* op_name, char const* params_json) {
  auto m = model(service);
  auto const* op = m->find_operation(op_name);
  auto params = json::parse(params_json).as_object();
  std::string err;
  alloc_meter meter;
  for (auto _ : state) {
    auto r = serialize_request(*m, *op, params, err);
    benchmark::DoNotOptimize(r);
  }
  meter.report(state);
}

void bench_parse(benchmark::State& state, std::shared_ptr<service_model const> m, char const* op_name,
                 http_response const& resp) {
  auto const* op = m->find_operation(op_name);
  std::string err;
  {
    auto check = parse_response(*m, *op, resp, err);
    if (!check) state.SkipWithError(err.c_str());
  }
  alloc_meter meter;
  for (auto _ : state) {
    auto r = parse_response(*m, *op, resp, err);
    benchmark::DoNotOptimize(r);
  }
  meter.report(state);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(resp.body.size()));
}

void BM_DynamoDBGetItemSerialize(benchmark::State& state) {
  bench_serialize(state, "dynamodb", "GetItem",
                  R"({"TableName": "users", "Key": {"pk": {"S": "user#123"}, "sk": {"N": "42"}},
                      "ConsistentRead": true, "ProjectionExpression": "#n, email",
                      "ExpressionAttributeNames": {"#n": "name"}})");
}
BENCHMARK(BM_DynamoDBGetItemSerialize);

void BM_DynamoDBGetItemParse(benchmark::State& state) {
  http_response r;
  r.status = 200;
  r.headers.add("x-amzn-RequestId", "4KBNVRGD25RG1KEO9UT4V3FQDJVV4KQNSO5AEMVJF66Q9ASUAAJG");
  r.headers.add("Content-Type", "application/x-amz-json-1.0");
  r.body = R"({"Item": {"pk": {"S": "user#123"}, "sk": {"N": "42"}, "name": {"S": "Ada Lovelace"},
      "email": {"S": "ada@example.com"}, "tags": {"SS": ["a", "b", "c"]}, "active": {"BOOL": true},
      "profile": {"M": {"city": {"S": "London"}, "visits": {"N": "1815"}, "scores": {"L": [{"N": "1"}, {"N": "2"}]}}}}})";
  bench_parse(state, model("dynamodb"), "GetItem", r);
}
BENCHMARK(BM_DynamoDBGetItemParse);

void BM_S3ListObjectsV2Parse1000(benchmark::State& state) {
  http_response r;
  r.status = 200;
  r.headers.add("x-amz-request-id", "0A49CE4060975EAC");
  r.headers.add("Content-Type", "application/xml");
  std::string& b = r.body;
  b = R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><Prefix></Prefix>)"
      R"(<KeyCount>1000</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>)";
  for (int i = 0; i < 1000; ++i) {
    b += "<Contents><Key>photos/2024/key-" + std::to_string(i) +
         ".jpg</Key><LastModified>2024-05-01T12:34:56.000Z</LastModified>"
         "<ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm>"
         "<Size>" + std::to_string(1000 + i) + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }
  b += "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken></ListBucketResult>";
  bench_parse(state, model("s3"), "ListObjectsV2", r);
}
BENCHMARK(BM_S3ListObjectsV2Parse1000)->Unit(benchmark::kMicrosecond);

void BM_EC2DescribeInstancesSerialize(benchmark::State& state) {
  bench_serialize(state, "ec2", "DescribeInstances",
                  R"({"Filters": [{"Name": "instance-state-name", "Values": ["running", "stopped"]},
                                  {"Name": "tag:team", "Values": ["storage"]}],
                      "InstanceIds": ["i-0123456789abcdef0", "i-0fedcba9876543210"], "MaxResults": 50})");
}
BENCHMARK(BM_EC2DescribeInstancesSerialize);

void BM_EC2DescribeInstancesParse(benchmark::State& state) {
  http_response r;
  r.status = 200;
  r.headers.add("Content-Type", "text/xml;charset=UTF-8");
  std::string& b = r.body;
  b = R"(<?xml version="1.0" encoding="UTF-8"?><DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">)"
      R"(<requestId>8f7724cf-496f-496e-8fe3-example</requestId><reservationSet>)";
  for (int i = 0; i < 10; ++i) {
    b += "<item><reservationId>r-0" + std::to_string(i) +
         "</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>"
         "<instanceId>i-0" + std::to_string(i) +
         "</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>16</code><name>running</name>"
         "</instanceState><privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName><instanceType>t3.micro</instanceType>"
         "<launchTime>2024-05-01T12:34:56.000Z</launchTime><placement><availabilityZone>us-east-1a</availabilityZone>"
         "<tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring>"
         "<subnetId>subnet-0123</subnetId><vpcId>vpc-0123</vpcId><privateIpAddress>10.0.0.1</privateIpAddress>"
         "<groupSet><item><groupId>sg-0123</groupId><groupName>default</groupName></item></groupSet>"
         "<tagSet><item><key>Name</key><value>web-" + std::to_string(i) +
         "</value></item><item><key>team</key><value>storage</value></item></tagSet>"
         "<ebsOptimized>false</ebsOptimized></item></instancesSet></item>";
  }
  b += "</reservationSet></DescribeInstancesResponse>";
  bench_parse(state, model("ec2"), "DescribeInstances", r);
}
BENCHMARK(BM_EC2DescribeInstancesParse)->Unit(benchmark::kMicrosecond);

// CloudWatch lists smithy-rpc-v2-cbor first but json wins the protocol choice (as in botocore),
// so the model is compiled here with CBOR as its only protocol.
std::shared_ptr<service_model const> cloudwatch_cbor() {
  load_error e{};
  auto doc = registry().service_data("cloudwatch", "", "service-2", &e);
  if (!doc || !doc->is_object()) std::abort();
  json::object o = doc->as_object();
  o["metadata"].as_object()["protocols"] = json::array{"smithy-rpc-v2-cbor"};
  o["metadata"].as_object()["protocol"] = "smithy-rpc-v2-cbor";
  std::string err;
  auto m = service_model::compile(o, "cloudwatch", &err);
  if (!m) std::abort();
  return *m;
}

void BM_CborGetMetricDataParse(benchmark::State& state) {
  auto m = cloudwatch_cbor();
  json::array results;
  for (int i = 0; i < 5; ++i) {
    json::array ts, vals;
    for (int j = 0; j < 60; ++j) {
      ts.push_back(1714566896 + 60 * j);
      vals.push_back(0.5 * j + i);
    }
    results.push_back(json::object{{"Id", "m" + std::to_string(i)}, {"Label", "CPUUtilization"},
                                   {"Timestamps", std::move(ts)}, {"Values", std::move(vals)},
                                   {"StatusCode", "Complete"}});
  }
  json::value doc = json::object{{"MetricDataResults", std::move(results)}, {"Messages", json::array{}}};
  http_response r;
  r.status = 200;
  r.headers.add("smithy-protocol", "rpc-v2-cbor");
  r.headers.add("Content-Type", "application/cbor");
  cbor::append_json(r.body, doc);
  bench_parse(state, m, "GetMetricData", r);
}
BENCHMARK(BM_CborGetMetricDataParse)->Unit(benchmark::kMicrosecond);

std::string sample_event_frame() {
  std::vector<event_header> hs(3);
  hs[0].name = ":message-type";
  hs[0].bytes = "event";
  hs[1].name = ":event-type";
  hs[1].bytes = "Records";
  hs[2].name = ":content-type";
  hs[2].bytes = "application/octet-stream";
  std::string out, err;
  encode_event_frame(hs, std::string(1024, 'r'), out, err);
  return out;
}

void BM_EventStreamDecode(benchmark::State& state) {
  auto frame = sample_event_frame();
  event_stream_decoder d;
  event_message msg;
  alloc_meter meter;
  for (auto _ : state) {
    d.feed(frame);
    auto s = d.next(msg);
    benchmark::DoNotOptimize(s);
  }
  meter.report(state);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(frame.size()));
}
BENCHMARK(BM_EventStreamDecode);

void BM_EventStreamDecodeAndParse(benchmark::State& state) {
  auto m = model("s3");
  auto stream = m->find_shape("SelectObjectContentEventStream");
  auto frame = sample_event_frame();
  event_stream_decoder d;
  event_message msg;
  parsed_event ev;
  std::string err;
  alloc_meter meter;
  for (auto _ : state) {
    d.feed(frame);
    d.next(msg);
    parse_event_message(*m, stream, msg, ev, err);
    benchmark::DoNotOptimize(ev);
  }
  meter.report(state);
}
BENCHMARK(BM_EventStreamDecodeAndParse);

}  // namespace

BENCHMARK_MAIN();

// Real calls through the whole pipeline against moto_server on 127.0.0.1.
#include <doctest/doctest.h>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_fixture;
using awscoro::test::unique_name;
namespace json = boost::json;

TEST_CASE_FIXTURE(moto_fixture, "S3: bucket and object round trip") {
  auto s3 = make("s3");
  std::string bucket = unique_name("awscoro-s3");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  std::string body = "hello \x01\x02 world";
  auto put = run(s3.call("PutObject", {{"Bucket", bucket}, {"Key", "dir/a b+c.txt"}, {"Body", body},
                                       {"Metadata", {{"color", "blue"}}}}));
  CHECK(put.at("ETag").as_string().size() > 2);
  CHECK(put.at("ResponseMetadata").at("HTTPStatusCode").as_int64() == 200);
  CHECK(put.at("ResponseMetadata").at("RetryAttempts").as_int64() == 0);

  auto got = run(s3.call("GetObject", {{"Bucket", bucket}, {"Key", "dir/a b+c.txt"}}));
  CHECK(got.at("Body").as_string() == body);
  CHECK(got.at("ContentLength").as_int64() == static_cast<std::int64_t>(body.size()));
  CHECK(got.at("Metadata").at("color").as_string() == "blue");

  auto head = run(s3.call("HeadObject", {{"Bucket", bucket}, {"Key", "dir/a b+c.txt"}}));
  CHECK(head.at("ContentLength").as_int64() == static_cast<std::int64_t>(body.size()));
  CHECK(head.at("LastModified").as_string().back() == 'Z');

  auto list = run(s3.call("ListObjectsV2", {{"Bucket", bucket}, {"Prefix", "dir/"}}));
  REQUIRE(list.at("Contents").as_array().size() == 1);
  CHECK(list.at("Contents").as_array()[0].at("Key").as_string() == "dir/a b+c.txt");
  CHECK(list.at("KeyCount").as_int64() == 1);

  auto buckets = run(s3.call("ListBuckets"));
  bool found = false;
  for (auto const& b : buckets.at("Buckets").as_array()) found |= b.at("Name").as_string() == bucket;
  CHECK(found);

  run(s3.call("DeleteObject", {{"Bucket", bucket}, {"Key", "dir/a b+c.txt"}}));
  run(s3.call("DeleteBucket", {{"Bucket", bucket}}));
}

TEST_CASE_FIXTURE(moto_fixture, "S3: service errors carry botocore's code, message and metadata") {
  auto s3 = make("s3");
  std::string bucket = unique_name("awscoro-s3-err");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  try {
    run(s3.call("GetObject", {{"Bucket", bucket}, {"Key", "missing"}}));
    FAIL("expected NoSuchKey");
  } catch (client_error const& e) {
    CHECK(e.code() == "NoSuchKey");
    CHECK(e.http_status() == 404);
    CHECK(e.operation_name() == "GetObject");
    CHECK(std::string(e.what()).find("An error occurred (NoSuchKey) when calling the GetObject operation") == 0);
    CHECK(e.response().at("ResponseMetadata").at("HTTPStatusCode").as_int64() == 404);
    CHECK(e.error() == condition::service);
  }
  try {
    run(s3.call("HeadBucket", {{"Bucket", unique_name("awscoro-missing")}}));
    FAIL("expected 404");
  } catch (client_error const& e) {
    CHECK(e.code() == "404");
    CHECK(e.message() == "Not Found");
  }
}

TEST_CASE_FIXTURE(moto_fixture, "DynamoDB: table and items") {
  auto ddb = make("dynamodb");
  std::string table = unique_name("awscoro-ddb");
  run(ddb.call("CreateTable", {{"TableName", table},
                               {"KeySchema", json::array{{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                               {"AttributeDefinitions", json::array{{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                               {"BillingMode", "PAY_PER_REQUEST"}}));
  for (int i = 0; i < 5; ++i)
    run(ddb.call("PutItem", {{"TableName", table},
                             {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}, {"n", {{"N", std::to_string(i)}}},
                                       {"b", {{"B", std::string("\x00\xff", 2)}}}}}}));
  auto item = run(ddb.call("GetItem", {{"TableName", table}, {"Key", {{"pk", {{"S", "k3"}}}}}}));
  CHECK(item.at("Item").at("n").at("N").as_string() == "3");
  CHECK(item.at("Item").at("b").at("B").as_string() == std::string("\x00\xff", 2));

  auto scan = run(ddb.call("Scan", {{"TableName", table}}));
  CHECK(scan.at("Count").as_int64() == 5);

  try {
    run(ddb.call("PutItem", {{"TableName", table},
                             {"Item", {{"pk", {{"S", "k1"}}}}},
                             {"ConditionExpression", "attribute_not_exists(pk)"}}));
    FAIL("expected ConditionalCheckFailedException");
  } catch (client_error const& e) {
    CHECK(e.code() == "ConditionalCheckFailedException");
    CHECK(e.http_status() == 400);
  }
  try {
    run(ddb.call("DescribeTable", {{"TableName", unique_name("missing")}}));
    FAIL("expected ResourceNotFoundException");
  } catch (client_error const& e) {
    CHECK(e.code() == "ResourceNotFoundException");
  }
}

TEST_CASE_FIXTURE(moto_fixture, "SQS: send, receive, delete") {
  auto sqs = make("sqs");
  auto q = run(sqs.call("CreateQueue", {{"QueueName", unique_name("awscoro-q")}}));
  std::string url(q.at("QueueUrl").as_string());
  auto sent = run(sqs.call("SendMessage", {{"QueueUrl", url}, {"MessageBody", "payload <&> \xc3\xa9"},
                                           {"MessageAttributes", {{"kind", {{"DataType", "String"},
                                                                            {"StringValue", "test"}}}}}}));
  CHECK(sent.at("MD5OfMessageBody").as_string().size() == 32);
  auto got = run(sqs.call("ReceiveMessage", {{"QueueUrl", url}, {"MaxNumberOfMessages", 10},
                                             {"MessageAttributeNames", json::array{"All"}}}));
  auto const& messages = got.at("Messages").as_array();
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].at("Body").as_string() == "payload <&> \xc3\xa9");
  CHECK(messages[0].at("MessageAttributes").at("kind").at("StringValue").as_string() == "test");
  run(sqs.call("DeleteMessage", {{"QueueUrl", url}, {"ReceiptHandle", messages[0].at("ReceiptHandle")}}));
  try {
    run(sqs.call("GetQueueUrl", {{"QueueName", unique_name("nope")}}));
    FAIL("expected an error");
  } catch (client_error const& e) {
    CHECK(e.code().find("NonExistentQueue") != std::string::npos);
  }
}

TEST_CASE_FIXTURE(moto_fixture, "STS: GetCallerIdentity over the query protocol") {
  auto sts = make("sts");
  auto id = run(sts.call("GetCallerIdentity"));
  CHECK(id.at("Account").as_string().size() == 12);
  CHECK(id.at("Arn").as_string().starts_with("arn:aws:"));
  CHECK_FALSE(id.at("ResponseMetadata").at("RequestId").as_string().empty());
}

// Requests for real service models, compared with what botocore 1.43.11's serializer writes for
// the same params (its output recorded here as fixed strings).
#include <doctest/doctest.h>

#include "model/model_registry.hpp"
#include "test_model.hpp"

using namespace awscoro;
using awscoro::test::header;
using awscoro::test::serialize;

namespace {

detail::service_model const& model(char const* service) {
  detail::load_error err;
  auto m = detail::model_registry::instance().service(service, "", &err);
  REQUIRE_MESSAGE(m != nullptr, err.message);
  static std::vector<std::shared_ptr<detail::service_model const>> keep;
  keep.push_back(m);
  return *m;
}

}  // namespace

TEST_CASE("DynamoDB PutItem (json 1.0)") {
  auto r = serialize(model("dynamodb"), "PutItem", R"({"TableName": "Music", "Item": {
      "Artist": {"S": "No One You Know"}, "Year": {"N": "2020"}, "Tags": {"SS": ["a", "b"]},
      "Blob": {"B": "\u0000\u0001binary"}, "Flag": {"BOOL": true}}, "ReturnValues": "ALL_OLD"})");
  CHECK(r.method == "POST");
  CHECK(r.path == "/");
  CHECK(header(r, "X-Amz-Target") == "DynamoDB_20120810.PutItem");
  CHECK(header(r, "Content-Type") == "application/x-amz-json-1.0");
  CHECK(r.body ==
        R"({"TableName": "Music", "Item": {"Artist": {"S": "No One You Know"}, "Year": {"N": "2020"}, )"
        R"("Tags": {"SS": ["a", "b"]}, "Blob": {"B": "AAFiaW5hcnk="}, "Flag": {"BOOL": true}}, "ReturnValues": "ALL_OLD"})");
}

TEST_CASE("SQS SendMessage (json, query compatible)") {
  auto r = serialize(model("sqs"), "SendMessage", R"({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q",
      "MessageBody": "hi \"there\"\n", "DelaySeconds": 5,
      "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "1.5"}}})");
  CHECK(header(r, "X-Amz-Target") == "AmazonSQS.SendMessage");
  CHECK(header(r, "x-amzn-query-mode") == "true");
  CHECK(r.body ==
        R"({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q", "MessageBody": "hi \"there\"\n", )"
        R"("DelaySeconds": 5, "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "1.5"}}})");
}

TEST_CASE("STS GetCallerIdentity and AssumeRole (query)") {
  auto& sts = model("sts");
  auto r = serialize(sts, "GetCallerIdentity", "{}");
  CHECK(r.body == "Action=GetCallerIdentity&Version=2011-06-15");
  CHECK(header(r, "Content-Type") == "application/x-www-form-urlencoded; charset=utf-8");
  auto a = serialize(sts, "AssumeRole", R"({"RoleArn": "arn:aws:iam::1:role/r", "RoleSessionName": "s",
      "PolicyArns": [{"arn": "arn:a"}, {"arn": "arn:b"}], "Tags": [{"Key": "k", "Value": "v"}], "DurationSeconds": 900})");
  CHECK(a.body ==
        "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=s"
        "&PolicyArns.member.1.arn=arn%3Aa&PolicyArns.member.2.arn=arn%3Ab&Tags.member.1.Key=k&Tags.member.1.Value=v"
        "&DurationSeconds=900");
}

TEST_CASE("EC2 DescribeInstances (ec2)") {
  auto r = serialize(model("ec2"), "DescribeInstances", R"({"InstanceIds": ["i-1", "i-2"],
      "Filters": [{"Name": "tag:Name", "Values": ["x y"]}], "MaxResults": 5})");
  CHECK(r.body ==
        "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1&InstanceId.2=i-2&Filter.1.Name=tag%3AName"
        "&Filter.1.Value.1=x%20y&MaxResults=5");
}

// S3's request URIs lose their leading "/{Bucket}" when the model is loaded (the endpoint rule
// set puts the bucket in the URL), as botocore's client does before serializing.
TEST_CASE("S3 PutObject and ListObjectsV2 (rest-xml)") {
  auto& s3 = model("s3");
  auto put = serialize(s3, "PutObject", R"({"Bucket": "my-bucket", "Key": "photos/2024/\u00fcn\u00ef c\u00f8de.jpg",
      "Body": "hello", "ContentType": "image/jpeg", "Metadata": {"owner": "me"}, "Expires": 1422172800,
      "ObjectLockRetainUntilDate": "2015-01-25T08:00:00.5Z"})");
  CHECK(put.method == "PUT");
  CHECK(put.path == "/photos/2024/%C3%BCn%C3%AF%20c%C3%B8de.jpg");
  CHECK(put.query.empty());
  CHECK(put.body == "hello");
  CHECK(header(put, "Content-Type") == "image/jpeg");
  CHECK(header(put, "x-amz-meta-owner") == "me");
  CHECK(header(put, "Expires") == "Sun, 25 Jan 2015 08:00:00 GMT");
  CHECK(header(put, "x-amz-object-lock-retain-until-date") == "2015-01-25T08:00:00Z");
  CHECK(put.headers.size() == 4);

  auto list = serialize(s3, "ListObjectsV2", R"({"Bucket": "my-bucket", "Prefix": "a b/", "MaxKeys": 10, "FetchOwner": true})");
  CHECK(list.method == "GET");
  CHECK(list.path == "/");
  CHECK(list.query == "list-type=2&prefix=a%20b%2F&max-keys=10&fetch-owner=true");
  CHECK(list.body.empty());
  CHECK(list.headers.empty());
}

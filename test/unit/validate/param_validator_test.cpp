#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "model/model_registry.hpp"
#include "validate/param_validator.hpp"

using namespace awscoro::detail;
namespace json = boost::json;

namespace {
std::string check(char const* service, char const* op, char const* params) {
  load_error err{};
  auto m = model_registry::instance().service(service, "", &err);
  REQUIRE(m);
  auto const* o = m->find_operation(op);
  REQUIRE(o);
  return validate_params(*m, o->input, json::parse(params).as_object());
}
}  // namespace

TEST_CASE("valid params give an empty report") {
  CHECK(check("s3", "PutObject", R"({"Bucket": "b", "Key": "k", "Body": "data", "ContentLength": 4})") == "");
  CHECK(check("dynamodb", "GetItem", R"({"TableName": "t", "Key": {"id": {"S": "1"}}})") == "");
  CHECK(check("s3", "ListBuckets", "{}") == "");
}

TEST_CASE("every problem is reported at once, with botocore's wording and paths") {
  auto r = check("dynamodb", "PutItem",
                 R"({"Item": {"a": {"N": 5}}, "Bogus": 1, "ReturnConsumedCapacity": 7})");
  CHECK(r.find("Missing required parameter in input: \"TableName\"") != std::string::npos);
  CHECK(r.find("Unknown parameter in input: \"Bogus\", must be one of: TableName, Item") != std::string::npos);
  CHECK(r.find("Invalid type for parameter Item.a.N, value: 5, type: <class 'int'>, valid types: <class 'str'>") !=
        std::string::npos);
  CHECK(r.find("Invalid type for parameter ReturnConsumedCapacity, value: 7") != std::string::npos);
}

TEST_CASE("min lengths and values are checked; lists index their paths") {
  auto r = check("dynamodb", "GetItem", R"({"TableName": "", "Key": {}})");
  CHECK(r == "Invalid length for parameter TableName, value: 0, valid min length: 1");
  r = check("sqs", "ReceiveMessage", R"({"QueueUrl": "u", "MaxNumberOfMessages": "x"})");
  CHECK(r.find("Invalid type for parameter MaxNumberOfMessages, value: x, type: <class 'str'>") != std::string::npos);
  r = check("dynamodb", "BatchGetItem", R"({"RequestItems": {"t": {"Keys": [{"k": {"S": "v"}}, {"k": {"Q": 1}}]}}})");
  CHECK(r.find("Unknown parameter in RequestItems.t.Keys[1].k: \"Q\"") != std::string::npos);
}

TEST_CASE("timestamps accept ISO-8601 text and epoch numbers") {
  CHECK(check("s3", "PutObject", R"({"Bucket": "b", "Key": "k", "Expires": "2030-01-01T00:00:00Z"})") == "");
  CHECK(check("s3", "PutObject", R"({"Bucket": "b", "Key": "k", "Expires": 1893456000})") == "");
  CHECK(check("s3", "PutObject", R"({"Bucket": "b", "Key": "k", "Expires": "soon"})")
            .find("Invalid type for parameter Expires, value: soon") != std::string::npos);
}

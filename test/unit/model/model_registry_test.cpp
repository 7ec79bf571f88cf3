#include <doctest/doctest.h>

#include "model/model_registry.hpp"

using namespace awscoro::detail;

TEST_CASE("the registry loads and compiles installed service models") {
  auto& reg = model_registry::instance();
  load_error err{};
  auto s3 = reg.service("s3", "", &err);
  REQUIRE(s3);
  CHECK(s3->metadata.api_version == "2006-03-01");
  CHECK(s3->protocol == "rest-xml");
  auto const* put = s3->find_operation("PutObject");
  REQUIRE(put);
  CHECK(put->http_method == "PUT");
  CHECK(put->has_streaming_input(*s3));
  auto const& in = s3->at(put->input);
  int bucket = in.find_member("Bucket");
  REQUIRE(bucket >= 0);
  CHECK(in.members[static_cast<std::size_t>(bucket)].required);
  CHECK(in.members[static_cast<std::size_t>(bucket)].location == member_location::uri);
  // sdk-extras merged: botocore overrides S3's Expires shape to a timestamp.
  CHECK(s3->at(s3->find_shape("Expires")).type == shape_type::timestamp);
  // The same model object is shared.
  CHECK(reg.service("s3", "", &err) == s3);
}

TEST_CASE("dynamodb picks the newest API version that has a service model") {
  load_error err{};
  auto ddb = model_registry::instance().service("dynamodb", "", &err);
  REQUIRE(ddb);
  CHECK(ddb->metadata.api_version == "2012-08-10");
  CHECK(ddb->protocol == "json");
  CHECK(ddb->metadata.target_prefix == "DynamoDB_20120810");
}

TEST_CASE("unknown services and operations suggest the closest names") {
  load_error err{};
  CHECK_FALSE(model_registry::instance().service("dynamdb", "", &err));
  CHECK(err.kind == load_error::unknown_service);
  CHECK(err.message.find("dynamodb") != std::string::npos);
  auto sqs = model_registry::instance().service("sqs", "", &err);
  REQUIRE(sqs);
  CHECK(sqs->find_operation("SendMesage") == nullptr);
  CHECK(sqs->closest_operations("SendMesage").front() == "SendMessage");
  CHECK_FALSE(model_registry::instance().service("s3", "1999-01-01", &err));
  CHECK(err.kind == load_error::unknown_api_version);
}

TEST_CASE("every installed service model compiles") {
  auto& reg = model_registry::instance();
  std::size_t compiled = 0;
  for (auto const& name : reg.available_services()) {
    load_error err{};
    auto m = reg.service(name, "", &err);
    INFO(name << ": " << err.message);
    CHECK(m);
    if (m) ++compiled;
  }
  CHECK(compiled >= 400);
}

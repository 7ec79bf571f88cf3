// Paginators and waiters against moto_server: S3 ListObjectsV2 over 2,500 keys (MaxKeys,
// MaxItems, StartingToken resume), DynamoDB Scan, SQS ListQueues, and the bucket_exists,
// object_not_exists and table_exists waiters.
#include <doctest/doctest.h>

#include <set>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_fixture;
using awscoro::test::unique_name;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

asio::awaitable<void> put_keys(client s3, std::string bucket, int count) {
  for (int i = 0; i < count; ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "k%05d", i);
    json::object params{{"Bucket", bucket}, {"Key", key}, {"Body", "x"}};
    auto pending = s3.call("PutObject", std::move(params));
    co_await std::move(pending);
  }
}

asio::awaitable<std::vector<std::size_t>> page_sizes(page_iterator pages) {
  std::vector<std::size_t> sizes;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = co_await pages.next();
    if (!page) break;
    auto const* contents = page->if_contains("Contents");
    sizes.push_back(contents ? contents->as_array().size() : 0);
  }
  co_return sizes;
}

std::vector<std::string> keys_of(json::object const& r) {
  std::vector<std::string> out;
  for (auto const& o : r.at("Contents").as_array()) out.emplace_back(o.at("Key").as_string());
  return out;
}

}  // namespace

TEST_CASE_FIXTURE(moto_fixture, "S3 ListObjectsV2 over 2,500 keys: pages, MaxItems and resume") {
  if (test::moto_endpoint().empty()) return;
  auto s3 = make("s3");
  std::string bucket = unique_name("awscoro-pages");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  run(put_keys(s3, bucket, 2500));

  CHECK(s3.can_paginate("ListObjectsV2"));
  CHECK(s3.can_paginate("list_objects_v2"));
  CHECK_FALSE(s3.can_paginate("GetObject"));
  auto paginator = s3.get_paginator("ListObjectsV2");

  json::object params{{"Bucket", bucket}};
  auto sizes = run(page_sizes(paginator.paginate(params)));
  CHECK(sizes == std::vector<std::size_t>{1000, 1000, 500});

  json::object small{{"Bucket", bucket}, {"MaxKeys", 300}};
  sizes = run(page_sizes(paginator.paginate(small)));
  CHECK(sizes.size() == 9);
  CHECK(sizes.back() == 100);

  // MaxItems inside a page, then resume from the token until the end.
  auto first = run(paginator.paginate(params, {.max_items = 1234, .page_size = 500}).build_full_result());
  auto keys = keys_of(first);
  REQUIRE(keys.size() == 1234);
  CHECK(keys.back() == "k01233");
  REQUIRE(first.contains("NextToken"));
  auto rest = run(paginator.paginate(params, {.starting_token = std::string(first.at("NextToken").as_string())})
                      .build_full_result());
  auto rest_keys = keys_of(rest);
  REQUIRE(rest_keys.size() == 2500 - 1234);
  CHECK(rest_keys.front() == "k01234");
  CHECK_FALSE(rest.contains("NextToken"));

  // search over the same pages.
  auto it = paginator.paginate(params).search("Contents[].Key");
  auto count = run([](search_iterator it) -> asio::awaitable<int> {
    int n = 0;
    while (auto v = co_await it.next()) n += v->is_string() ? 1 : 0;
    co_return n;
  }(it));
  CHECK(count == 2500);
}

TEST_CASE_FIXTURE(moto_fixture, "DynamoDB Scan and SQS ListQueues paginate; table_exists waits") {
  if (test::moto_endpoint().empty()) return;
  auto ddb = make("dynamodb");
  std::string table = unique_name("awscoro-scan");
  json::object create{{"TableName", table},
                      {"KeySchema", json::array{json::object{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                      {"AttributeDefinitions", json::array{json::object{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
                      {"BillingMode", "PAY_PER_REQUEST"}};
  run(ddb.call("CreateTable", create));
  run(ddb.get_waiter("table_exists").wait({{"TableName", table}}, {.delay = 0.1, .max_attempts = 20}));
  for (int i = 0; i < 25; ++i) {
    json::object item{{"TableName", table}, {"Item", {{"id", {{"S", "item" + std::to_string(i)}}}}}};
    run(ddb.call("PutItem", item));
  }
  json::object scan{{"TableName", table}};
  auto r = run(ddb.get_paginator("Scan").paginate(scan, {.page_size = 10}).build_full_result());
  CHECK(r.at("Items").as_array().size() == 25);
  CHECK(r.at("Count").as_int64() == 25);
  std::set<std::string> ids;
  for (auto const& i : r.at("Items").as_array()) ids.insert(std::string(i.at("id").at("S").as_string()));
  CHECK(ids.size() == 25);
  // A token cut inside a page resumes where it stopped (LastEvaluatedKey is a map).
  auto part = run(ddb.get_paginator("Scan").paginate(scan, {.max_items = 13, .page_size = 10}).build_full_result());
  REQUIRE(part.contains("NextToken"));
  auto more = run(ddb.get_paginator("Scan")
                      .paginate(scan, {.page_size = 10, .starting_token = std::string(part.at("NextToken").as_string())})
                      .build_full_result());
  CHECK(part.at("Items").as_array().size() + more.at("Items").as_array().size() == 25);

  auto sqs = make("sqs");
  std::string prefix = unique_name("awscoroq");
  for (int i = 0; i < 5; ++i) {
    json::object q{{"QueueName", prefix + "-" + std::to_string(i)}};
    run(sqs.call("CreateQueue", q));
  }
  json::object list{{"QueueNamePrefix", prefix}};
  auto queues = run(sqs.get_paginator("list_queues").paginate(list, {.page_size = 2}).build_full_result());
  CHECK(queues.at("QueueUrls").as_array().size() == 5);
}

TEST_CASE_FIXTURE(moto_fixture, "S3 waiters: bucket_exists, object_not_exists, and a waiter that gives up") {
  if (test::moto_endpoint().empty()) return;
  auto s3 = make("s3");
  std::string bucket = unique_name("awscoro-wait");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  run(s3.get_waiter("bucket_exists").wait({{"Bucket", bucket}}));
  run(s3.call("PutObject", {{"Bucket", bucket}, {"Key", "gone"}, {"Body", "x"}}));
  run(s3.call("DeleteObject", {{"Bucket", bucket}, {"Key", "gone"}}));
  run(s3.get_waiter("ObjectNotExists").wait({{"Bucket", bucket}, {"Key", "gone"}}));
  try {
    json::object params{{"Bucket", unique_name("awscoro-missing")}};
    run(s3.get_waiter("bucket_exists").wait(params, {.delay = 0.05, .max_attempts = 2}));
    FAIL("expected waiter_error");
  } catch (waiter_error const& e) {
    // botocore words it the same: the 404 retry acceptor was the last one matched.
    CHECK(std::string(e.what()) ==
          "Waiter BucketExists failed: Max attempts exceeded. Previously accepted state: Matched expected HTTP status "
          "code: 404");
    CHECK(e.last_response().at("Error").at("Code").as_string() == "404");
  }
  CHECK_THROWS_AS(s3.get_waiter("no_such_waiter"), unknown_operation_error);
}

// How a client behaves around the calls: errors before any I/O, connection failures, events,
// and the universal completion-token forms. Against moto_server on 127.0.0.1.
#include <doctest/doctest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>

#include <future>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_fixture;
using awscoro::test::unique_name;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {
// A 127.0.0.1 port nothing listens on: bind one, note it, close it.
unsigned short closed_port() {
  asio::io_context ioc;
  asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  auto port = a.local_endpoint().port();
  a.close();
  return port;
}
}  // namespace

TEST_CASE_FIXTURE(moto_fixture, "bad params fail before any I/O with every problem listed") {
  auto ddb = make("dynamodb");
  try {
    run(ddb.call("PutItem", {{"Item", {{"a", {{"S", 1}}}}}, {"Bogus", true}}));
    FAIL("expected param_validation_error");
  } catch (param_validation_error const& e) {
    std::string what = e.what();
    CHECK(what.find("Parameter validation failed:") == 0);
    CHECK(what.find("Missing required parameter in input: \"TableName\"") != std::string::npos);
    CHECK(what.find("Unknown parameter in input: \"Bogus\"") != std::string::npos);
    CHECK(what.find("Invalid type for parameter Item.a.S") != std::string::npos);
    CHECK(e.error() == condition::not_sent);
  }
}

TEST_CASE_FIXTURE(moto_fixture, "unknown services and operations name the closest matches") {
  try {
    make("dynamdb");
    FAIL("expected unknown_service_error");
  } catch (unknown_service_error const& e) {
    CHECK(std::string(e.what()).find("dynamodb") != std::string::npos);
  }
  auto sqs = make("sqs");
  try {
    run(sqs.call("SendMesage", {}));
    FAIL("expected unknown_operation_error");
  } catch (unknown_operation_error const& e) {
    CHECK(std::string(e.what()).find("SendMessage") != std::string::npos);
  }
}

TEST_CASE("connection refused is an http_error after the retries, naming the endpoint") {
  asio::io_context ioc;
  session s(ioc.get_executor(), {.aws_access_key_id = "testing", .aws_secret_access_key = "testing"});
  std::string endpoint = "http://127.0.0.1:" + std::to_string(closed_port());
  client_config config;
  config.retries.total_max_attempts = 2;
  config.retries.mode = "standard";
  auto sts = test::run_sync(ioc, s.create_client("sts", {.region_name = "us-east-1", .endpoint_url = endpoint,
                                                         .config = config}));
  try {
    test::run_sync(ioc, sts.call("GetCallerIdentity"));
    FAIL("expected http_error");
  } catch (http_error const& e) {
    CHECK(e.error() == error::connect_failed);
    CHECK(e.error() == condition::not_sent);
    CHECK(std::string(e.what()).find("127.0.0.1") != std::string::npos);
  }
}

TEST_CASE_FIXTURE(moto_fixture, "events: handlers edit params, short-circuit calls and see responses") {
  auto sqs = make("sqs");
  std::string name = unique_name("awscoro-events");
  sqs.meta().events().register_handler("before-parameter-build.sqs.CreateQueue",
                                       [&](event_args& a) { (*a.params)["QueueName"] = name; });
  int after = 0;
  sqs.meta().events().register_handler("after-call.sqs", [&](event_args& a) {
    ++after;
    CHECK(a.raw_response != nullptr);
    CHECK(a.parsed != nullptr);
  });
  auto q = run(sqs.call("CreateQueue", {{"QueueName", "replaced"}}));
  CHECK(std::string(q.at("QueueUrl").as_string()).find(name) != std::string::npos);
  CHECK(after == 1);

  sqs.meta().events().register_handler("before-call.sqs.ListQueues",
                                       [](event_args& a) { a.response = json::object{{"QueueUrls", json::array{"x"}}}; });
  auto listed = run(sqs.call("ListQueues"));
  CHECK(listed.at("QueueUrls").as_array().size() == 1);
  CHECK(listed.at("QueueUrls").as_array()[0].as_string() == "x");

  bool signed_seen = false;
  sqs.meta().events().register_handler("before-send.sqs.GetQueueUrl", [&](event_args& a) {
    signed_seen = a.request->headers.contains("Authorization");
  });
  run(sqs.call("GetQueueUrl", {{"QueueName", name}}));
  CHECK(signed_seen);
}

TEST_CASE_FIXTURE(moto_fixture, "async_call works with callbacks and futures") {
  auto sts = make("sts");
  std::optional<json::object> via_callback;
  sts.async_call("GetCallerIdentity", {}, [&](std::exception_ptr e, json::object r) {
    CHECK_FALSE(e);
    via_callback = std::move(r);
  });
  ioc.restart();
  ioc.run();
  REQUIRE(via_callback);
  CHECK(via_callback->at("Account").as_string().size() == 12);

  std::future<json::object> f = sts.async_call("GetCallerIdentity", {}, asio::use_future);
  ioc.restart();
  ioc.run();
  CHECK(f.get().at("Account").as_string().size() == 12);
}

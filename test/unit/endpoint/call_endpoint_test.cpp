// The endpoint stage of a call (lib/client/call_endpoint): built-ins from the client's settings,
// the AWS::Auth::AccountId built-in and its mode, operationContextParams, and the
// before-endpoint-resolution event, against the real DynamoDB and S3 rule sets.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <awscoro/awscoro.hpp>

#include "client/call_endpoint.hpp"
#include "client/client_impl.hpp"
#include "model/model_registry.hpp"
#include "run_sync.hpp"

using namespace awscoro::detail;
namespace json = boost::json;

namespace {

std::shared_ptr<service_model const> model(std::string const& name) {
  load_error e{};
  auto m = model_registry::instance().service(name, "", &e);
  REQUIRE_MESSAGE(m, e.message);
  return m;
}

struct resolver_fixture {
  std::shared_ptr<service_model const> m;
  call_endpoint_resolver resolver;
  awscoro::event_emitter events;
  awscoro::event_args args;

  explicit resolver_fixture(std::string const& service, awscoro::client_config config = {},
                            bool unsigned_requests = false)
      : m(model(service)), resolver(m, settings(unsigned_requests), config) {}

  static client_settings settings(bool unsigned_requests) {
    client_settings s;
    s.region = "us-east-1";
    s.unsigned_requests = unsigned_requests;
    return s;
  }

  // The URL, or "error: <message>".
  std::string url(std::string const& op, std::string const& params_json, std::string_view account_id = {}) {
    json::object params = json::parse(params_json).as_object();
    json::object const before = params;
    std::string message;
    auto ep = resolver.resolve(*m->find_operation(op), params, account_id, events, args, message);
    CHECK(params == before);  // lent to JMESPath, handed back unchanged
    return ep ? ep->url : "error: " + message;
  }
};

constexpr char get_item[] = R"({"TableName":"T","Key":{"k":{"S":"v"}}})";

}  // namespace

TEST_CASE("AccountId built-in: preferred mode routes by the credentials' account") {
  resolver_fixture f("dynamodb");
  CHECK(f.resolver.uses_account_id());
  CHECK(f.url("GetItem", get_item, "123456789012") == "https://123456789012.ddb.us-east-1.amazonaws.com");
  CHECK(f.url("GetItem", get_item) == "https://dynamodb.us-east-1.amazonaws.com");
}

TEST_CASE("AccountId built-in: disabled and required modes, unsigned clients") {
  awscoro::client_config disabled;
  disabled.account_id_endpoint_mode = "disabled";
  resolver_fixture off("dynamodb", disabled);
  CHECK_FALSE(off.resolver.uses_account_id());
  CHECK(off.url("GetItem", get_item, "123456789012") == "https://dynamodb.us-east-1.amazonaws.com");

  awscoro::client_config required;
  required.account_id_endpoint_mode = "required";
  resolver_fixture on("dynamodb", required);
  CHECK(on.url("GetItem", get_item) ==
        "error: AccountIdEndpointMode is required but no AccountID was provided or able to be loaded");

  // As botocore: unsigned requests have no credentials, so the mode is "disabled".
  resolver_fixture anonymous("dynamodb", {}, true);
  CHECK_FALSE(anonymous.resolver.uses_account_id());

  // A rule set without the built-in never waits for credentials.
  resolver_fixture s3("s3");
  CHECK_FALSE(s3.resolver.uses_account_id());
}

TEST_CASE("operationContextParams: DynamoDB's ResourceArnList from the input's table ARNs") {
  resolver_fixture f("dynamodb");
  CHECK(f.url("BatchGetItem",
              R"({"RequestItems":{"arn:aws:dynamodb:us-east-1:222222222222:table/T":{"Keys":[{"k":{"S":"v"}}]}}})") ==
        "https://222222222222.ddb.us-east-1.amazonaws.com");
  // A contextParam (the table ARN) wins over the credentials' account.
  CHECK(f.url("GetItem", R"({"TableName":"arn:aws:dynamodb:us-east-1:333333333333:table/T","Key":{}})",
              "123456789012") == "https://333333333333.ddb.us-east-1.amazonaws.com");
}

TEST_CASE("before-endpoint-resolution handlers edit the built-ins by name") {
  resolver_fixture f("dynamodb");
  std::string seen_region;
  f.events.register_handler("before-endpoint-resolution.dynamodb", [&](awscoro::event_args& a) {
    REQUIRE(a.builtins);
    seen_region = std::string(a.builtins->at("AWS::Region").as_string());
    (*a.builtins)["AWS::Region"] = "eu-west-1";
    a.builtins->erase("AWS::Auth::AccountIdEndpointMode");
  });
  CHECK(f.url("GetItem", get_item) == "https://dynamodb.eu-west-1.amazonaws.com");
  CHECK(seen_region == "us-east-1");
  CHECK(f.args.builtins == nullptr);

  // Other services' handlers do not run.
  resolver_fixture s3("s3");
  s3.events.register_handler("before-endpoint-resolution.dynamodb", [](awscoro::event_args&) { FAIL("ran"); });
  CHECK(s3.url("GetObject", R"({"Bucket":"my-bucket","Key":"k"})") == "https://my-bucket.s3.amazonaws.com");
}

TEST_CASE("a client resolves the account id from its credentials, and validates the mode") {
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 1);
  ::setenv("AWS_ACCOUNT_ID", "123456789012", 1);
  ::setenv("AWS_CONFIG_FILE", "/nonexistent/awscoro-config", 1);
  ::setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/awscoro-credentials", 1);
  boost::asio::io_context ioc;
  awscoro::session sess(ioc.get_executor(), awscoro::session_options{});
  awscoro::client_options options;
  options.region_name = "us-east-1";
  auto c = awscoro::test::run_sync(ioc, sess.create_client("dynamodb", options));
  json::object params = json::parse(get_item).as_object();
  auto req = awscoro::test::run_sync(ioc, access::impl(c)->build_signed_request("GetItem", std::move(params)));
  CHECK(req.host == "123456789012.ddb.us-east-1.amazonaws.com");

  awscoro::client_config bad;
  bad.account_id_endpoint_mode = "Sometimes";
  options.config = bad;
  try {
    awscoro::test::run_sync(ioc, sess.create_client("dynamodb", options));
    FAIL("no error");
  } catch (awscoro::error_base const& e) {
    CHECK(e.error() == awscoro::error::invalid_config);
    INFO(std::string(e.what()));
    CHECK(std::string(e.what()).find("The configured value 'sometimes' for 'account_id_endpoint_mode' is invalid") !=
          std::string::npos);
  }
  for (char const* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ACCOUNT_ID", "AWS_CONFIG_FILE",
                           "AWS_SHARED_CREDENTIALS_FILE"})
    ::unsetenv(name);
}

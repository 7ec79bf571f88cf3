// The call pipeline against the in-repo test server on 127.0.0.1: retries, failures, TLS,
// events and logging, with the server playing whatever the test needs.
#include <doctest/doctest.h>

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <optional>
#include <ctime>
#include <cstdlib>
#include <unistd.h>
#include <regex>
#include <sstream>

#include "run_sync.hpp"
#include "test_server.hpp"

using namespace awscoro;
namespace asio = boost::asio;
using awscoro::test::received_request;
using awscoro::test::test_response;
using awscoro::test::test_server;
namespace json = boost::json;

namespace {

constexpr char const* secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

test_response json_response(unsigned status, std::string body) {
  return {.status = status, .headers = {{"Content-Type", "application/x-amz-json-1.0"}, {"x-amzn-RequestId", "req-1"}},
          .body = std::move(body)};
}

struct pipeline_fixture {
  boost::asio::io_context ioc;
  session sess{ioc.get_executor(), session_options{.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                    .aws_secret_access_key = secret}};

  client make(std::string const& service, std::string const& url, client_config config = {},
              client_options extra = {}) {
    extra.region_name = "us-east-1";
    extra.endpoint_url = url;
    extra.config = config;
    return test::run_sync(ioc, sess.create_client(service, extra));
  }
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    return test::run_sync(ioc, std::move(op));
  }
  static client_config retries(std::string mode, int attempts) {
    client_config c;
    c.retries.mode = std::move(mode);
    c.retries.total_max_attempts = attempts;
    return c;
  }
};

json::object table_params() { return {{"TableName", "t"}}; }

}  // namespace

TEST_CASE_FIXTURE(pipeline_fixture, "5xx answers are retried with a fresh signature until one succeeds") {
  std::atomic<int> n{0};
  test_server server([&](received_request const&) {
    return ++n < 3 ? json_response(500, "{}") : json_response(200, R"({"TableNames": ["a"]})");
  });
  auto ddb = make("dynamodb", server.url(), retries("standard", 3));
  auto r = run(ddb.call("ListTables"));
  CHECK(r.at("TableNames").as_array().size() == 1);
  CHECK(r.at("ResponseMetadata").at("RetryAttempts").as_int64() == 2);
  auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  for (auto const& req : requests) {
    CHECK(req.header("Authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    CHECK(req.header("X-Amz-Target") == "DynamoDB_20120810.ListTables");
  }
}

TEST_CASE_FIXTURE(pipeline_fixture, "throttling is retried; a client error is not") {
  std::atomic<int> n{0};
  test_server server([&](received_request const& req) {
    if (req.header("X-Amz-Target").ends_with("DescribeTable"))
      return json_response(400, R"({"__type": "com.amazon.coral.validate#ValidationException", "message": "bad"})");
    return ++n == 1 ? json_response(400, R"({"__type": "ThrottlingException", "message": "slow down"})")
                    : json_response(200, "{}");
  });
  auto ddb = make("dynamodb", server.url(), retries("standard", 3));
  auto r = run(ddb.call("ListTables"));
  CHECK(r.at("ResponseMetadata").at("RetryAttempts").as_int64() == 1);
  try {
    run(ddb.call("DescribeTable", table_params()));
    FAIL("expected ValidationException");
  } catch (client_error const& e) {
    CHECK(e.code() == "ValidationException");
    CHECK(e.message() == "bad");
    CHECK(e.request_id() == "req-1");
    CHECK(e.diag().retry_attempts == 0);
  }
  CHECK(server.request_count() == 3);
}

TEST_CASE_FIXTURE(pipeline_fixture, "when attempts run out the error says so, as botocore's does") {
  test_server server([](received_request const&) { return json_response(503, R"({"__type": "ServiceUnavailable"})"); });
  auto ddb = make("dynamodb", server.url(), retries("legacy", 2));
  try {
    run(ddb.call("ListTables"));
    FAIL("expected an error");
  } catch (client_error const& e) {
    CHECK(e.code() == "ServiceUnavailable");
    CHECK(e.http_status() == 503);
    CHECK(std::string(e.what()) ==
          "An error occurred (ServiceUnavailable) when calling the ListTables operation (reached max retries: 1): ");
    CHECK(e.response().at("ResponseMetadata").at("MaxAttemptsReached").as_bool());
  }
  CHECK(server.request_count() == 2);
}

TEST_CASE_FIXTURE(pipeline_fixture, "a dropped connection is retried; a read timeout is an http_error") {
  std::atomic<int> n{0};
  test_server server([&](received_request const& req) {
    if (req.header("X-Amz-Target").ends_with("DescribeLimits")) return test_response{.stall_without_answer = true};
    if (++n == 1) return test_response{.close_without_answer = true};
    return json_response(200, "{}");
  });
  auto ddb = make("dynamodb", server.url(), retries("standard", 3));
  auto r = run(ddb.call("ListTables"));
  CHECK(r.at("ResponseMetadata").at("RetryAttempts").as_int64() == 1);

  client_config quick = retries("standard", 1);
  quick.read_timeout = std::chrono::milliseconds(200);
  auto impatient = make("dynamodb", server.url(), quick);
  try {
    run(impatient.call("DescribeLimits"));
    FAIL("expected a read timeout");
  } catch (http_error const& e) {
    CHECK(e.error() == error::read_timeout);
    CHECK(e.error() == condition::timeout);
  }
}

TEST_CASE_FIXTURE(pipeline_fixture, "a malformed body is a parse_error naming the operation and status") {
  test_server server([](received_request const&) { return json_response(200, R"({"TableNames": [1, )"); });
  auto ddb = make("dynamodb", server.url(), retries("standard", 1));
  try {
    run(ddb.call("ListTables"));
    FAIL("expected parse_error");
  } catch (parse_error const& e) {
    std::string what = e.what();
    CHECK(what.find("ListTables") != std::string::npos);
    CHECK(what.find("200") != std::string::npos);
  }
}

TEST_CASE_FIXTURE(pipeline_fixture, "TLS: verified against a CA bundle, refused without it, accepted with verify off") {
  test_server server({.tls = true}, [](received_request const&) { return json_response(200, "{}"); });
  std::string ca = server.write_ca_bundle();
  auto trusted = make("dynamodb", server.url(), retries("standard", 1), {.ca_bundle = ca});
  CHECK(run(trusted.call("ListTables")).at("ResponseMetadata").at("HTTPStatusCode").as_int64() == 200);

  auto untrusted = make("dynamodb", server.url(), retries("standard", 1));
  try {
    run(untrusted.call("ListTables"));
    FAIL("expected a TLS failure");
  } catch (http_error const& e) {
    CHECK(e.error() == error::tls_failure);
    CHECK(e.error() == condition::not_sent);
  }
  auto unverified = make("dynamodb", server.url(), retries("standard", 1), {.verify = false});
  CHECK(run(unverified.call("ListTables")).at("ResponseMetadata").at("HTTPStatusCode").as_int64() == 200);
}

TEST_CASE_FIXTURE(pipeline_fixture, "events fire in botocore's order; idempotency tokens are filled") {
  test_server server([](received_request const&) { return json_response(200, "{}"); });
  auto ddb = make("dynamodb", server.url(), retries("standard", 1));
  std::vector<std::string> order;
  for (char const* e : {"provide-client-params", "before-parameter-build", "before-call", "request-created",
                        "before-sign", "before-send", "needs-retry", "after-call"})
    ddb.meta().events().register_handler(std::string(e) + ".dynamodb.TransactWriteItems",
                                         [&order, e](event_args&) { order.emplace_back(e); });
  json::object params = json::parse(R"j({"TransactItems": [{"ConditionCheck": {"TableName": "t",
      "Key": {"k": {"S": "v"}}, "ConditionExpression": "attribute_exists(k)"}}]})j").as_object();
  run(ddb.call("TransactWriteItems", params));
  CHECK(order == std::vector<std::string>{"provide-client-params", "before-parameter-build", "before-call",
                                          "request-created", "before-sign", "before-send", "needs-retry",
                                          "after-call"});
  auto body = json::parse(server.requests().back().body);
  std::string token(body.at("ClientRequestToken").as_string());
  CHECK(std::regex_match(token, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
}

// The events a call emits after each attempt and at its end, recorded by name.
struct event_log {
  struct entry {
    std::string name;
    bool has_response = false;
    std::string exception;  // the what() of args.exception, if any
  };
  std::vector<entry> entries;

  void watch(client& c) {
    for (char const* name : {"needs-retry", "after-call", "after-call-error"})
      c.meta().events().register_handler(name, [this, name](event_args& a) {
        entry e{name, a.raw_response != nullptr, {}};
        if (a.exception) {
          try {
            std::rethrow_exception(a.exception);
          } catch (std::exception const& x) {
            e.exception = x.what();
          }
        }
        entries.push_back(std::move(e));
      });
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (auto const& e : entries) out.push_back(e.name);
    return out;
  }
};

TEST_CASE_FIXTURE(pipeline_fixture, "events: failed attempts carry their exception; after-call-error ends a call without a response") {
  std::atomic<int> n{0};
  test_server server([&](received_request const&) {
    if (++n == 1) return test_response{.close_without_answer = true};
    return json_response(400, R"({"__type": "ValidationException", "message": "bad"})");
  });
  auto ddb = make("dynamodb", server.url(), retries("standard", 3));
  event_log log;
  log.watch(ddb);
  // A dropped connection, retried; then a service error: a final response, so after-call.
  CHECK_THROWS_AS(run(ddb.call("ListTables")), client_error);
  REQUIRE(log.names() == std::vector<std::string>{"needs-retry", "needs-retry", "after-call"});
  CHECK_FALSE(log.entries[0].has_response);
  CHECK(log.entries[0].exception.find("127.0.0.1") != std::string::npos);
  CHECK(log.entries[1].has_response);
  CHECK(log.entries[1].exception.empty());

  // Connections refused until the attempts run out: after-call-error with the last failure.
  asio::io_context probe;
  asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
  std::string closed = "http://127.0.0.1:" + std::to_string(a.local_endpoint().port());
  a.close();
  auto refused = make("dynamodb", closed, retries("standard", 2));
  event_log refused_log;
  refused_log.watch(refused);
  try {
    run(refused.call("ListTables"));
    FAIL("expected http_error");
  } catch (http_error const& e) {
    CHECK(e.error() == error::connect_failed);
    REQUIRE(refused_log.names() == std::vector<std::string>{"needs-retry", "needs-retry", "after-call-error"});
    CHECK(refused_log.entries[2].exception == e.what());
  }
}

TEST_CASE_FIXTURE(pipeline_fixture, "events: what a before-send handler throws fails the attempt like a transport failure") {
  test_server server([](received_request const&) { return json_response(200, R"({"TableNames": []})"); });
  auto ddb = make("dynamodb", server.url(), retries("standard", 3));
  event_log log;
  log.watch(ddb);
  int sends = 0;
  // A connection error is retried like a real one.
  ddb.meta().events().register_handler("before-send", [&](event_args&) {
    if (++sends == 1) throw http_error(make_error_code(error::connection_closed), "injected: connection reset");
  });
  CHECK(run(ddb.call("ListTables")).at("ResponseMetadata").at("RetryAttempts").as_int64() == 1);
  CHECK(log.names() == std::vector<std::string>{"needs-retry", "needs-retry", "after-call"});
  CHECK(log.entries[0].exception == "injected: connection reset");
  CHECK(server.request_count() == 1);

  // Any other exception ends the call at once, as itself.
  auto strict = make("dynamodb", server.url(), retries("standard", 3));
  event_log strict_log;
  strict_log.watch(strict);
  strict.meta().events().register_handler("before-send", [](event_args&) { throw std::logic_error("handler bug"); });
  CHECK_THROWS_WITH_AS(run(strict.call("ListTables")), "handler bug", std::logic_error);
  CHECK(strict_log.names() == std::vector<std::string>{"needs-retry", "after-call-error"});
  CHECK(server.request_count() == 1);
}

TEST_CASE_FIXTURE(pipeline_fixture, "debug logs name the attempt but never a secret or a signature") {
  test_server server([](received_request const&) { return json_response(200, "{}"); });
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  auto logger = spdlog::get("awscoro");
  if (!logger) {
    logger = std::make_shared<spdlog::logger>("awscoro", sink);
    spdlog::register_logger(logger);
  } else {
    logger->sinks().push_back(sink);
  }
  auto previous = logger->level();
  logger->set_level(spdlog::level::debug);
  auto ddb = make("dynamodb", server.url(), retries("standard", 1));
  run(ddb.call("ListTables"));
  logger->set_level(previous);
  std::string log = captured.str();
  CHECK(log.find("ListTables attempt 1") != std::string::npos);
  CHECK(log.find(secret) == std::string::npos);
  std::string auth = server.requests().back().header("Authorization");
  std::string signature = auth.substr(auth.find("Signature=") + 10);
  CHECK(log.find(signature) == std::string::npos);
}

TEST_CASE("no credentials anywhere is a no_credentials_error naming the providers tried") {
  // A bare environment: no AWS_* variables, and a HOME without ~/.aws.
  char home_template[] = "/tmp/awscoro-nocreds-XXXXXX";
  std::string home = ::mkdtemp(home_template);
  std::string old_home = std::getenv("HOME") ? std::getenv("HOME") : "";
  std::vector<std::pair<std::string, std::string>> saved;
  for (char const* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                           "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"})
    if (char const* v = std::getenv(name)) {
      saved.emplace_back(name, v);
      ::unsetenv(name);
    }
  ::setenv("HOME", home.c_str(), 1);

  test_server server([](received_request const&) { return json_response(200, "{}"); });
  boost::asio::io_context ioc;
  session bare(ioc.get_executor(), {.region_name = "us-east-1"});
  auto ddb = test::run_sync(ioc, bare.create_client("dynamodb", {.endpoint_url = server.url()}));
  try {
    test::run_sync(ioc, ddb.call("ListTables"));
    FAIL("expected no_credentials_error");
  } catch (no_credentials_error const& e) {
    CHECK(std::string(e.what()).find("Unable to locate credentials") != std::string::npos);
    CHECK(e.error() == error::no_credentials);
  }
  CHECK(server.request_count() == 0);

  ::setenv("HOME", old_home.c_str(), 1);
  for (auto const& [name, value] : saved) ::setenv(name.c_str(), value.c_str(), 1);
  ::rmdir(home.c_str());
}

TEST_CASE_FIXTURE(pipeline_fixture, "a closed client refuses calls") {
  test_server server([](received_request const&) { return json_response(200, "{}"); });
  auto ddb = make("dynamodb", server.url(), retries("standard", 1));
  run(ddb.call("ListTables"));
  ddb.close();
  CHECK_THROWS_AS(run(ddb.call("ListTables")), config_error);
  CHECK(server.request_count() == 1);
}

TEST_CASE_FIXTURE(pipeline_fixture, "a clock-skew error corrects the signing clock from the server's Date and retries") {
  using namespace std::chrono;
  auto server_now = system_clock::now() + hours(1);
  std::time_t t = system_clock::to_time_t(server_now);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&t));
  std::atomic<int> n{0};
  test_server server([&](received_request const&) {
    if (++n == 1) {
      auto r = json_response(400, R"({"__type": "InvalidSignatureException", "message": "Signature expired"})");
      r.headers.emplace_back("Date", date);
      return r;
    }
    return json_response(200, "{}");
  });
  auto ddb = make("dynamodb", server.url(), retries("standard", 3));
  auto r = run(ddb.call("ListTables"));
  CHECK(r.at("ResponseMetadata").at("RetryAttempts").as_int64() == 1);
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  // The second signature carries the server's time, give or take the test's own duration.
  auto signed_at = [](std::string const& amz_date) {
    std::tm tm{};
    strptime(amz_date.c_str(), "%Y%m%dT%H%M%SZ", &tm);
    return system_clock::from_time_t(timegm(&tm));
  };
  auto corrected = signed_at(requests[1].header("X-Amz-Date"));
  CHECK(std::chrono::abs(corrected - server_now) < minutes(2));
  CHECK(std::chrono::abs(signed_at(requests[0].header("X-Amz-Date")) - system_clock::now()) < minutes(2));
  CHECK(requests[0].header("X-Amz-Date") != requests[1].header("X-Amz-Date"));
}

TEST_CASE_FIXTURE(pipeline_fixture, "TLS: client_cert presents a client certificate to a server that requires one") {
  test_server server({.tls = true, .require_client_certificate = true},
                     [](received_request const&) { return json_response(200, "{}"); });
  std::string ca = server.write_ca_bundle();
  client_config with_cert = retries("standard", 1);
  with_cert.client_cert = server.write_client_certificate();
  auto mutual = make("dynamodb", server.url(), with_cert, {.ca_bundle = ca});
  CHECK(run(mutual.call("ListTables")).at("ResponseMetadata").at("HTTPStatusCode").as_int64() == 200);

  auto anonymous = make("dynamodb", server.url(), retries("standard", 1), {.ca_bundle = ca});
  CHECK_THROWS_AS(run(anonymous.call("ListTables")), http_error);

  client_config missing = retries("standard", 1);
  missing.client_cert = "/nonexistent/client.pem";
  auto broken = make("dynamodb", server.url(), missing, {.ca_bundle = ca});
  try {
    run(broken.call("ListTables"));
    FAIL("no error");
  } catch (http_error const& e) {
    CHECK(e.error() == error::tls_failure);
    CHECK(std::string(e.what()).find("/nonexistent/client.pem") != std::string::npos);
  }
}

TEST_CASE("config: an endpoint_discovery_enabled value botocore refuses fails client creation with its message") {
  ::setenv("AWS_ENDPOINT_DISCOVERY_ENABLED", "sometimes", 1);
  pipeline_fixture f;
  try {
    f.make("dynamodb", "http://127.0.0.1:9");
    FAIL("no error");
  } catch (config_error const& e) {
    CHECK(std::string(e.what()).find(R"(Expected one of ("true", "false", "auto") but got sometimes.)") !=
          std::string::npos);
  }
  ::setenv("AWS_ENDPOINT_DISCOVERY_ENABLED", "TRUE", 1);
  pipeline_fixture accepted;
  CHECK(accepted.make("dynamodb", "http://127.0.0.1:9"));
  ::unsetenv("AWS_ENDPOINT_DISCOVERY_ENABLED");
}

namespace {

// Sets an environment variable for one scope, restoring what was there.
struct scoped_environment_variable {
  scoped_environment_variable(char const* name, std::string const& value) : name_(name) {
    if (char const* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~scoped_environment_variable() {
    if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  std::string name_;
  std::optional<std::string> old_;
};

// A service's DescribeEndpoints on the test server: it names `address` for `minutes`, and
// answers anything else with an error that says it was the wrong server.
test_response describe_endpoints(received_request const& r, std::string const& address, int minutes = 5) {
  if (r.header("X-Amz-Target").ends_with(".DescribeEndpoints"))
    return json_response(200, R"({"Endpoints": [{"Address": ")" + address + R"(", "CachePeriodInMinutes": )" +
                                  std::to_string(minutes) + "}]}");
  return json_response(400, R"({"__type": "WrongServer", "message": "sent to the discovery endpoint"})");
}

}  // namespace

TEST_CASE_FIXTURE(pipeline_fixture, "endpoint discovery: the address DescribeEndpoints gives is used and cached; a 421 discovers afresh") {
  std::atomic<int> misdirected{0};
  test_server target([&](received_request const&) {
    if (misdirected > 0) {
      --misdirected;
      return json_response(421, R"({"__type": "MisdirectedRequest", "message": "not this cell"})");
    }
    return json_response(200, R"({"Databases": []})");
  });
  test_server discovery([&](received_request const& r) { return describe_endpoints(r, target.url()); });
  // A configured endpoint (not one given to create_client) only moves DescribeEndpoints.
  scoped_environment_variable configured("AWS_ENDPOINT_URL_TIMESTREAM_WRITE", discovery.url());
  auto tsw = run(sess.create_client("timestream-write", {.region_name = "us-east-1", .config = retries("standard", 3)}));

  CHECK(run(tsw.call("ListDatabases")).contains("Databases"));
  CHECK(run(tsw.call("ListDatabases")).contains("Databases"));
  REQUIRE(discovery.request_count() == 1);  // cached for its five minutes
  CHECK(discovery.requests()[0].header("X-Amz-Target") == "Timestream_20181101.DescribeEndpoints");
  auto sent = target.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].header("X-Amz-Target") == "Timestream_20181101.ListDatabases");
  CHECK(sent[0].header("Host") == "127.0.0.1:" + std::to_string(target.port()));
  CHECK(sent[0].header("Authorization").find("/us-east-1/timestream/aws4_request") != std::string::npos);

  // The service says the address is wrong: forget it, discover again, retry at once.
  misdirected = 1;
  auto r = run(tsw.call("ListDatabases"));
  CHECK(r.at("ResponseMetadata").at("RetryAttempts").as_int64() == 1);
  CHECK(discovery.request_count() == 2);
  CHECK(target.request_count() == 4);
}

TEST_CASE_FIXTURE(pipeline_fixture, "endpoint discovery: required but unreachable is an error; off with an endpoint_url argument") {
  asio::io_context probe;
  asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
  std::string closed = "http://127.0.0.1:" + std::to_string(a.local_endpoint().port());
  a.close();
  {
    scoped_environment_variable configured("AWS_ENDPOINT_URL_TIMESTREAM_WRITE", closed);
    auto tsw = run(sess.create_client("timestream-write", {.region_name = "us-east-1", .config = retries("standard", 1)}));
    std::string what = test::thrown_text<endpoint_error>([&] { run(tsw.call("ListDatabases")); });
    CHECK(what == "Endpoint Discovery failed to refresh the required endpoints.");
  }
  // An endpoint_url given to create_client is used as it is, with no discovery.
  test_server direct([](received_request const& r) {
    return r.header("X-Amz-Target").ends_with(".DescribeEndpoints") ? json_response(500, "{}")
                                                                    : json_response(200, R"({"Databases": []})");
  });
  auto tsw = make("timestream-write", direct.url(), retries("standard", 1));
  CHECK(run(tsw.call("ListDatabases")).contains("Databases"));
  REQUIRE(direct.request_count() == 1);
  CHECK(direct.requests()[0].header("X-Amz-Target") == "Timestream_20181101.ListDatabases");
}

TEST_CASE_FIXTURE(pipeline_fixture, "endpoint discovery: optional operations discover only when endpoint_discovery_enabled is true") {
  test_server target([](received_request const&) { return json_response(200, R"({"TableNames": ["discovered"]})"); });
  test_server discovery([&](received_request const& r) {
    if (r.header("X-Amz-Target").ends_with(".ListTables")) return json_response(200, R"({"TableNames": ["configured"]})");
    return describe_endpoints(r, target.url());
  });
  scoped_environment_variable configured("AWS_ENDPOINT_URL_DYNAMODB", discovery.url());
  {
    // auto: DynamoDB requires discovery nowhere, so none happens.
    auto ddb = run(sess.create_client("dynamodb", {.region_name = "us-east-1", .config = retries("standard", 1)}));
    CHECK(run(ddb.call("ListTables")).at("TableNames").at(0) == "configured");
  }
  client_config on = retries("standard", 1);
  on.endpoint_discovery_enabled = "true";
  auto ddb = run(sess.create_client("dynamodb", {.region_name = "us-east-1", .config = on}));
  CHECK(run(ddb.call("ListTables")).at("TableNames").at(0) == "discovered");
  CHECK(target.request_count() == 1);
}

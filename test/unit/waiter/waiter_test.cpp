// Waiters over scripted responses: each acceptor kind, each state, botocore's reasons, the
// delay, WaiterConfig and cancellation.
#include <doctest/doctest.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>

#include "run_sync.hpp"
#include "waiter/waiter_fsm.hpp"
#include "waiter/waiter_impl.hpp"

using namespace awscoro;
using namespace awscoro::detail;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr char const* waiters_json = R"({"version": 2, "waiters": {
  "ThingReady": {"operation": "DescribeThing", "delay": 0, "maxAttempts": 5, "acceptors": [
    {"state": "success", "matcher": "path", "argument": "Thing.State", "expected": "ready"},
    {"state": "failure", "matcher": "path", "argument": "Thing.State", "expected": "broken"},
    {"state": "retry", "matcher": "error", "expected": "Throttled"}]},
  "AllDone": {"operation": "ListJobs", "delay": 0, "maxAttempts": 3, "acceptors": [
    {"state": "success", "matcher": "pathAll", "argument": "Jobs[].Done", "expected": true},
    {"state": "failure", "matcher": "pathAny", "argument": "Jobs[].Status", "expected": "failed"}]},
  "ThingGone": {"operation": "DescribeThing", "delay": 0.05, "maxAttempts": 4, "acceptors": [
    {"state": "success", "matcher": "error", "expected": "NotFound"},
    {"state": "success", "matcher": "status", "expected": 404},
    {"state": "retry", "matcher": "error", "expected": false}]},
  "AnyError": {"operation": "DescribeThing", "delay": 0, "maxAttempts": 2, "acceptors": [
    {"state": "success", "matcher": "error", "expected": true}]}
}})";

// Plays a list of responses in order; an "Error" member makes it a service error.
struct script {
  std::vector<json::object> responses;
  std::vector<json::object> requests;
  std::size_t next = 0;
  call_function function() {
    return [this](std::string op, json::object params) -> asio::awaitable<json::object> {
      params["_op"] = op;
      requests.push_back(params);
      json::object r = responses.at(std::min(next, responses.size() - 1));
      ++next;
      if (r.contains("Error")) {
        diagnostics d;
        d.code = r.at("Error").at("Code").as_string();
        d.message = "scripted";
        d.response = r;
        throw client_error(std::move(d));
      }
      co_return r;
    };
  }
};

json::object state(std::string s) {
  return json::object{{"Thing", {{"State", s}}}, {"ResponseMetadata", {{"HTTPStatusCode", 200}}}};
}
json::object service_error(std::string code, int status = 400) {
  return json::object{{"Error", {{"Code", code}, {"Message", "it failed"}}},
                      {"ResponseMetadata", {{"HTTPStatusCode", status}}}};
}

struct fixture {
  asio::io_context ioc;
  script s;
  std::shared_ptr<service_waiters const> all() {
    std::string err;
    auto r = compile_waiters(json::parse(waiters_json), &err);
    REQUIRE_MESSAGE(r, err);
    return *r;
  }
  waiter make(std::string_view name) { return make_waiter(s.function(), all(), name, "things"); }
  std::string fail_reason(waiter const& w, json::object params = {}, waiter_config cfg = {}) {
    try {
      test::run_sync(ioc, w.wait(std::move(params), cfg));
    } catch (waiter_error const& e) {
      CHECK(std::string(e.what()) == "Waiter " + w.name() + " failed: " + e.reason());
      return e.reason();
    }
    return "(no error)";
  }
};

}  // namespace

TEST_CASE_FIXTURE(fixture, "path success after retries, the params sent each time") {
  s.responses = {state("pending"), service_error("Throttled"), state("ready")};
  test::run_sync(ioc, make("thing_ready").wait({{"Id", "t1"}}));
  REQUIRE(s.requests.size() == 3);
  CHECK(json::value(s.requests[2]) == json::parse(R"({"Id":"t1","_op":"DescribeThing"})"));
}

TEST_CASE_FIXTURE(fixture, "failure states, unexpected errors and running out of attempts, in botocore's words") {
  s.responses = {state("broken")};
  CHECK(fail_reason(make("ThingReady")) ==
        "Waiter encountered a terminal failure state: For expression \"Thing.State\" we matched expected path: \"broken\"");
  s = {};
  s.responses = {service_error("AccessDenied")};
  CHECK(fail_reason(make("ThingReady")) == "An error occurred (AccessDenied): it failed");
  s = {};
  s.responses = {state("pending")};
  CHECK(fail_reason(make("ThingReady")) == "Max attempts exceeded");
  CHECK(s.requests.size() == 5);
  s = {};
  s.responses = {service_error("Throttled"), state("pending")};
  // botocore names the last acceptor it checked when this attempt matched none.
  CHECK(fail_reason(make("ThingReady"), {}, {.max_attempts = 2}) ==
        "Max attempts exceeded. Previously accepted state: Matched expected service error code: Throttled");
  s = {};
  s.responses = {service_error("Throttled")};
  CHECK(fail_reason(make("ThingReady"), {{"WaiterConfig", {{"MaxAttempts", 3}}}}) ==
        "Max attempts exceeded. Previously accepted state: Matched expected service error code: Throttled");
  CHECK(s.requests.size() == 3);
  CHECK_FALSE(s.requests[0].contains("WaiterConfig"));
}

TEST_CASE_FIXTURE(fixture, "pathAll and pathAny") {
  auto jobs = [](std::string a, std::string b, bool da, bool db) {
    return json::object{{"Jobs", json::array{json::object{{"Status", a}, {"Done", da}}, json::object{{"Status", b}, {"Done", db}}}}};
  };
  s.responses = {json::object{{"Jobs", json::array()}}, jobs("ok", "ok", true, false), jobs("ok", "ok", true, true)};
  test::run_sync(ioc, make("AllDone").wait());
  CHECK(s.requests.size() == 3);  // an empty list is not "all"
  s = {};
  s.responses = {jobs("ok", "failed", true, false)};
  CHECK(fail_reason(make("AllDone")) == "Waiter encountered a terminal failure state: For expression "
                                        "\"Jobs[].Status\" we matched expected path: \"failed\" at least once");
}

TEST_CASE_FIXTURE(fixture, "error and status acceptors; the delay is slept between attempts") {
  s.responses = {state("here"), state("here"), service_error("NotFound", 404)};
  auto start = std::chrono::steady_clock::now();
  test::run_sync(ioc, make("ThingGone").wait());
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(100));
  CHECK(s.requests.size() == 3);
  s = {};
  s.responses = {service_error("Gone", 404)};
  test::run_sync(ioc, make("ThingGone").wait({}, {.delay = 0.0}));
  s = {};
  s.responses = {service_error("Other")};
  test::run_sync(ioc, make("AnyError").wait());
  s = {};
  s.responses = {state("x")};
  CHECK(fail_reason(make("AnyError")) == "Max attempts exceeded");
}

TEST_CASE_FIXTURE(fixture, "cancellation stops the sleep") {
  s.responses = {state("pending")};
  asio::cancellation_signal signal;
  std::exception_ptr error;
  bool done = false;
  asio::co_spawn(ioc, make("ThingReady").wait({}, {.delay = 30.0}),
                 asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e) {
                   error = e;
                   done = true;
                 }));
  asio::steady_timer t(ioc, std::chrono::milliseconds(50));
  t.async_wait([&](boost::system::error_code) { signal.emit(asio::cancellation_type::terminal); });
  ioc.run_for(std::chrono::seconds(5));
  REQUIRE(done);
  CHECK(error);
  CHECK(s.requests.size() == 1);
}

TEST_CASE_FIXTURE(fixture, "unknown waiters name the ones there are") {
  try {
    make("NoSuchWaiter");
    FAIL("expected unknown_operation_error");
  } catch (unknown_operation_error const& e) {
    CHECK(std::string(e.what()) ==
          "Waiter does not exist: NoSuchWaiter (things waiters: AllDone, AnyError, ThingGone, ThingReady)");
  }
  CHECK(make("thing_gone").name() == "ThingGone");
  CHECK(make("ThingGone").delay() == 0.05);
}

TEST_CASE("acceptor explanations and Python equality") {
  acceptor_spec a;
  a.matcher = acceptor_matcher::path;
  a.argument = "a.b";
  a.expected = true;
  CHECK(explanation(a) == "For expression \"a.b\" we matched expected path: \"True\"");
  a.matcher = acceptor_matcher::status;
  a.expected = 404;
  CHECK(explanation(a) == "Matched expected HTTP status code: 404");
  CHECK(python_equal(json::value(1), json::value(1.0)));
  CHECK(python_equal(json::value(true), json::value(1)));
  CHECK_FALSE(python_equal(json::value("1"), json::value(1)));
  CHECK(python_equal(json::parse(R"({"a":[1,2]})"), json::parse(R"({"a":[1.0,2]})")));
}

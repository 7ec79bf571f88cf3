// Conformance runner: conformance/csm/ (README section 10). Each case makes real calls of the
// csmtest service against the in-repo test server, which answers with the case's scripted
// attempt responses, and compares the client-side monitoring datagrams received on a UDP socket
// on 127.0.0.1 with the expected events. The calls go to the test server instead of
// csmtest.us-west-2.amazonaws.com, so the expected Fqdn is the test server's address.
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/json.hpp>

#include <awscoro/awscoro.hpp>

#include "aws_environment.hpp"
#include "conformance_tally.hpp"
#include "json_compare.hpp"
#include "known_failures.hpp"
#include "run_sync.hpp"
#include "test_server.hpp"

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
using awscoro::test::test_response;

namespace {

constexpr std::size_t expected_cases = 21;
constexpr std::string_view expected_fqdn = "csmtest.us-west-2.amazonaws.com";

std::string str(json::value const& v) { return v.is_string() ? std::string(v.get_string()) : json::serialize(v); }

// The attempt responses the test server gives, in order, across a case's calls.
class scripted_responses {
 public:
  void push(test_response r) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(r));
  }
  test_response next() {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) return {500, {}, "{\"__type\":\"NoScriptedResponse\"}"};
    auto r = std::move(queue_.front());
    queue_.pop_front();
    return r;
  }

 private:
  std::mutex mutex_;
  std::deque<test_response> queue_;
};

// What an attempt meets: a response from the test server, or a failure on the client side.
struct scripted_attempt {
  std::optional<test_response> response;
  bool retryable = false;
  std::string message;
};

test_response scripted(json::object const& attempt) {
  test_response r;
  r.status = static_cast<unsigned>(attempt.at("httpStatus").to_number<std::int64_t>());
  r.headers.emplace_back("Content-Type", "application/x-amz-json-1.0");
  for (auto const& [name, value] : attempt.at("responseHeaders").as_object())
    r.headers.emplace_back(std::string(name), str(value));
  if (auto const* code = attempt.if_contains("errorCode")) {
    json::object body{{"__type", *code}};
    if (auto const* message = attempt.if_contains("errorMessage")) body["message"] = *message;
    r.body = json::serialize(body);
  } else {
    r.body = "{}";
  }
  return r;
}

// "ANY_INT" and "ANY_STR" match any value of that kind; anything else must be equal.
bool is_text(json::value const& v, std::string_view text) { return v.is_string() && v.get_string() == text; }

bool value_matches(json::value const& expected, json::value const& actual) {
  if (is_text(expected, "ANY_INT")) return actual.is_int64() || actual.is_uint64();
  if (is_text(expected, "ANY_STR")) return actual.is_string();
  return awscoro::test::json_diff(expected, actual).empty();
}

bool event_matches(json::object const& expected, json::object const& actual, json::object const& optional_fields,
                   std::string& why) {
  for (auto const& [key, value] : expected) {
    auto const* got = actual.if_contains(key);
    if (!got) {
      why = "missing " + std::string(key);
      return false;
    }
    if (!value_matches(value, *got)) {
      why = std::string(key) + ": expected " + json::serialize(value) + ", got " + json::serialize(*got);
      return false;
    }
  }
  auto const* type = actual.if_contains("Type");
  auto const* optional = type && type->is_string() ? optional_fields.if_contains(type->get_string()) : nullptr;
  for (auto const& [key, value] : actual) {
    if (expected.contains(key)) continue;
    auto const* allowed = optional && optional->is_object() ? optional->get_object().if_contains(key) : nullptr;
    if (!allowed || !value_matches(*allowed, value)) {
      why = "unexpected " + std::string(key) + ": " + json::serialize(value);
      return false;
    }
  }
  return true;
}

struct case_run {
  fs::path work_dir;
  std::string data_path;
};

// Runs one case (merged over the defaults); returns "" when it passes, else why not.
std::string run_case(json::object const& tc, json::object const& optional_fields, case_run const& run) {
  auto const& configuration = tc.at("configuration").as_object();
  scripted_responses responses;
  awscoro::test::test_server server([&responses](awscoro::test::received_request const&) { return responses.next(); });

  asio::io_context ioc;
  asio::ip::udp::socket monitor_socket(ioc, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  monitor_socket.non_blocking(true);

  fs::path const config_path = run.work_dir / "config";
  {
    std::ofstream out(config_path, std::ios::trunc);
    out << "[default]\n";
    for (auto const& [key, value] : configuration.at("sharedConfigFile").as_object())
      out << std::string(key) << " = " << str(value) << "\n";
  }
  awscoro::test::clear_aws_environment();
  ::setenv("AWSCORO_DATA_PATH", run.data_path.c_str(), 1);
  ::setenv("AWS_CONFIG_FILE", config_path.c_str(), 1);
  ::setenv("AWS_SHARED_CREDENTIALS_FILE", (config_path.string() + ".absent").c_str(), 1);
  ::setenv("AWS_CSM_PORT", std::to_string(monitor_socket.local_endpoint().port()).c_str(), 1);
  for (auto const& [name, value] : configuration.at("environmentVariables").as_object())
    ::setenv(std::string(name).c_str(), str(value).c_str(), 1);

  awscoro::session_options session_options;
  session_options.region_name = str(configuration.at("region"));
  session_options.aws_access_key_id = str(configuration.at("accessKey"));
  session_options.aws_secret_access_key = "mysecretkey";
  if (auto const* token = configuration.if_contains("sessionToken")) session_options.aws_session_token = str(*token);
  awscoro::client_options client_options;
  client_options.endpoint_url = server.url();
  if (auto const* retries = configuration.if_contains("maxRetries")) {
    awscoro::client_config config;
    config.retries.max_attempts = static_cast<int>(retries->to_number<std::int64_t>());
    client_options.config = config;
  }

  awscoro::session session(ioc.get_executor(), session_options);
  auto client = awscoro::test::run_sync(ioc, session.create_client("csmtest", client_options));
  // Each attempt takes the next scripted outcome when it is about to be sent. A client-side
  // failure is thrown from before-send, as botocore's tests raise it from the HTTP layer: a
  // connection error when it is retryable, else an exception that is not awscoro's.
  std::deque<scripted_attempt> attempts;
  std::string thrown;  // the message of the last client-side failure
  client.meta().events().register_handler("before-send", [&](awscoro::event_args&) {
    if (attempts.empty()) return;
    scripted_attempt next = std::move(attempts.front());
    attempts.pop_front();
    thrown = next.message;
    if (next.response) {
      responses.push(std::move(*next.response));
    } else if (next.retryable) {
      throw awscoro::http_error(awscoro::make_error_code(awscoro::error::connection_closed), next.message);
    } else {
      throw std::runtime_error(next.message);
    }
  });
  for (auto const& call_value : tc.at("apiCalls").as_array()) {
    auto const& call = call_value.as_object();
    for (auto const& attempt_value : call.at("attemptResponses").as_array()) {
      auto const& attempt = attempt_value.as_object();
      scripted_attempt next;
      if (auto const* failure = attempt.if_contains("sdkException")) {
        next.retryable = failure->as_object().at("isRetryable").as_bool();
        next.message = str(failure->as_object().at("message"));
      } else {
        next.response = scripted(attempt);
      }
      attempts.push_back(std::move(next));
    }
    try {
      awscoro::test::run_sync(ioc, client.call(str(call.at("operationName")), call.at("params").as_object()));
    } catch (awscoro::client_error const&) {
      // The scripted error responses end the call with the service's error; the events say so.
    } catch (std::exception const& e) {
      // A scripted client-side failure ends the call with that very failure.
      if (e.what() != thrown) throw;
    }
  }
  // The monitor sends on the client's executor: let it finish, then read what arrived.
  ioc.restart();
  ioc.run_for(std::chrono::milliseconds(200));

  std::string const fqdn = "127.0.0.1:" + std::to_string(server.port());
  std::vector<json::object> received;
  for (;;) {
    char buffer[9000];
    asio::ip::udp::endpoint sender;
    boost::system::error_code ec;
    auto n = monitor_socket.receive_from(asio::buffer(buffer), sender, 0, ec);
    if (ec) break;
    boost::system::error_code parse_ec;
    auto event = json::parse(std::string_view(buffer, n), parse_ec);
    if (parse_ec || !event.is_object()) return "a datagram is not a JSON object: " + std::string(buffer, n);
    received.push_back(std::move(event.as_object()));
  }

  auto const& expected = tc.at("expectedMonitoringEvents").as_array();
  if (received.size() != expected.size())
    return "expected " + std::to_string(expected.size()) + " events, got " + std::to_string(received.size()) +
           (received.empty() ? "" : ", the first " + json::serialize(received.front()));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    json::object want = expected[i].as_object();
    if (auto* f = want.if_contains("Fqdn"); f && is_text(*f, expected_fqdn)) *f = fqdn;
    std::string why;
    if (!event_matches(want, received[i], optional_fields, why))
      return "event " + std::to_string(i) + ": " + why + "\n    got " + json::serialize(received[i]);
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: conformance-csm <conformance dir> <models dir>\n";
    return 2;
  }
  fs::path const root = fs::path(argv[1]) / "csm";
  auto doc = json::parse(awscoro::test::read_text(root / "cases.json")).as_object();
  auto const& defaults = doc.at("defaults").as_object();
  json::object optional_fields;
  if (auto const* o = defaults.if_contains("optionalEventFields")) optional_fields = o->as_object();
  auto const known = awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);

  case_run run;
  run.work_dir = fs::temp_directory_path() / ("awscoro-csm-" + std::to_string(::getpid()));
  fs::create_directories(run.work_dir);
  // The model's TestOperationException has the type "strucutre": botocore builds shapes only when
  // they are used and never uses that one, while awscoro compiles the whole model. The runner
  // serves a copy with the type spelled right.
  fs::path const model_dir = run.work_dir / "data" / "csmtest" / "2018-06-19";
  fs::create_directories(model_dir);
  {
    std::string model = awscoro::test::read_text(root / "data" / "csmtest" / "2018-06-19" / "service-2.json");
    for (auto at = model.find("\"strucutre\""); at != std::string::npos; at = model.find("\"strucutre\"", at))
      model.replace(at, 11, "\"structure\"");
    std::ofstream(model_dir / "service-2.json") << model;
  }
  // botocore resolves csmtest through endpoints.json, which awscoro does not read: a rule set
  // giving the same https://csmtest.{Region}.amazonaws.com (or the client's endpoint_url).
  std::ofstream(model_dir / "endpoint-rule-set-1.json") << R"({"version": "1.0",
  "parameters": {"Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
                 "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String"}},
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "endpoint",
     "endpoint": {"url": {"ref": "Endpoint"}, "properties": {}, "headers": {}}},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "endpoint",
     "endpoint": {"url": "https://csmtest.{Region}.amazonaws.com", "properties": {}, "headers": {}}},
    {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}]})";
  run.data_path = (run.work_dir / "data").string() + ":" + argv[2];

  awscoro::test::tally t;
  auto const& cases = doc.at("cases").as_array();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    json::object tc = defaults;
    for (auto const& [key, value] : cases[i].as_object()) tc[key] = value;
    std::string const id = "csm#" + std::to_string(i);
    std::string const description = str(tc.at("description"));
    std::string why;
    try {
      why = run_case(tc, optional_fields, run);
    } catch (std::exception const& e) {
      why = std::string("exception: ") + e.what();
    }
    awscoro::test::record_case(t, known, id, why.empty(), why, id + " (" + description + ")");
  }
  std::error_code ec;
  fs::remove_all(run.work_dir, ec);
  t.print("csm");
  if (cases.size() != expected_cases) {
    std::cout << "loaded " << cases.size() << " cases, the conformance README says " << expected_cases << "\n";
    return 1;
  }
  return t.failed == 0 ? 0 : 1;
}

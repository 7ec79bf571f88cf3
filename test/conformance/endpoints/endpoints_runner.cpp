// Conformance runner for the endpoint rules engine:
//   endpoint-rules-engine/  small rule sets with their test cases (101 cases)
//   endpoint-rules/<service>/endpoint-tests-1.json against models/<service>'s rule set (13,862
//   cases, plus 568 end-to-end operationInputs run through a whole client: operation_inputs.cpp).
// Usage: conformance-endpoints <conformance dir> <models dir>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "endpoint/endpoint_resolver.hpp"
#include "json_compare.hpp"
#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "model/model_registry.hpp"
#include "operation_inputs.hpp"
#include "util/file_io.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace awscoro::detail;

namespace {

constexpr std::size_t engine_case_count = 101;
constexpr std::size_t service_case_count = 13862;
constexpr std::size_t service_e2e_input_count = 568;
constexpr std::size_t service_file_count = 424;

using awscoro::test::tally;

std::map<std::string, std::string> known_failures;
std::set<std::string> known_failures_seen;

bool read_json(fs::path const& p, json::value& out) {
  std::string msg;
  auto bytes = read_file(p.string(), &msg);
  if (!bytes) {
    std::printf("ERROR: cannot read %s: %s\n", p.c_str(), msg.c_str());
    return false;
  }
  boost::system::error_code ec;
  out = json::parse(*bytes, ec);
  if (ec) {
    std::printf("ERROR: %s: invalid JSON: %s\n", p.c_str(), ec.message().c_str());
    return false;
  }
  return true;
}

// Runs one case; on a mismatch fills `why`.
bool run_case(rule_set const& rs, partitions const& parts, json::object const& tc, std::string& why) {
  endpoint_params params;
  if (auto const* given = tc.if_contains("params"); given && given->is_object()) {
    for (auto const& [name, v] : given->get_object()) {
      endpoint_param_value value;
      if (v.is_bool()) {
        value = v.get_bool();
      } else if (v.is_string()) {
        value = std::string(v.get_string());
      } else if (v.is_array()) {
        std::vector<std::string> list;
        for (auto const& item : v.get_array()) {
          if (!item.is_string()) {
            why = "parameter " + std::string(name) + " holds a non-string item";
            return false;
          }
          list.emplace_back(item.get_string());
        }
        value = std::move(list);
      } else {
        why = "parameter " + std::string(name) + " has an unsupported type";
        return false;
      }
      params.set(rs, name, std::move(value));  // names the rule set lacks are ignored, as in botocore
    }
  }
  auto result = resolve_endpoint(rs, params, parts);
  auto const& expect = tc.at("expect").as_object();

  if (auto const* err = expect.if_contains("error")) {
    std::string const want(err->as_string());
    if (result) {
      why = "expected error \"" + want + "\", got endpoint " + result->url;
      return false;
    }
    if (result.error().message != want) {
      why = "expected error \"" + want + "\", got \"" + result.error().message + "\"";
      return false;
    }
    return true;
  }

  auto const& ep = expect.at("endpoint").as_object();
  if (!result) {
    why = "expected endpoint " + std::string(ep.at("url").as_string()) + ", got error \"" + result.error().message + "\"";
    return false;
  }
  if (result->url != ep.at("url").as_string()) {
    why = "url: expected " + std::string(ep.at("url").as_string()) + ", got " + result->url;
    return false;
  }
  json::value const empty = json::object();
  json::value const& want_props = ep.contains("properties") ? ep.at("properties") : empty;
  json::value const got_props = result->properties;
  if (!awscoro::test::json_equal(want_props, got_props)) {
    why = "properties: " + awscoro::test::json_diff(want_props, got_props);
    return false;
  }
  json::object got_headers;
  for (auto const& [name, values] : result->headers) {
    json::array a;
    for (auto const& v : values) a.emplace_back(v);
    got_headers[name] = std::move(a);
  }
  json::value const& want_headers = ep.contains("headers") ? ep.at("headers") : empty;
  json::value const got_headers_value = std::move(got_headers);
  if (!awscoro::test::json_equal(want_headers, got_headers_value)) {
    why = "headers: " + awscoro::test::json_diff(want_headers, got_headers_value);
    return false;
  }
  return true;
}

void record(tally& t, std::string const& id, bool ok, std::string const& why, std::string const& doc) {
  if (known_failures.count(id)) known_failures_seen.insert(id);
  awscoro::test::record_case(t, known_failures, id, ok, why, id + " (" + doc + ")");
}

std::string documentation(json::object const& tc) {
  if (auto const* d = tc.if_contains("documentation"); d && d->is_string()) return std::string(d->get_string());
  return {};
}

bool run_engine_suite(fs::path const& dir, partitions const& parts, tally& t) {
  std::size_t loaded = 0;
  // Rule sets without test cases must still compile.
  std::vector<fs::path> rule_files;
  for (auto const& e : fs::directory_iterator(dir / "valid-rules")) rule_files.push_back(e.path());
  std::sort(rule_files.begin(), rule_files.end());
  for (auto const& rf : rule_files) {
    json::value doc;
    if (!read_json(rf, doc)) return false;
    std::string msg;
    auto rs = rule_set::compile(doc, &msg);
    if (!rs) {
      ++t.failed;
      std::printf("FAIL endpoint-rules-engine/%s: rule set does not compile: %s\n", rf.filename().c_str(), msg.c_str());
      continue;
    }
    fs::path const cases_file = dir / "test-cases" / rf.filename();
    if (!fs::exists(cases_file)) continue;
    json::value cases;
    if (!read_json(cases_file, cases)) return false;
    auto const& list = cases.at("testCases").as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      ++loaded;
      auto const& tc = list[i].as_object();
      std::string why;
      bool const ok = run_case(**rs, parts, tc, why);
      record(t, "endpoint-rules-engine/" + rf.stem().string() + "#" + std::to_string(i), ok, why, documentation(tc));
    }
  }
  if (loaded != engine_case_count) {
    std::printf("ERROR: endpoint-rules-engine: loaded %zu cases, the README says %zu\n", loaded, engine_case_count);
    return false;
  }
  return true;
}

bool run_service_suite(fs::path const& dir, model_registry& registry, partitions const& parts, tally& t) {
  std::vector<std::string> services;
  for (auto const& e : fs::directory_iterator(dir))
    if (e.is_directory()) services.push_back(e.path().filename().string());
  std::sort(services.begin(), services.end());
  std::size_t loaded = 0, e2e = 0;
  for (auto const& service : services) {
    json::value doc;
    if (!read_json(dir / service / "endpoint-tests-1.json", doc)) return false;
    auto const& list = doc.at("testCases").as_array();
    std::string msg;
    auto rs = rule_set::load(registry, service, &msg);
    if (!rs) std::printf("FAIL endpoint-rules/%s: %s\n", service.c_str(), msg.c_str());
    for (std::size_t i = 0; i < list.size(); ++i) {
      ++loaded;
      auto const& tc = list[i].as_object();
      std::string const id = "endpoint-rules/" + service + "#" + std::to_string(i);
      std::string why = "no rule set";
      bool const ok = rs && run_case(*rs, parts, tc, why);
      record(t, id, ok, why, documentation(tc));
      if (auto const* inputs = tc.if_contains("operationInputs"); inputs && inputs->is_array()) {
        auto const& in = inputs->get_array();
        for (std::size_t k = 0; k < in.size(); ++k) {
          ++e2e;
          auto const* op = in[k].as_object().if_contains("operationName");
          std::string const input_id = id + "/operationInputs[" + std::to_string(k) + "]";
          std::string reason;
          auto r = awscoro::conformance::run_operation_input(service, tc, in[k].as_object(), reason);
          reason = (op && op->is_string() ? std::string(op->get_string()) : "?") + ": " + reason;
          if (r == awscoro::conformance::input_result::skipped) {
            ++t.skipped;
            std::printf("SKIP %s: %s\n", input_id.c_str(), reason.c_str());
          } else {
            record(t, input_id, r == awscoro::conformance::input_result::passed, reason, documentation(tc));
          }
        }
      }
    }
  }
  bool ok = true;
  if (services.size() != service_file_count) {
    std::printf("ERROR: endpoint-rules: found %zu services, the README says %zu\n", services.size(), service_file_count);
    ok = false;
  }
  if (loaded != service_case_count || e2e != service_e2e_input_count) {
    std::printf("ERROR: endpoint-rules: loaded %zu cases and %zu end-to-end inputs, the README says %zu and %zu\n",
                loaded, e2e, service_case_count, service_e2e_input_count);
    ok = false;
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <conformance dir> <models dir>\n", argv[0]);
    return 2;
  }
  fs::path const conformance = argv[1];
  model_registry registry({argv[2]});
  known_failures = awscoro::test::load_known_failures(AWSCORO_SOURCE_ROOT "/test/conformance/endpoints/known_failures.txt");

  std::string msg;
  auto parts = partitions::load(registry, &msg);
  if (!parts) {
    std::printf("ERROR: partitions: %s\n", msg.c_str());
    return 1;
  }

  tally engine, services;
  bool ok = run_engine_suite(conformance / "endpoint-rules-engine", *parts, engine);
  engine.print("endpoint-rules-engine");
  ok = run_service_suite(conformance / "endpoint-rules", registry, *parts, services) && ok;
  services.print("endpoint-rules");

  for (auto const& [id, reason] : known_failures)
    if (!known_failures_seen.count(id)) {
      std::printf("ERROR: known_failures.txt lists %s, which is no case\n", id.c_str());
      ok = false;
    }

  tally total{engine.passed + services.passed, engine.failed + services.failed, engine.skipped + services.skipped};
  total.print("endpoints");
  return ok && total.failed == 0 ? 0 : 1;
}

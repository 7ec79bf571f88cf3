// Conformance runner for the JMESPath compliance suite (conformance/jmespath/*.json but
// schema.json): `result` cases must evaluate to that value (numbers by value), `error` cases must
// fail with that kind (syntax errors at compile time, others at compile or evaluation time),
// `bench` cases must compile and evaluate without error.
// Usage: conformance-jmespath <conformance dir>
// A case's id is <file>:<group>:<case>, both indices from 0.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "jmespath/expression.hpp"
#include "json_compare.hpp"
#include "util/file_io.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
namespace jp = awscoro::detail::jmespath;

namespace {

constexpr std::size_t result_case_count = 742;
constexpr std::size_t error_case_count = 150;
constexpr std::size_t bench_case_count = 16;

using awscoro::test::tally;

std::map<std::string, std::string> known_failures;
std::set<std::string> known_failures_seen;

void load_known_failures(std::string const& path) { known_failures = awscoro::test::load_known_failures(path); }

// Runs one case; on a mismatch fills `why`.
bool run_case(json::value const& given, json::object const& tc, std::string& why) {
  std::string_view text = tc.at("expression").as_string();
  auto compiled = jp::compile(text);
  if (auto const* kind = tc.if_contains("error")) {
    std::string_view expected = kind->as_string();
    if (!compiled) {
      if (jp::to_string(compiled.error().type) == expected) return true;
      why = "expected a " + std::string(expected) + " error, compile failed with " + compiled.error().message;
      return false;
    }
    if (expected == "syntax") {
      why = "expected a syntax error, but it compiled";
      return false;
    }
    auto r = jp::evaluate(*compiled, given);
    if (!r) {
      if (jp::to_string(r.error().type) == expected) return true;
      why = "expected a " + std::string(expected) + " error, evaluation failed with " + r.error().message;
      return false;
    }
    why = "expected a " + std::string(expected) + " error, got " + json::serialize(*r);
    return false;
  }
  if (!compiled) {
    why = "compile failed: " + compiled.error().message;
    return false;
  }
  auto r = jp::evaluate(*compiled, given);
  if (!r) {
    why = "evaluation failed: " + r.error().message;
    return false;
  }
  if (auto const* expected = tc.if_contains("result")) {
    if (awscoro::test::json_equal(*expected, *r)) return true;
    why = awscoro::test::json_diff(*expected, *r);
    return false;
  }
  return true;  // a bench case: compiled and evaluated
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::printf("usage: conformance-jmespath <conformance dir>\n");
    return 2;
  }
  fs::path dir = fs::path(argv[1]) / "jmespath";
  load_known_failures(AWSCORO_SOURCE_ROOT "/test/conformance/jmespath/known_failures.txt");

  std::vector<fs::path> files;
  std::error_code ec;
  for (auto const& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json") files.push_back(entry.path());
  if (ec) {
    std::printf("ERROR: cannot list %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  std::sort(files.begin(), files.end());

  tally total;
  std::size_t results = 0, errors = 0, benches = 0;
  bool ok = true;
  for (auto const& path : files) {
    std::string message;
    auto bytes = awscoro::detail::read_file(path.string(), &message);
    if (!bytes) {
      std::printf("ERROR: cannot read %s: %s\n", path.c_str(), message.c_str());
      return 1;
    }
    boost::system::error_code jec;
    json::value doc = json::parse(*bytes, jec);
    if (jec || !doc.is_array()) {
      std::printf("ERROR: %s: not a JSON array of test groups\n", path.c_str());
      return 1;
    }
    std::string stem = path.stem().string();
    tally t;
    auto const& groups = doc.get_array();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      auto const& group = groups[g].as_object();
      json::value const& given = group.at("given");
      auto const& cases = group.at("cases").as_array();
      for (std::size_t c = 0; c < cases.size(); ++c) {
        auto const& tc = cases[c].as_object();
        if (tc.contains("result")) {
          ++results;
        } else if (tc.contains("error")) {
          ++errors;
        } else if (tc.contains("bench")) {
          ++benches;
        }
        std::string id = stem + ":" + std::to_string(g) + ":" + std::to_string(c);
        std::string why;
        bool passed = run_case(given, tc, why);
        std::string expression(tc.at("expression").as_string());
        if (known_failures.count(id)) known_failures_seen.insert(id);
        awscoro::test::record_case(t, known_failures, id, passed, why, id + " " + expression);
      }
    }
    t.print("jmespath-" + stem);
    total += t;
  }

  if (results != result_case_count || errors != error_case_count || benches != bench_case_count) {
    std::printf("ERROR: loaded %zu result, %zu error and %zu bench cases; the README says %zu, %zu and %zu\n", results,
                errors, benches, result_case_count, error_case_count, bench_case_count);
    ok = false;
  }
  for (auto const& [id, reason] : known_failures) {
    if (!known_failures_seen.count(id)) {
      std::printf("ERROR: known_failures.txt lists %s, which is no case\n", id.c_str());
      ok = false;
    }
  }
  total.print("jmespath");
  return ok && total.failed == 0 ? 0 : 1;
}

// JMESPath compile and evaluate times for the compliance suite's benchmark cases
// (conformance/jmespath/benchmarks.json): "parse" cases time compilation, "full" cases compile
// once and time evaluation against the case's document. Google Benchmark; not a test.
//
//   bench-jmespath [CONFORMANCE_DIR] [benchmark flags]
#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "jmespath/expression.hpp"
#include "util/file_io.hpp"

namespace json = boost::json;
namespace jp = awscoro::detail::jmespath;

namespace {

struct bench_case {
  std::string name, expression, kind;
  json::value given;
};

std::vector<bench_case> load(std::string const& dir) {
  std::vector<bench_case> out;
  auto text = awscoro::detail::read_file(dir + "/jmespath/benchmarks.json");
  if (!text) return out;
  auto doc = json::parse(*text);
  for (auto const& group : doc.as_array())
    for (auto const& c : group.at("cases").as_array()) {
      std::string comment = c.as_object().if_contains("comment") ? std::string(c.at("comment").as_string()) : "";
      out.push_back({comment.empty() ? std::string(c.at("expression").as_string()) : comment,
                     std::string(c.at("expression").as_string()), std::string(c.at("bench").as_string()),
                     group.at("given")});
    }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = AWSCORO_SOURCE_ROOT "/../shared/conformance";
  if (argc > 1 && argv[1][0] != '-') {
    dir = argv[1];
    --argc;
    ++argv;
  }
  static std::vector<bench_case> cases = load(dir);
  if (cases.empty()) {
    std::fprintf(stderr, "bench-jmespath: no benchmark cases under %s\n", dir.c_str());
    return 1;
  }
  for (auto const& c : cases) {
    if (c.kind == "parse") {
      benchmark::RegisterBenchmark(("compile/" + c.name).c_str(), [&c](benchmark::State& state) {
        for (auto _ : state) {
          auto e = jp::compile(c.expression);
          benchmark::DoNotOptimize(e);
        }
      });
    } else {
      benchmark::RegisterBenchmark(("evaluate/" + c.name).c_str(), [&c](benchmark::State& state) {
        auto e = jp::compile(c.expression);
        if (!e) {
          state.SkipWithError("does not compile");
          return;
        }
        for (auto _ : state) {
          auto r = jp::evaluate(*e, c.given);
          benchmark::DoNotOptimize(r);
        }
      });
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}

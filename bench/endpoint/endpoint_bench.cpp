// CPU time and heap traffic per call of two stages every call runs: endpoint resolution through
// the client's resolver (rule set + built-ins + context params; S3 GetObject with a bucket,
// DynamoDB GetItem) and SigV4 header signing of a GetItem-sized request. Each benchmark reports
// allocs/call and bytes/call, counted by the global operator new of bench/support.
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include "auth/sigv4_signer.hpp"
#include "client/call_endpoint.hpp"
#include "client/client_impl.hpp"
#include "model/model_registry.hpp"
#include "util/timestamp.hpp"
#include "alloc_meter.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using awscoro::bench::alloc_meter;

namespace {

std::shared_ptr<service_model const> model(std::string const& name) {
  load_error e{};
  auto m = model_registry::instance().service(name, "", &e);
  if (!m) std::abort();
  return m;
}

void bench_resolve(benchmark::State& state, char const* service, char const* op_name, char const* params_json) {
  auto m = model(service);
  auto const* op = m->find_operation(op_name);
  if (!op) std::abort();
  client_settings settings;
  settings.region = "us-west-2";
  awscoro::client_config config;
  call_endpoint_resolver resolver(m, settings, config);
  awscoro::event_emitter events;
  awscoro::event_args args;
  json::object params = json::parse(params_json).as_object();
  std::string message;
  alloc_meter meter;
  for (auto _ : state) {
    auto ep = resolver.resolve(*op, params, {}, events, args, message);
    if (!ep) std::abort();
    benchmark::DoNotOptimize(ep->url.data());
  }
  meter.report(state);
}

void bench_sign_get_item(benchmark::State& state) {
  awscoro::http_request request;
  request.host = "dynamodb.us-west-2.amazonaws.com";
  request.headers.set("Content-Type", "application/x-amz-json-1.0");
  request.headers.set("X-Amz-Target", "DynamoDB_20120810.GetItem");
  request.headers.set("User-Agent", "awscoro/0.1 md/arch#x86_64 os/linux lang/cpp");
  request.body = R"({"TableName":"bench-table","Key":{"pk":{"S":"user#0001"},"sk":{"S":"profile"}}})";
  awscoro::credentials creds{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt, "bench"};
  sigv4_signer signer("us-west-2", "dynamodb");
  timestamp_us const now = now_us();
  alloc_meter meter;
  for (auto _ : state) {
    awscoro::http_request signed_request = request;
    auto error = signer.sign(signed_request, creds, now);
    if (!error.empty()) std::abort();
    benchmark::DoNotOptimize(signed_request.headers.find("Authorization"));
  }
  meter.report(state);
}

}  // namespace

BENCHMARK_CAPTURE(bench_resolve, s3_get_object, "s3", "GetObject", R"({"Bucket":"my-bucket","Key":"photos/cat.jpg"})");
BENCHMARK_CAPTURE(bench_resolve, dynamodb_get_item, "dynamodb", "GetItem",
                  R"({"TableName":"bench-table","Key":{"pk":{"S":"user#0001"}}})");
// The request copy is part of each iteration (signing edits headers); it is a few small strings.
BENCHMARK(bench_sign_get_item);

BENCHMARK_MAIN();

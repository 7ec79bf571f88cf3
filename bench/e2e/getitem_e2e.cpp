// End to end: client CPU per DynamoDB GetItem through awscoro, against a raw Beast client
// sending the same request bytes, both to the in-repo server on 127.0.0.1 over one keep-alive
// connection. CPU is the calling thread's (CLOCK_THREAD_CPUTIME_ID): the server runs on its own
// thread and is not counted. Prints the median of several rounds and the ratio.
//
// Then the client's own pipeline alone (validation, endpoint, serialization, signing, events,
// parsing), with a before-send handler answering in place of the network: CPU and heap
// allocations per call.
//
//   bench-getitem-e2e [CALLS_PER_ROUND] [ROUNDS] [pipeline]
//
// With "pipeline", only the pipeline is measured (for profiling it).
#include <awscoro/awscoro.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "alloc_meter.hpp"
#include "test_server.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

namespace {

constexpr char const* item_response =
    R"({"Item": {"id": {"S": "user-1"}, "name": {"S": "Ada"}, "visits": {"N": "42"}, "active": {"BOOL": true}}})";

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

asio::awaitable<void> awscoro_round(awscoro::client& ddb, int calls, json::object const& params) {
  for (int i = 0; i < calls; ++i) {
    json::object p = params;
    auto r = co_await ddb.call("GetItem", std::move(p));
    if (!r.contains("Item")) throw std::runtime_error("unexpected response");
  }
}

}  // namespace

int main(int argc, char** argv) {
  int const calls = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
  int const rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  bool const pipeline_only = argc > 3 && std::string(argv[3]) == "pipeline";

  awscoro::test::test_server server([](awscoro::test::received_request const&) {
    return awscoro::test::test_response{
        .status = 200,
        .headers = {{"Content-Type", "application/x-amz-json-1.0"}, {"x-amzn-RequestId", "bench"}},
        .body = item_response};
  });

  asio::io_context ioc;
  awscoro::session session(ioc.get_executor(), {.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                .aws_secret_access_key = "secret"});
  awscoro::client_config config;
  config.retries.mode = "standard";
  auto ddb_future = asio::co_spawn(
      ioc, session.create_client("dynamodb", {.endpoint_url = server.url(), .config = config}), asio::use_future);
  ioc.run();
  auto ddb = ddb_future.get();
  json::object params = json::parse(R"({"TableName": "users", "Key": {"id": {"S": "user-1"}}})").as_object();

  // Warm up (connection, model, signing key), then measure.
  std::vector<double> awscoro_us{0}, raw_us{0};
  for (int r = 0; r <= rounds && !pipeline_only; ++r) {
    ioc.restart();
    double start = thread_cpu_seconds();
    auto f = asio::co_spawn(ioc, awscoro_round(ddb, calls, params), asio::use_future);
    ioc.run();
    f.get();
    double per_call = (thread_cpu_seconds() - start) / calls * 1e6;
    if (r == 1) awscoro_us.clear();
    if (r > 0) awscoro_us.push_back(per_call);
  }

  // The raw Beast client: the request awscoro sent, replayed as it is.
  auto sent = pipeline_only ? awscoro::test::received_request{} : server.requests().back();
  http::request<http::string_body> req{http::verb::post, "/", 11};
  for (auto const& [name, value] : sent.headers) req.set(name, value);
  req.body() = sent.body;
  req.prepare_payload();
  asio::io_context raw_ioc;
  asio::ip::tcp::socket socket(raw_ioc);
  if (!pipeline_only) socket.connect({asio::ip::make_address("127.0.0.1"), server.port()});
  beast::flat_buffer buffer;
  for (int r = 0; r <= rounds && !pipeline_only; ++r) {
    double start = thread_cpu_seconds();
    for (int i = 0; i < calls; ++i) {
      http::write(socket, req);
      http::response<http::string_body> res;
      http::read(socket, buffer, res);
      if (res.result_int() != 200) return 1;
    }
    double per_call = (thread_cpu_seconds() - start) / calls * 1e6;
    if (r == 1) raw_us.clear();
    if (r > 0) raw_us.push_back(per_call);
  }

  // The pipeline alone: the same response handed over by before-send.
  awscoro::http_response canned;
  canned.status = 200;
  canned.headers.add("Content-Type", "application/x-amz-json-1.0");
  canned.headers.add("x-amzn-RequestId", "bench");
  canned.body = item_response;
  ddb.meta().events().register_handler("before-send.dynamodb.GetItem",
                                       [&canned](awscoro::event_args& a) { a.http_response_override = canned; });
  std::vector<double> pipeline_us, pipeline_allocs;
  for (int r = 0; r <= rounds; ++r) {
    ioc.restart();
    std::size_t allocs0 = awscoro::bench::allocations_so_far();
    double start = thread_cpu_seconds();
    auto f = asio::co_spawn(ioc, awscoro_round(ddb, calls, params), asio::use_future);
    ioc.run();
    f.get();
    double per_call = (thread_cpu_seconds() - start) / calls * 1e6;
    if (r > 0) {
      pipeline_us.push_back(per_call);
      pipeline_allocs.push_back(static_cast<double>(awscoro::bench::allocations_so_far() - allocs0) / calls);
    }
  }

  double a = median(awscoro_us), b = median(raw_us);
  std::printf("GetItem end to end, client CPU per call (median of %d rounds of %d calls):\n", rounds, calls);
  std::printf("  awscoro client.call:   %8.2f us\n", a);
  std::printf("  raw Beast, same bytes: %8.2f us\n", b);
  std::printf("  ratio:                 %8.2f x  (budget: <= 1.6 x)\n", a / b);
  std::printf("The pipeline without the network (before-send answers):\n");
  std::printf("  CPU per call:          %8.2f us\n", median(pipeline_us));
  std::printf("  heap allocations:      %8.1f per call (the canned response's copy included)\n",
              median(pipeline_allocs));
  return 0;
}

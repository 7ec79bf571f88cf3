// http_client over TLS, against the in-repo test server's certificate made at start.
#include "client_test_util.hpp"

using namespace awscoro;
using namespace awscoro::test;
using namespace std::chrono_literals;
using awscoro::detail::http_client;
using awscoro::detail::http_client_options;
using awscoro::detail::http_failure;
namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace {

test_server_options tls_options(std::vector<std::string> names = {"localhost", "127.0.0.1"}) {
  test_server_options o;
  o.tls = true;
  o.certificate_names = std::move(names);
  return o;
}

}  // namespace

TEST_CASE("https: GET and PUT with bodies through a trusted CA bundle; connections reused") {
  test_server server(tls_options(), [](received_request const& r) {
    test_response out;
    out.body = r.method + " " + std::to_string(r.body.size());
    if (r.target == "/chunked") {
      out.chunked = true;
      out.chunk_size = 5;
    }
    return out;
  });
  std::string bundle = server.write_ca_bundle();
  std::string big(200000, 'z');
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.ca_bundle = bundle;
    http_client client(ioc.get_executor(), options);
    http_failure failure;
    auto get = co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(get.status == 200);
    CHECK(get.body == "GET 0");
    auto put = request_to(server, "PUT", "/chunked");
    put.body = big;
    auto response = co_await client.send(put, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.body == "PUT 200000");
    CHECK(client.stats().connections_opened == 1);
    CHECK(client.stats().connections_reused == 1);
  });
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].body == big);
}

TEST_CASE("https: an untrusted certificate is tls_failure, not sent; verify=false accepts it") {
  test_server server(tls_options());
  test_server other(tls_options());
  std::string wrong_bundle = other.write_ca_bundle();
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    for (std::string bundle : {std::string(), wrong_bundle}) {
      CAPTURE(bundle);
      http_client_options options;
      options.ca_bundle = bundle;
      http_client client(ioc.get_executor(), options);
      http_failure failure;
      auto response = co_await client.send(request_to(server), failure);
      CHECK(failed_with(failure, error::tls_failure));
      CHECK_FALSE(failure.maybe_sent);
      CHECK(failure.message.find("certificate verify failed") != std::string::npos);
      CHECK(failure.message.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
      CHECK(response.status == 0);
      CHECK(client.stats().active_connections == 0);
    }
    http_client_options insecure;
    insecure.verify = false;
    http_client client(ioc.get_executor(), insecure);
    http_failure failure;
    auto response = co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(response.body == "ok");
  });
  CHECK(server.request_count() == 1);
}

TEST_CASE("https: the certificate must name the host") {
  test_server mismatched(tls_options({"example.test"}));
  std::string bundle = mismatched.write_ca_bundle();
  test_server by_name(tls_options({"localhost"}));
  std::string by_name_bundle = by_name.write_ca_bundle();
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    {
      http_client_options options;
      options.ca_bundle = bundle;
      http_client client(ioc.get_executor(), options);
      http_failure failure;
      co_await client.send(request_to(mismatched), failure);
      CHECK(failed_with(failure, error::tls_failure));
      CHECK_FALSE(failure.maybe_sent);
      CHECK(failure.message.find("hostname mismatch") != std::string::npos);
    }
    {
      // Named "localhost" only: fine by name (SNI and check by host name), not by address.
      http_client_options options;
      options.ca_bundle = by_name_bundle;
      http_client client(ioc.get_executor(), options);
      http_failure failure;
      auto req = request_to(by_name);
      req.host = "localhost";
      auto response = co_await client.send(req, failure);
      REQUIRE_FALSE(failure);
      CHECK(response.body == "ok");
      co_await client.send(request_to(by_name), failure);
      CHECK(failed_with(failure, error::tls_failure));
    }
  });
}

TEST_CASE("https: a handshake that never completes is connect_timeout, not sent") {
  auto options = tls_options();
  options.stall_tls_handshake = true;
  test_server server(options);
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options client_options;
    client_options.verify = false;
    client_options.connect_timeout = 200ms;
    http_client client(ioc.get_executor(), client_options);
    http_failure failure;
    auto start = clock_type::now();
    co_await client.send(request_to(server), failure);
    auto elapsed = clock_type::now() - start;
    CHECK(failed_with(failure, error::connect_timeout));
    CHECK_FALSE(failure.maybe_sent);
    CHECK(failure.message.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
    CHECK(elapsed >= 150ms);
    CHECK(elapsed < 2s);
    CHECK(client.stats().active_connections == 0);
  });
}

TEST_CASE("https: read timeout, stale connection retry and server close behave as over TCP") {
  test_server server(tls_options(), [](received_request const& r) {
    test_response out;
    out.body = "ok";
    if (r.target == "/slow") out.delay = 3s;
    if (r.target == "/drop") out.close_after_answer = true;
    return out;
  });
  std::string bundle = server.write_ca_bundle();
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.ca_bundle = bundle;
    options.read_timeout = 200ms;
    http_client client(ioc.get_executor(), options);
    http_failure failure;
    co_await client.send(request_to(server, "GET", "/slow"), failure);
    CHECK(failed_with(failure, error::read_timeout));
    CHECK(failure.maybe_sent);

    co_await client.send(request_to(server, "GET", "/drop"), failure);
    REQUIRE_FALSE(failure);
    co_await sleep_for(100ms);
    auto response = co_await client.send(request_to(server, "GET", "/after"), failure);
    REQUIRE_FALSE(failure);
    CHECK(response.body == "ok");
    CHECK(client.stats().requests_retried == 1);
  });
}

TEST_CASE("https: a missing CA bundle file is tls_failure naming the path") {
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.ca_bundle = "/nonexistent/awscoro-ca.pem";
    http_client client(ioc.get_executor(), options);
    http_failure failure;
    http_request req;
    req.method = "GET";
    req.scheme = "https";
    req.host = "127.0.0.1";
    req.port = 1;
    co_await client.send(req, failure);
    CHECK(failed_with(failure, error::tls_failure));
    CHECK_FALSE(failure.maybe_sent);
    CHECK(failure.message.find("/nonexistent/awscoro-ca.pem") != std::string::npos);
  });
}

// http_client::open(): a response body read piece by piece, and what happens to the connection
// when the body is read to its end, abandoned, or cut off by the server.
#include "byte_pattern.hpp"
#include "client_test_util.hpp"

using namespace awscoro;
using namespace awscoro::test;
using awscoro::detail::http_body;
using awscoro::detail::http_client;
using awscoro::detail::http_failure;

namespace asio = boost::asio;

TEST_CASE("http body: a large chunked body arrives in pieces, whole and in order; the connection is reused") {
  std::string const payload = awscoro::test::byte_pattern(3 << 20);
  test_server server([&](received_request const&) {
    test_response r;
    r.body = payload;
    r.chunked = true;
    r.chunk_size = 100000;
    return r;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    for (int round = 0; round < 2; ++round) {
      http_failure failure;
      http_response head;
      auto request = request_to(server, "GET", "/big");
      auto body = co_await client.open(request, head, failure);
      REQUIRE_FALSE(failure);
      CHECK(head.status == 200);
      std::string all = head.body;
      std::string piece;
      std::size_t pieces = 0, largest = 0;
      while (!body.done()) {
        piece.clear();
        REQUIRE(co_await body.read(piece, failure));
        ++pieces;
        largest = std::max(largest, piece.size());
        all += piece;
      }
      CHECK(all.size() == payload.size());
      CHECK(all == payload);
      CHECK(pieces > 10);               // it did arrive piece by piece ...
      CHECK(largest <= (1u << 20));     // ... never the whole body at once
    }
    CHECK(client.stats().connections_opened == 1);
    CHECK(client.stats().connections_reused == 1);
  });
}

TEST_CASE("http body: an abandoned body closes its connection; the next request opens a new one") {
  std::string const payload = awscoro::test::byte_pattern(1 << 20);
  test_server server([&](received_request const&) {
    test_response r;
    r.body = payload;
    return r;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    {
      http_response head;
      auto request = request_to(server, "GET", "/a");
      auto body = co_await client.open(request, head, failure);
      REQUIRE_FALSE(failure);
      CHECK_FALSE(body.done());
      CHECK(client.stats().active_connections == 1);
    }
    CHECK(client.stats().active_connections == 0);
    CHECK(client.stats().idle_connections == 0);
    auto request = request_to(server, "GET", "/b");
    auto response = co_await client.send(request, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.body == payload);
    CHECK(client.stats().connections_opened == 2);
  });
}

TEST_CASE("http body: a body cut short by the server is a connection_closed failure, not a short success") {
  test_server server([&](received_request const&) {
    test_response r;
    r.raw = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(5000, 'x');
    r.close_after_answer = true;
    return r;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    http_response head;
    auto request = request_to(server, "GET", "/short");
    auto body = co_await client.open(request, head, failure);
    REQUIRE_FALSE(failure);
    std::size_t got = head.body.size();
    bool ok = true;
    std::string piece;
    while (ok && !body.done()) {
      piece.clear();
      ok = co_await body.read(piece, failure);
      got += piece.size();
    }
    CHECK_FALSE(ok);
    CHECK(failure.code == make_error_code(error::connection_closed));
    CHECK(failure.message.find("mid-response") != std::string::npos);
    CHECK(got == 5000);
  });
}

// http_client sending a body_source: Content-Length or chunked framing, bounded reads, failures
// of the source, timeouts, and resending after a stale connection.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "byte_pattern.hpp"
#include "client_test_util.hpp"

using namespace awscoro;
using namespace awscoro::test;
using awscoro::detail::http_client;
using awscoro::detail::http_client_options;
using awscoro::detail::http_failure;

namespace asio = boost::asio;

namespace {

// Gives `data` in pieces of at most `piece` bytes, recording the largest buffer it was offered.
struct piecewise {
  std::string data;
  std::size_t piece;
  std::size_t at = 0;
  std::size_t largest_buffer = 0;
  std::size_t fail_at = std::string::npos;  // throw once this many bytes were given

  body_source source(std::optional<std::uint64_t> size = std::nullopt) {
    return body_source::from_callback(
        [this](asio::mutable_buffer buffer) -> asio::awaitable<std::size_t> {
          largest_buffer = std::max(largest_buffer, buffer.size());
          if (at >= fail_at) throw std::runtime_error("disk on fire");
          std::size_t n = std::min({buffer.size(), piece, data.size() - at});
          std::memcpy(buffer.data(), data.data() + at, n);
          at += n;
          co_return n;
        },
        size);
  }
};

}  // namespace

TEST_CASE("body source: unknown size goes chunked, arrives whole; memory bounded") {
  std::string const payload = awscoro::test::byte_pattern(3 << 20);
  test_server server;
  piecewise feed{payload, 10000};
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    auto request = request_to(server, "PUT", "/up");
    request.body_stream = feed.source();
    http_failure failure;
    auto response = co_await client.send(request, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.status == 200);
  });
  auto got = server.requests();
  REQUIRE(got.size() == 1);
  CHECK(got[0].header("Transfer-Encoding") == "chunked");
  CHECK(got[0].header("Content-Length").empty());
  CHECK(got[0].body.size() == payload.size());
  CHECK(got[0].body == payload);
  CHECK(feed.largest_buffer <= 64 * 1024);
}

TEST_CASE("body source: a known size goes with Content-Length; a string source is re-read after a stale connection") {
  std::string const payload = awscoro::test::byte_pattern(200000);
  int answered = 0;
  test_server server([&](received_request const&) {
    test_response r;
    if (++answered == 1) r.close_after_answer = true;  // the pooled connection is dead on reuse
    return r;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    for (int round = 0; round < 2; ++round) {
      auto request = request_to(server, "PUT", "/up");
      request.body_stream = body_source::from_string(payload);
      if (round == 1) request.body_stream.rewind();
      http_failure failure;
      auto response = co_await client.send(request, failure);
      REQUIRE_FALSE(failure);
      CHECK(response.status == 200);
      co_await sleep_for(std::chrono::milliseconds(50));
    }
  });
  auto got = server.requests();
  REQUIRE(got.size() == 2);
  for (auto const& r : got) {
    CHECK(r.header("Content-Length") == std::to_string(payload.size()));
    CHECK(r.body == payload);
  }
}

TEST_CASE("body source: a source failing midway fails the send with its message, no hang") {
  test_server server;
  piecewise feed{awscoro::test::byte_pattern(1 << 20), 30000};
  feed.fail_at = 300000;
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    auto request = request_to(server, "PUT", "/up");
    request.body_stream = feed.source();
    http_failure failure;
    auto response = co_await client.send(request, failure);
    CHECK(response.status == 0);
    CHECK(failed_with(failure, error::serialization));
    CHECK(failure.maybe_sent);
    CHECK(failure.message.find("disk on fire") != std::string::npos);
    CHECK(failure.message.find("after 300000 bytes") != std::string::npos);
  });
}

TEST_CASE("body source: a source shorter than its declared size fails clearly") {
  test_server server;
  piecewise feed{awscoro::test::byte_pattern(1000), 300};
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    auto request = request_to(server, "PUT", "/up");
    request.body_stream = feed.source(5000);
    http_failure failure;
    co_await client.send(request, failure);
    CHECK(failed_with(failure, error::serialization));
    CHECK(failure.message.find("ended after 1000 of its declared 5000 bytes") != std::string::npos);
  });
}

TEST_CASE("body source: a file source is read whole and can be sent twice") {
  std::string const payload = awscoro::test::byte_pattern(300000);
  std::string path = "/tmp/awscoro-body-source-" + std::to_string(::getpid());
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(payload.data(), 1, payload.size(), f);
    std::fclose(f);
  }
  test_server server;
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    auto request = request_to(server, "PUT", "/file");
    request.body_stream = body_source::from_file(path);
    for (int round = 0; round < 2; ++round) {
      REQUIRE(request.body_stream.rewind());
      http_failure failure;
      co_await client.send(request, failure);
      REQUIRE_FALSE(failure);
    }
  });
  std::remove(path.c_str());
  auto got = server.requests();
  REQUIRE(got.size() == 2);
  CHECK(got[0].body == payload);
  CHECK(got[1].body == payload);
  CHECK_THROWS_AS(body_source::from_file("/nonexistent/awscoro-file"), std::system_error);
}

TEST_CASE("body source: the read timeout bounds each write to a server that does not read") {
  // A server that accepts the connection but never reads: the socket buffers fill and the write stalls.
  asio::io_context ioc;
  asio::ip::tcp::acceptor acceptor(ioc, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  asio::ip::tcp::socket peer(ioc);
  acceptor.async_accept(peer, [](boost::system::error_code) {});
  bool done = false;
  http_failure failure;
  auto start = std::chrono::steady_clock::now();
  asio::co_spawn(
      ioc,
      [&]() -> asio::awaitable<void> {
        http_client_options options;
        options.read_timeout = std::chrono::milliseconds(300);
        http_client client(ioc.get_executor(), options);
        http_request request;
        request.method = "PUT";
        request.scheme = "http";
        request.host = "127.0.0.1";
        request.port = acceptor.local_endpoint().port();
        request.body_stream = body_source::from_string(std::string(64 << 20, 'x'));
        co_await client.send(request, failure);
        done = true;
      },
      asio::detached);
  ioc.run_for(std::chrono::seconds(10));
  CHECK(done);
  CHECK(failed_with(failure, error::read_timeout));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

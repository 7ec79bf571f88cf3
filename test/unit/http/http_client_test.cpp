// http_client over plain TCP, against the in-repo test server on 127.0.0.1.
#include "client_test_util.hpp"

#include <atomic>
#include <variant>

#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>

using namespace awscoro;
using namespace awscoro::test;
using namespace std::chrono_literals;
using awscoro::detail::http_client;
using awscoro::detail::http_client_options;
using awscoro::detail::http_failure;
namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

TEST_CASE("http: GET over plain TCP; Host set, no Content-Length, headers in the server's order") {
  test_server server([](received_request const&) {
    test_response r;
    r.headers = {{"X-A", "1"}, {"X-B", "2"}, {"x-a", "3"}};
    r.body = "hello";
    return r;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto req = request_to(server, "GET", "/path");
    req.query = "a=1&b=2";
    auto response = co_await client.send(req, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.status == 200);
    CHECK(response.body == "hello");
    auto const& fields = response.headers.fields();
    REQUIRE(fields.size() == 4);
    CHECK(fields[0] == std::pair<std::string, std::string>("X-A", "1"));
    CHECK(fields[1] == std::pair<std::string, std::string>("X-B", "2"));
    CHECK(fields[2] == std::pair<std::string, std::string>("x-a", "3"));
    CHECK(fields[3] == std::pair<std::string, std::string>("Content-Length", "5"));
  });
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].target == "/path?a=1&b=2");
  CHECK(requests[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(requests[0].header("Content-Length") == "");
}

TEST_CASE("http: PUT with a body; request headers are sent in order and the body arrives whole") {
  test_server server([](received_request const& r) {
    test_response out;
    out.status = 201;
    out.body = "got " + std::to_string(r.body.size());
    return out;
  });
  std::string body(100000, 'x');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 26);
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto req = request_to(server, "PUT", "/object");
    req.headers.add("X-Amz-Date", "20150830T123600Z");
    req.headers.add("Content-Type", "application/octet-stream");
    req.body = body;
    auto response = co_await client.send(req, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.status == 201);
    CHECK(response.body == "got 100000");
  });
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "PUT");
  CHECK(requests[0].body == body);
  CHECK(requests[0].header("Content-Length") == "100000");
  REQUIRE(requests[0].headers.size() >= 3);
  CHECK(requests[0].headers[0].first == "X-Amz-Date");
  CHECK(requests[0].headers[1].first == "Content-Type");
}

TEST_CASE("http: keep-alive connections are reused and counted") {
  test_server server;
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    for (int i = 0; i < 3; ++i) {
      http_failure failure;
      auto response = co_await client.send(request_to(server), failure);
      REQUIRE_FALSE(failure);
      CHECK(response.body == "ok");
    }
    auto stats = client.stats();
    CHECK(stats.connections_opened == 1);
    CHECK(stats.connections_reused == 2);
    CHECK(stats.idle_connections == 1);
    CHECK(stats.active_connections == 0);
  });
  CHECK(server.connections_accepted() == 1);
  auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[2].connection == 1);
}

TEST_CASE("http: io_context::run returns once the sends are done, with connections kept alive") {
  // Pooled connections and their timeouts leave no pending work behind: a user's run() must not
  // wait for a read timeout or an idle timeout to lapse.
  test_server server;
  asio::io_context ioc;
  http_client client(ioc.get_executor());
  int done = 0;
  asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
    for (int i = 0; i < 3; ++i) {
      http_failure failure;
      auto response = co_await client.send(request_to(server), failure);
      if (!failure) ++done;
    }
  }, asio::detached);
  auto start = clock_type::now();
  ioc.run();
  CHECK(done == 3);
  CHECK(clock_type::now() - start < 5s);
  CHECK(client.stats().idle_connections == 1);
}

TEST_CASE("http: Connection: close from the server or in the request means no reuse") {
  test_server server([](received_request const& r) {
    test_response out;
    if (r.target == "/close") out.headers = {{"Connection", "close"}};
    out.body = "ok";
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    co_await client.send(request_to(server, "GET", "/close"), failure);
    REQUIRE_FALSE(failure);
    CHECK(client.stats().idle_connections == 0);
    auto req = request_to(server);
    req.headers.add("Connection", "close");
    co_await client.send(req, failure);
    REQUIRE_FALSE(failure);
    CHECK(client.stats().idle_connections == 0);
    co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(client.stats().connections_opened == 3);
    CHECK(client.stats().connections_reused == 0);
  });
}

TEST_CASE("http: chunked and content-length bodies, large and small, on one connection") {
  std::string big(3 * 1024 * 1024 + 17, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7 % 251);
  test_server server([&](received_request const& r) {
    test_response out;
    if (r.target == "/chunked") {
      out.chunked = true;
      out.chunk_size = 7;
      out.body = "the quick brown fox jumps over the lazy dog, twice: the quick brown fox";
    } else if (r.target == "/chunked-big") {
      out.chunked = true;
      out.chunk_size = 65000;
      out.body = big;
    } else if (r.target == "/big") {
      out.body = big;
    } else if (r.target == "/empty-chunked") {
      out.chunked = true;
    }
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto r1 = co_await client.send(request_to(server, "GET", "/chunked"), failure);
    REQUIRE_FALSE(failure);
    CHECK(r1.body == "the quick brown fox jumps over the lazy dog, twice: the quick brown fox");
    CHECK(*r1.headers.find("Transfer-Encoding") == "chunked");
    auto r2 = co_await client.send(request_to(server, "GET", "/big"), failure);
    REQUIRE_FALSE(failure);
    CHECK(r2.body.size() == big.size());
    CHECK(r2.body == big);
    auto r3 = co_await client.send(request_to(server, "GET", "/chunked-big"), failure);
    REQUIRE_FALSE(failure);
    CHECK(r3.body == big);
    auto r4 = co_await client.send(request_to(server, "GET", "/empty-chunked"), failure);
    REQUIRE_FALSE(failure);
    CHECK(r4.body.empty());
    CHECK(client.stats().connections_opened == 1);
    CHECK(client.stats().connections_reused == 3);
  });
}

TEST_CASE("http: HEAD, 204 and 304 have no body even with a Content-Length; the connection stays usable") {
  test_server server([](received_request const& r) {
    test_response out;
    if (r.target == "/204") {
      out.status = 204;
    } else if (r.target == "/304") {
      out.status = 304;
      out.headers = {{"Content-Length", "50"}};
    } else {
      out.headers = {{"Content-Length", "1234"}};
    }
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.read_timeout = 2s;
    http_client client(ioc.get_executor(), options);
    http_failure failure;
    auto head = co_await client.send(request_to(server, "HEAD", "/object"), failure);
    REQUIRE_FALSE(failure);
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(*head.headers.find("content-length") == "1234");
    auto no_content = co_await client.send(request_to(server, "DELETE", "/204"), failure);
    REQUIRE_FALSE(failure);
    CHECK(no_content.status == 204);
    auto not_modified = co_await client.send(request_to(server, "GET", "/304"), failure);
    REQUIRE_FALSE(failure);
    CHECK(not_modified.status == 304);
    CHECK(not_modified.body.empty());
    CHECK(client.stats().connections_opened == 1);
    CHECK(client.stats().connections_reused == 2);
  });
}

TEST_CASE("http: an interim 100 Continue is skipped") {
  test_server server([](received_request const&) {
    test_response out;
    out.interim_continue = true;
    out.body = "final";
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto req = request_to(server, "PUT", "/k");
    req.headers.add("Expect", "100-continue");
    req.body = "data";
    auto response = co_await client.send(req, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.status == 200);
    CHECK(response.body == "final");
    co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(client.stats().connections_reused == 1);
  });
}

TEST_CASE("http: a body delimited by the end of the connection is read whole and the connection not kept") {
  test_server server([](received_request const&) {
    test_response out;
    out.raw = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
    out.close_after_answer = true;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto response = co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(response.body == "until the end");
    CHECK(client.stats().idle_connections == 0);
  });
}

TEST_CASE("http: connection refused is connect_failed, not sent") {
  std::uint16_t port;
  {
    // A port nobody listens on: bind one, then close it.
    asio::io_context probe;
    asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    http_request req;
    req.method = "GET";
    req.scheme = "http";
    req.host = "127.0.0.1";
    req.port = port;
    auto response = co_await client.send(req, failure);
    CHECK(failed_with(failure, error::connect_failed));
    CHECK_FALSE(failure.maybe_sent);
    CHECK(failure.message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(response.status == 0);
    CHECK(client.stats().active_connections == 0);
    CHECK(client.stats().connections_opened == 0);
  });
}

TEST_CASE("http: a server that never answers gives read_timeout, possibly sent") {
  test_server server([](received_request const& r) {
    test_response out;
    if (r.target == "/stall") out.stall_without_answer = true;
    else if (r.target == "/partial") out.stall_after_partial_headers = true;
    else out.delay = 5s;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.read_timeout = 200ms;
    http_client client(ioc.get_executor(), options);
    for (char const* path : {"/stall", "/partial", "/slow"}) {
      CAPTURE(path);
      http_failure failure;
      auto start = clock_type::now();
      auto response = co_await client.send(request_to(server, "GET", path), failure);
      auto elapsed = clock_type::now() - start;
      CHECK(failed_with(failure, error::read_timeout));
      CHECK(failure.maybe_sent);
      CHECK(failure.message.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
      CHECK(response.status == 0);
      CHECK(elapsed >= 150ms);
      CHECK(elapsed < 2s);
    }
    CHECK(client.stats().active_connections == 0);
    CHECK(client.stats().idle_connections == 0);
    CHECK(client.stats().requests_retried == 0);
  });
}

TEST_CASE("http: the server closing mid-response is connection_closed, and not retried") {
  test_server server([](received_request const& r) {
    test_response out;
    if (r.target == "/mid-body") {
      out.raw = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc";
      out.close_after_answer = true;
    } else if (r.target == "/mid-headers") {
      out.raw = "HTTP/1.1 200 OK\r\nContent-Le";
      out.close_after_answer = true;
    } else if (r.target == "/mid-chunk") {
      out.raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc";
      out.close_after_answer = true;
    } else {
      out.close_without_answer = true;
    }
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.read_timeout = 5s;
    http_client client(ioc.get_executor(), options);
    for (char const* path : {"/mid-body", "/mid-headers", "/mid-chunk", "/no-answer"}) {
      CAPTURE(path);
      http_failure failure;
      auto response = co_await client.send(request_to(server, "GET", path), failure);
      CHECK(failed_with(failure, error::connection_closed));
      CHECK(failure.maybe_sent);
      CHECK(response.status == 0);
      CHECK(response.body.empty());
    }
    CHECK(client.stats().requests_retried == 0);
    CHECK(client.stats().active_connections == 0);
  });
  CHECK(server.request_count() == 4);
}

TEST_CASE("http: a pooled connection the server closed while idle is retried once on a fresh one") {
  std::atomic<int> served{0};
  test_server server([&](received_request const&) {
    test_response out;
    out.body = "answer " + std::to_string(++served);
    out.close_after_answer = true;  // keep-alive advertised, then the server drops it
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto first = co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(first.body == "answer 1");
    CHECK(client.stats().idle_connections == 1);
    co_await sleep_for(100ms);  // let the server's close arrive
    auto put = request_to(server, "PUT", "/k");
    put.body = "payload";
    auto second = co_await client.send(put, failure);
    REQUIRE_FALSE(failure);
    CHECK(second.body == "answer 2");
    auto stats = client.stats();
    CHECK(stats.requests_retried == 1);
    CHECK(stats.connections_opened == 2);
    CHECK(stats.connections_reused == 1);
  });
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);  // the stale attempt never reached the server
  CHECK(requests[1].body == "payload");
  CHECK(requests[1].connection == 2);
}

TEST_CASE("http: a fresh connection closed without an answer is not retried") {
  test_server server([](received_request const&) {
    test_response out;
    out.close_without_answer = true;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    co_await client.send(request_to(server), failure);
    CHECK(failed_with(failure, error::connection_closed));
    CHECK(failure.maybe_sent);
    CHECK(client.stats().requests_retried == 0);
  });
  CHECK(server.request_count() == 1);
}

TEST_CASE("http: the pool limit holds with more concurrent sends than connections") {
  test_server server([](received_request const&) {
    test_response out;
    out.delay = 50ms;
    out.body = "ok";
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.max_pool_connections = 2;
    http_client client(ioc.get_executor(), options);
    int completed = 0;
    int failed = 0;
    std::size_t max_waiting = 0;
    for (int i = 0; i < 8; ++i) {
      asio::co_spawn(ioc, [&, i]() -> asio::awaitable<void> {
        http_failure failure;
        auto response = co_await client.send(request_to(server, "GET", "/" + std::to_string(i)), failure);
        if (failure || response.body != "ok") ++failed;
        ++completed;
      }, asio::detached);
    }
    while (completed < 8) {
      max_waiting = std::max(max_waiting, client.stats().waiting_sends);
      co_await sleep_for(5ms);
    }
    CHECK(failed == 0);
    CHECK(max_waiting >= 1);
    auto stats = client.stats();
    CHECK(stats.connections_opened == 2);
    CHECK(stats.connections_reused == 6);
    CHECK(stats.active_connections == 0);
    CHECK(stats.waiting_sends == 0);
    CHECK(stats.idle_connections == 2);
  });
  CHECK(server.max_connections_open() <= 2);
  CHECK(server.request_count() == 8);
}

TEST_CASE("http: queued sends are served first come, first served") {
  test_server server([](received_request const&) {
    test_response out;
    out.delay = 10ms;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.max_pool_connections = 1;
    http_client client(ioc.get_executor(), options);
    int completed = 0;
    for (int i = 0; i < 6; ++i) {
      asio::co_spawn(ioc, [&, i]() -> asio::awaitable<void> {
        http_failure failure;
        co_await client.send(request_to(server, "GET", "/" + std::to_string(i)), failure);
        CHECK_FALSE(failure);
        ++completed;
      }, asio::detached);
    }
    while (completed < 6) co_await sleep_for(5ms);
  });
  auto requests = server.requests();
  REQUIRE(requests.size() == 6);
  for (int i = 0; i < 6; ++i) CHECK(requests[i].target == "/" + std::to_string(i));
}

TEST_CASE("http: cancelling a send closes its connection; the client stays usable") {
  test_server server([](received_request const& r) {
    test_response out;
    out.body = "ok";
    if (r.target == "/slow") out.delay = 3s;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    http_client client(ioc.get_executor());
    http_failure failure;
    co_await client.send(request_to(server), failure);  // one pooled connection to cancel on
    REQUIRE_FALSE(failure);

    asio::steady_timer timer(ioc, 100ms);
    auto start = clock_type::now();
    auto req = request_to(server, "GET", "/slow");
    auto winner = co_await (client.send(req, failure) || timer.async_wait(asio::use_awaitable));
    CHECK(winner.index() == 1);
    CHECK(clock_type::now() - start < 1s);
    CHECK(failed_with(failure, error::cancelled));
    CHECK(failure.maybe_sent);
    auto stats = client.stats();
    CHECK(stats.active_connections == 0);
    CHECK(stats.idle_connections == 0);

    auto after = co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(after.body == "ok");
    CHECK(client.stats().connections_opened == 2);
  });
}

TEST_CASE("http: cancelling a send queued for a connection leaves the queue and sends nothing") {
  test_server server([](received_request const& r) {
    test_response out;
    if (r.target == "/slow") out.delay = 300ms;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    using namespace asio::experimental::awaitable_operators;
    http_client_options options;
    options.max_pool_connections = 1;
    http_client client(ioc.get_executor(), options);
    bool slow_done = false;
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
      http_failure f;
      co_await client.send(request_to(server, "GET", "/slow"), f);
      CHECK_FALSE(f);
      slow_done = true;
    }, asio::detached);
    co_await sleep_for(20ms);
    CHECK(client.stats().active_connections == 1);

    http_failure failure;
    asio::steady_timer timer(ioc, 50ms);
    auto queued = request_to(server, "GET", "/queued");
    auto winner = co_await (client.send(queued, failure) || timer.async_wait(asio::use_awaitable));
    CHECK(winner.index() == 1);
    CHECK(failed_with(failure, error::cancelled));
    CHECK_FALSE(failure.maybe_sent);
    CHECK(client.stats().waiting_sends == 0);

    while (!slow_done) co_await sleep_for(10ms);
    co_await client.send(request_to(server, "GET", "/next"), failure);
    REQUIRE_FALSE(failure);
    CHECK(client.stats().connections_opened == 1);
    CHECK(client.stats().connections_reused == 1);
  });
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].target == "/slow");
  CHECK(requests[1].target == "/next");
}

TEST_CASE("http: close() fails sends in flight and queued, and the client can send again") {
  test_server server([](received_request const& r) {
    test_response out;
    if (r.target == "/slow") out.delay = 3s;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.max_pool_connections = 1;
    http_client client(ioc.get_executor(), options);
    int finished = 0;
    http_failure in_flight, queued;
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
      co_await client.send(request_to(server, "GET", "/slow"), in_flight);
      ++finished;
    }, asio::detached);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
      co_await client.send(request_to(server, "GET", "/slow"), queued);
      ++finished;
    }, asio::detached);
    co_await sleep_for(100ms);
    CHECK(client.stats().waiting_sends == 1);
    auto start = clock_type::now();
    client.close();
    while (finished < 2) co_await sleep_for(5ms);
    CHECK(clock_type::now() - start < 1s);
    CHECK(failed_with(in_flight, error::cancelled));
    CHECK(failed_with(queued, error::cancelled));
    CHECK_FALSE(queued.maybe_sent);
    CHECK(client.stats().active_connections == 0);

    http_failure failure;
    co_await client.send(request_to(server), failure);
    CHECK_FALSE(failure);
  });
}

TEST_CASE("http: idle connections older than idle_timeout are not reused") {
  test_server server;
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client_options options;
    options.idle_timeout = 100ms;
    http_client client(ioc.get_executor(), options);
    http_failure failure;
    co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    co_await sleep_for(250ms);
    co_await client.send(request_to(server), failure);
    REQUIRE_FALSE(failure);
    CHECK(client.stats().connections_opened == 2);
    CHECK(client.stats().connections_reused == 0);
    CHECK(client.stats().idle_connections == 1);
  });
}

TEST_CASE("http: destroying the client while a send is in flight fails that send cleanly") {
  test_server server([](received_request const&) {
    test_response out;
    out.delay = 3s;
    return out;
  });
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    auto client = std::make_unique<http_client>(ioc.get_executor());
    http_failure failure;
    bool done = false;
    auto req = request_to(server);
    asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
      co_await client->send(req, failure);
      done = true;
    }, asio::detached);
    co_await sleep_for(100ms);
    client.reset();
    auto start = clock_type::now();
    while (!done) co_await sleep_for(5ms);
    CHECK(clock_type::now() - start < 1s);
    CHECK(failed_with(failure, error::cancelled));
  });
}

TEST_CASE("http: host names go through the resolver; unsupported schemes are refused") {
  test_server server;
  run_test([&](asio::io_context& ioc) -> asio::awaitable<void> {
    http_client client(ioc.get_executor());
    http_failure failure;
    auto req = request_to(server);
    req.host = "localhost";
    auto response = co_await client.send(req, failure);
    REQUIRE_FALSE(failure);
    CHECK(response.body == "ok");

    auto ftp = request_to(server);
    ftp.scheme = "ftp";
    co_await client.send(ftp, failure);
    CHECK(failed_with(failure, error::serialization));
    CHECK_FALSE(failure.maybe_sent);

    auto bad = request_to(server);
    bad.headers.add("X-Bad", "a\nb");
    co_await client.send(bad, failure);
    CHECK(failed_with(failure, error::serialization));
    CHECK(failure.message.find("X-Bad") != std::string::npos);
    CHECK(client.stats().active_connections == 0);
  });
  CHECK(server.requests()[0].header("Host") == "localhost:" + std::to_string(server.port()));
}

// Helpers for the http_client tests: run a coroutine on a fresh io_context within a time limit.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <exception>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/http_client.hpp"
#include "test_server.hpp"

namespace awscoro::test {

// Runs body(ioc) to completion; fails the test if it takes longer than `limit`.
template <class Body>
void run_test(Body&& body, std::chrono::seconds limit = std::chrono::seconds(15)) {
  boost::asio::io_context ioc;
  bool done = false;
  std::exception_ptr error;
  boost::asio::co_spawn(ioc, body(ioc), [&](std::exception_ptr e) {
    error = e;
    done = true;
  });
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    ioc.run_for(std::chrono::milliseconds(50));
    if (ioc.stopped()) ioc.restart();
  }
  REQUIRE_MESSAGE(done, "test coroutine did not finish in time");
  if (error) std::rethrow_exception(error);
}

inline boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, d);
  co_await timer.async_wait(boost::asio::use_awaitable);
}

inline http_request request_to(test_server const& server, std::string method = "GET", std::string path = "/") {
  http_request r;
  r.method = std::move(method);
  r.scheme = server.url().rfind("https", 0) == 0 ? "https" : "http";
  r.host = "127.0.0.1";
  r.port = server.port();
  r.path = std::move(path);
  return r;
}

inline bool failed_with(detail::http_failure const& f, error e) { return f.code == make_error_code(e); }

}  // namespace awscoro::test

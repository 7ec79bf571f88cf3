// Runs an awaitable to completion on an io_context, for tests: returns its value or rethrows.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

namespace awscoro::test {

template <class T>
T run_sync(boost::asio::io_context& ioc, boost::asio::awaitable<T> op,
           std::chrono::seconds limit = std::chrono::seconds(60)) {
  auto future = boost::asio::co_spawn(ioc, std::move(op), boost::asio::use_future);
  ioc.restart();
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("test operation timed out");
    ioc.run_for(std::chrono::milliseconds(50));
    if (ioc.stopped()) ioc.restart();
  }
  return future.get();
}

// The what() of the E that `op` throws; empty when it throws none, so a check that the text says
// something fails then.
template <class E, class F>
std::string thrown_text(F&& op) {
  try {
    op();
  } catch (E const& e) {
    return e.what();
  }
  return {};
}

}  // namespace awscoro::test

#include <doctest/doctest.h>

#include <thread>

#include <boost/asio/io_context.hpp>

#include "http/connection_pool.hpp"

using namespace awscoro::detail;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

std::unique_ptr<http_connection> connection(asio::io_context& ioc) {
  return std::make_unique<http_connection>(ioc.get_executor(), nullptr);
}

}  // namespace

TEST_CASE("pool: slots up to the limit, then waiters; a returned connection is reused newest first") {
  asio::io_context ioc;
  connection_pool pool(false, "h", 80, 2, 60s);
  std::unique_ptr<http_connection> a, b, c;
  CHECK(pool.try_acquire(a) == connection_pool::grant::open);
  CHECK(pool.try_acquire(b) == connection_pool::grant::open);
  CHECK(pool.try_acquire(c) == connection_pool::grant::wait);
  CHECK(pool.in_use() == 2);

  auto first = connection(ioc);
  auto second = connection(ioc);
  http_connection* newest = second.get();
  pool.release(std::move(first), true);
  pool.release(std::move(second), true);
  CHECK(pool.in_use() == 0);
  CHECK(pool.idle_count() == 2);
  CHECK(pool.try_acquire(c) == connection_pool::grant::reuse);
  CHECK(c.get() == newest);
  CHECK(pool.idle_count() == 1);
  CHECK(pool.in_use() == 1);
}

TEST_CASE("pool: a limit of 0 is taken as 1") {
  connection_pool pool(false, "h", 80, 0, 60s);
  std::unique_ptr<http_connection> a, b;
  CHECK(pool.try_acquire(a) == connection_pool::grant::open);
  CHECK(pool.try_acquire(b) == connection_pool::grant::wait);
}

TEST_CASE("pool: released slots go to waiters in FIFO order, with the connection or without") {
  asio::io_context ioc;
  connection_pool pool(false, "h", 80, 1, 60s);
  std::unique_ptr<http_connection> slot;
  REQUIRE(pool.try_acquire(slot) == connection_pool::grant::open);
  pool_waiter w1(pool, ioc.get_executor()), w2(pool, ioc.get_executor());
  pool.enqueue(w1);
  pool.enqueue(w2);
  CHECK(pool.waiting() == 2);
  // While others queue, a newcomer waits even if a slot is momentarily free.
  std::unique_ptr<http_connection> newcomer;
  CHECK(pool.try_acquire(newcomer) == connection_pool::grant::wait);

  auto c = connection(ioc);
  http_connection* raw = c.get();
  pool.release(std::move(c), true);
  CHECK(w1.granted);
  CHECK(w1.connection.get() == raw);
  CHECK_FALSE(w2.granted);
  CHECK(pool.in_use() == 1);  // the slot moved on, it was not freed

  w1.taken = true;
  pool.release(std::move(w1.connection), false);  // not reusable: the next waiter opens a new one
  CHECK(w2.granted);
  CHECK(w2.connection == nullptr);
  CHECK(pool.waiting() == 0);
  w2.taken = true;
  pool.release(nullptr, false);
  CHECK(pool.in_use() == 0);
  CHECK(pool.idle_count() == 0);
}

TEST_CASE("pool: a waiter destroyed while queued leaves the queue; one destroyed with an untaken slot returns it") {
  asio::io_context ioc;
  connection_pool pool(false, "h", 80, 1, 60s);
  std::unique_ptr<http_connection> slot;
  REQUIRE(pool.try_acquire(slot) == connection_pool::grant::open);
  {
    pool_waiter w(pool, ioc.get_executor());
    pool.enqueue(w);
    CHECK(pool.waiting() == 1);
  }
  CHECK(pool.waiting() == 0);
  {
    pool_waiter w(pool, ioc.get_executor());
    pool.enqueue(w);
    pool.release(connection(ioc), true);
    CHECK(w.granted);
    CHECK(pool.in_use() == 1);
  }
  CHECK(pool.in_use() == 0);
  CHECK(pool.idle_count() == 1);
}

TEST_CASE("pool: idle connections past the idle timeout are dropped, not reused") {
  asio::io_context ioc;
  connection_pool pool(false, "h", 80, 4, 20ms);
  std::unique_ptr<http_connection> a;
  REQUIRE(pool.try_acquire(a) == connection_pool::grant::open);
  pool.release(connection(ioc), true);
  CHECK(pool.idle_count() == 1);
  std::this_thread::sleep_for(40ms);
  std::unique_ptr<http_connection> b;
  CHECK(pool.try_acquire(b) == connection_pool::grant::open);
  CHECK(b == nullptr);
  CHECK(pool.idle_count() == 0);
}

TEST_CASE("pool: close_all wakes every waiter as closed and drops idle connections") {
  asio::io_context ioc;
  connection_pool pool(false, "h", 80, 1, 60s);
  std::unique_ptr<http_connection> slot;
  REQUIRE(pool.try_acquire(slot) == connection_pool::grant::open);
  pool_waiter w(pool, ioc.get_executor());
  pool.enqueue(w);
  pool.close_all();
  CHECK(w.closed);
  CHECK_FALSE(w.granted);
  CHECK(pool.waiting() == 0);
  pool.release(connection(ioc), true);
  CHECK(pool.in_use() == 0);
  CHECK(pool.idle_count() == 1);  // returned after close_all: kept, the client stays usable
}

TEST_CASE("pool: matches on scheme, host and port") {
  connection_pool pool(true, "h", 443, 1, 60s);
  CHECK(pool.matches(true, "h", 443));
  CHECK_FALSE(pool.matches(false, "h", 443));
  CHECK_FALSE(pool.matches(true, "g", 443));
  CHECK_FALSE(pool.matches(true, "h", 444));
}

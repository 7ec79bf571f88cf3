// The connections to one (scheme, host, port): idle ones ready for reuse, a count of those in use
// or being opened (bounded by max_pool_connections), and the sends queued for a free slot.
// Decisions only; the I/O is in http_connection and http_client.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "http/http_connection.hpp"

namespace awscoro::detail {

class connection_pool;

// A send waiting for a slot. It sleeps on `wakeup`; release() hands it the slot (with a pooled
// connection, or none meaning "open one") and cancels the timer. Destroyed still queued, it
// leaves the queue; destroyed holding a slot it never took, it gives the slot back.
struct pool_waiter {
  pool_waiter(connection_pool& owner, boost::asio::any_io_executor const& ex) : pool(&owner), wakeup(ex) {}
  ~pool_waiter();
  pool_waiter(pool_waiter const&) = delete;
  pool_waiter& operator=(pool_waiter const&) = delete;

  connection_pool* pool;
  boost::asio::steady_timer wakeup;
  std::unique_ptr<http_connection> connection;
  bool granted = false;
  bool taken = false;   // the slot moved on to the send
  bool closed = false;  // woken by close_all(): no slot
};

class connection_pool {
 public:
  // `route` tells apart connections to the same host through different proxies ("" direct).
  connection_pool(bool tls, std::string host, std::uint16_t port, std::size_t limit,
                  std::chrono::milliseconds idle_timeout, std::string route = {})
      : tls_(tls), host_(std::move(host)), port_(port), limit_(limit == 0 ? 1 : limit), idle_timeout_(idle_timeout),
        route_(std::move(route)) {}
  connection_pool(connection_pool const&) = delete;
  connection_pool& operator=(connection_pool const&) = delete;

  bool matches(bool tls, std::string const& host, std::uint16_t port, std::string_view route = {}) const {
    return tls_ == tls && port_ == port && host_ == host && route_ == route;
  }
  std::string const& host() const { return host_; }
  std::uint16_t port() const { return port_; }

  enum class grant { reuse, open, wait };
  // Takes a slot if one is free: `reuse` moves a pooled connection into `out`, `open` means the
  // caller opens a new one, `wait` means the caller must enqueue() and sleep. Idle connections
  // past the idle timeout are closed first.
  grant try_acquire(std::unique_ptr<http_connection>& out);
  void enqueue(pool_waiter& waiter) { waiters_.push_back(&waiter); }
  void dequeue(pool_waiter& waiter);

  // Gives a slot back with its connection (or null), closing the connection unless `reusable`.
  // The slot goes to the first waiter if there is one, else a reusable connection becomes idle.
  void release(std::unique_ptr<http_connection> connection, bool reusable);

  // Tracks connections in use so close_all() can abort them.
  void track(http_connection* c) { active_.push_back(c); }
  void untrack(http_connection* c);

  // Closes the idle connections unused for the idle timeout. Done lazily, whenever a send takes
  // or returns a slot: a background timer would keep the caller's io_context running.
  void drop_idle(std::chrono::steady_clock::time_point now);
  // Closes idle and active connections and wakes every waiter with `closed`.
  void close_all();

  std::size_t idle_count() const { return idle_.size(); }
  std::size_t in_use() const { return in_use_; }
  std::size_t waiting() const { return waiters_.size(); }

 private:
  bool tls_;
  std::string host_;
  std::uint16_t port_;
  std::size_t limit_;
  std::chrono::milliseconds idle_timeout_;
  std::string route_;
  std::size_t in_use_ = 0;  // slots taken: connections leased or being opened
  std::vector<std::unique_ptr<http_connection>> idle_;  // oldest first; reuse takes the newest
  std::deque<pool_waiter*> waiters_;                     // FIFO
  std::vector<http_connection*> active_;
};

}  // namespace awscoro::detail

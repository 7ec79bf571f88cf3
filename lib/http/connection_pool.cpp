#include "http/connection_pool.hpp"

#include <algorithm>

namespace awscoro::detail {

pool_waiter::~pool_waiter() {
  if (!granted) pool->dequeue(*this);
  else if (!taken) pool->release(std::move(connection), true);
}

connection_pool::grant connection_pool::try_acquire(std::unique_ptr<http_connection>& out) {
  // Queued sends go first: a newcomer never overtakes them.
  if (!waiters_.empty()) return grant::wait;
  if (!idle_.empty()) drop_idle(std::chrono::steady_clock::now());
  if (!idle_.empty()) {
    out = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    return grant::reuse;
  }
  if (in_use_ < limit_) {
    ++in_use_;
    return grant::open;
  }
  return grant::wait;
}

void connection_pool::dequeue(pool_waiter& waiter) {
  auto it = std::find(waiters_.begin(), waiters_.end(), &waiter);
  if (it != waiters_.end()) waiters_.erase(it);
}

void connection_pool::release(std::unique_ptr<http_connection> connection, bool reusable) {
  if (connection) {
    untrack(connection.get());
    if (!reusable) {
      connection->close();
      connection.reset();
    }
  }
  if (!waiters_.empty()) {
    pool_waiter* next = waiters_.front();
    waiters_.pop_front();
    next->granted = true;
    next->connection = std::move(connection);
    next->wakeup.cancel();
    return;
  }
  --in_use_;
  if (connection) {
    auto now = std::chrono::steady_clock::now();
    if (!idle_.empty()) drop_idle(now);
    connection->idle_since = now;
    idle_.push_back(std::move(connection));
  }
}

void connection_pool::untrack(http_connection* c) {
  auto it = std::find(active_.begin(), active_.end(), c);
  if (it != active_.end()) {
    *it = active_.back();
    active_.pop_back();
  }
}

void connection_pool::drop_idle(std::chrono::steady_clock::time_point now) {
  auto cutoff = now - idle_timeout_;
  auto first_kept = std::find_if(idle_.begin(), idle_.end(), [&](auto const& c) { return c->idle_since > cutoff; });
  for (auto it = idle_.begin(); it != first_kept; ++it) (*it)->close();
  idle_.erase(idle_.begin(), first_kept);
}

void connection_pool::close_all() {
  for (auto& c : idle_) c->close();
  idle_.clear();
  for (auto* c : active_) c->close();
  while (!waiters_.empty()) {
    pool_waiter* w = waiters_.front();
    waiters_.pop_front();
    w->closed = true;
    w->wakeup.cancel();
  }
}

}  // namespace awscoro::detail

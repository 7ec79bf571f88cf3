#include "credentials/credential_cache.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace awscoro::detail {
namespace asio = boost::asio;

struct credential_cache::state {
  loader load;
  clock_fn now;
  std::optional<credentials> creds;
  bool refreshing = false;
  // Waiters park on this timer; the refresher cancels it when the result is in.
  std::shared_ptr<asio::steady_timer> done;
  std::optional<credential_result> last_result;  // what the finished refresh returned
  std::size_t refreshes = 0;
};

credential_cache::credential_cache(loader load, clock_fn now) : state_(std::make_shared<state>()) {
  state_->load = std::move(load);
  state_->now = now ? std::move(now) : clock_fn([] { return std::chrono::system_clock::now(); });
}

credential_cache::~credential_cache() = default;

std::size_t credential_cache::refresh_count() const { return state_->refreshes; }

asio::awaitable<credential_result> credential_cache::get() {
  auto st = state_;  // the cache may go away while we wait
  enum class need { none, advisory, mandatory };
  auto needed = [&st]() {
    // Nothing found yet: look again (credentials may have appeared since).
    if (!st->creds) return need::mandatory;
    if (!st->creds->expiry) return need::none;
    auto left = *st->creds->expiry - st->now();
    if (left < mandatory_window) return need::mandatory;
    if (left < advisory_window) return need::advisory;
    return need::none;
  };
  auto current = [&st]() -> credential_result { return st->creds; };

  auto n = needed();
  if (n == need::none) co_return current();
  if (st->refreshing) {
    // Someone else refreshes: in the advisory window the current credentials still serve.
    if (n == need::advisory) co_return current();
    auto timer = st->done;
    auto waited = co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
    (void)waited;
    // The refresh's error, or its finding nothing, is every waiter's answer.
    if (st->last_result && (!*st->last_result || !**st->last_result)) co_return *st->last_result;
    co_return current();
  }

  st->refreshing = true;
  auto ex = co_await asio::this_coro::executor;
  st->done = std::make_shared<asio::steady_timer>(ex, asio::steady_timer::time_point::max());
  ++st->refreshes;
  credential_result result = std::optional<credentials>{};
  try {
    result = co_await st->load();
  } catch (std::exception const& e) {
    result = make_error_info(error::credential_provider, std::string("refreshing credentials failed: ") + e.what());
  }
  if (result && *result) st->creds = *result;
  st->last_result = result;
  st->refreshing = false;
  auto timer = std::move(st->done);
  timer->cancel();
  if (!result) {
    // A failed advisory refresh keeps the credentials that are still valid.
    if (n == need::advisory && st->creds && st->creds->expiry && *st->creds->expiry - st->now() > mandatory_window)
      co_return current();
    co_return result;
  }
  if (!*result) co_return result;
  co_return current();
}

}  // namespace awscoro::detail

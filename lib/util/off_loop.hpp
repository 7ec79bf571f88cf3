// Runs blocking work (file reads, model compilation) on a process-wide background thread and
// resumes the awaiting coroutine on its own executor, so the event loop never blocks.
#pragma once

#include <type_traits>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace awscoro::detail {

// One thread: blocking work is rare (start-up, file-based credentials), and one thread keeps it
// ordered. Joined at process exit.
boost::asio::thread_pool& blocking_pool();

template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> run_off_loop(F f) {
  using result_type = std::invoke_result_t<F&>;
  co_return co_await boost::asio::co_spawn(
      blocking_pool().get_executor(),
      [f = std::move(f)]() mutable -> boost::asio::awaitable<result_type> { co_return f(); },
      boost::asio::use_awaitable);
}

}  // namespace awscoro::detail

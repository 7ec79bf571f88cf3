// Runs blocking work (file reads, model compilation) on a process-wide background thread and
// resumes the awaiting coroutine on its own executor, so the event loop never blocks.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace awscoro::detail {

// One thread: blocking work is rare (start-up, file-based credentials), and one thread keeps it
// ordered. Joined at process exit.
boost::asio::thread_pool& blocking_pool();

// The work runs while the caller is suspended, so it may refer to the caller's locals. Only
// references are captured inside the co_await expression: GCC 12 destroys some temporaries of
// a co_await full-expression twice, so nothing with a destructor is created there.
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> run_off_loop(F f) {
  namespace asio = boost::asio;
  using result_type = std::invoke_result_t<F&>;
  std::optional<result_type> result;
  std::exception_ptr error;
  auto caller = co_await asio::this_coro::executor;
  auto initiate = [&f, &result, &error, &caller](auto handler) {
    asio::post(blocking_pool(), [&f, &result, &error, &caller, handler = std::move(handler)]() mutable {
      try {
        result.emplace(f());
      } catch (...) {
        error = std::current_exception();
      }
      auto ex = asio::get_associated_executor(handler, caller);
      asio::post(ex, std::move(handler));
    });
  };
  co_await asio::async_initiate<asio::use_awaitable_t<> const&, void()>(initiate, asio::use_awaitable);
  if (error) std::rethrow_exception(error);
  co_return std::move(*result);
}

}  // namespace awscoro::detail

// awscoro::waiter and client::get_waiter: the call / match / sleep loop around waiter_fsm.
#include <awscoro/client.hpp>
#include <awscoro/waiter.hpp>

#include <chrono>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "client/client_impl.hpp"
#include "model/naming.hpp"
#include "waiter/waiter_fsm.hpp"
#include "waiter/waiter_impl.hpp"

namespace awscoro {
namespace asio = boost::asio;
namespace json = boost::json;

waiter_error::waiter_error(std::string name, std::string reason, json::object last_response)
    : error_base(make_error_code(error::service_error), "Waiter " + name + " failed: " + reason),
      name_(std::move(name)),
      reason_(std::move(reason)),
      last_response_(std::move(last_response)) {}

namespace detail {

waiter_spec const* find_waiter(service_waiters const& all, std::string_view name) {
  if (auto it = all.by_name.find(name); it != all.by_name.end()) return &it->second;
  for (auto const& [model_name, spec] : all.by_name)
    if (xform_name(model_name) == name) return &spec;
  return nullptr;
}

waiter make_waiter(call_function call, std::shared_ptr<service_waiters const> all, std::string_view name,
                   std::string_view service_name) {
  auto const* spec = all ? find_waiter(*all, name) : nullptr;
  if (!spec) {
    std::string names;
    if (all)
      for (auto const& [n, s] : all->by_name) names += (names.empty() ? "" : ", ") + n;
    throw unknown_operation_error(make_error_code(error::unknown_operation),
                                  "Waiter does not exist: " + std::string(name) + " (" + std::string(service_name) +
                                      (names.empty() ? " has no waiters)" : " waiters: " + names + ")"));
  }
  return waiter_access::make_waiter(std::make_shared<waiter_impl const>(std::move(call), std::move(all), *spec));
}

namespace {

[[noreturn]] void config_fail(std::string const& waiter, std::string const& what) {
  throw param_validation_error(make_error_code(error::param_validation), waiter + ": WaiterConfig: " + what);
}

}  // namespace

}  // namespace detail

namespace {

// Takes the state by value, so the awaitable owns it even if the waiter handle goes away first.
asio::awaitable<void> run_waiter(std::shared_ptr<detail::waiter_impl const> impl, json::object params,
                                 waiter_config config) {
  auto const& spec = impl->spec();
  double delay = spec.delay;
  int max_attempts = spec.max_attempts;
  if (auto* wc = params.if_contains("WaiterConfig")) {
    if (!wc->is_object()) detail::config_fail(spec.name, "must be an object");
    for (auto const& [k, v] : wc->get_object()) {
      if (k == "Delay") {
        if (!v.is_number() || v.to_number<double>() < 0) detail::config_fail(spec.name, "Delay must be a number >= 0");
        delay = v.to_number<double>();
      } else if (k == "MaxAttempts") {
        if (!v.is_number()) detail::config_fail(spec.name, "MaxAttempts must be a number");
        max_attempts = static_cast<int>(v.to_number<double>());
      } else {
        detail::config_fail(spec.name, "unknown key \"" + std::string(k) + "\" (valid: Delay, MaxAttempts)");
      }
    }
    params.erase("WaiterConfig");
  }
  if (config.delay) delay = *config.delay;
  if (config.max_attempts) max_attempts = *config.max_attempts;

  detail::waiter_fsm fsm(spec, max_attempts);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  auto const pause = std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(delay));
  while (true) {
    json::object response;
    try {
      json::object attempt_params = params;
      auto pending = impl->call()(spec.operation, std::move(attempt_params));
      response = co_await std::move(pending);
    } catch (client_error const& e) {
      // A service error is a response like any other: acceptors may expect it.
      response = e.response();
    }
    auto decision = fsm.on_response(response);
    if (decision.kind == detail::waiter_decision::success) co_return;
    if (decision.kind == detail::waiter_decision::failure)
      throw waiter_error(spec.name, std::move(decision.reason), std::move(response));
    timer.expires_after(pause);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace

asio::awaitable<void> waiter::wait(json::object params, waiter_config config) const {
  return run_waiter(impl_, std::move(params), config);
}

std::string const& waiter::name() const { return impl_->spec().name; }
std::string const& waiter::operation_name() const { return impl_->spec().operation; }
double waiter::delay() const { return impl_->spec().delay; }
int waiter::max_attempts() const { return impl_->spec().max_attempts; }

waiter client::get_waiter(std::string_view name) const {
  auto const& impl = detail::access::impl(*this);
  if (!impl) throw config_error(make_error_code(error::invalid_config), "get_waiter on an empty client");
  auto all = detail::waiters_for(impl->meta().service_name, impl->meta().api_version);
  return detail::make_waiter(detail::client_call_function(*this), std::move(all), name, impl->meta().service_name);
}

}  // namespace awscoro

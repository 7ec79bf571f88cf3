// The public session: a thin handle over session_impl.
#include <awscoro/session.hpp>

#include "client/session_impl.hpp"

namespace awscoro {

session::session(executor_type ex, session_options options)
    : impl_(std::make_shared<detail::session_impl>(std::move(ex), std::move(options))) {}

boost::asio::awaitable<client> session::create_client(std::string service, client_options options) {
  auto impl = impl_;
  co_return co_await impl->create_client(std::move(service), std::move(options));
}

boost::asio::awaitable<credentials> session::get_credentials() {
  auto impl = impl_;
  co_return co_await impl->get_credentials();
}

event_emitter& session::events() { return impl_->events(); }
session::executor_type session::get_executor() const { return impl_->executor(); }
std::string const& session::profile() const { return impl_->profile(); }

}  // namespace awscoro

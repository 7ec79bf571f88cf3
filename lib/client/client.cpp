// The public client and client_meta: thin handles over client_impl.
#include <awscoro/client.hpp>

#include "client/client_impl.hpp"

namespace awscoro {

boost::asio::awaitable<boost::json::object> client::call(std::string operation, boost::json::object params) const {
  if (!impl_) throw config_error(make_error_code(error::invalid_config), "call on an empty client");
  auto impl = impl_;
  co_return co_await impl->call(std::move(operation), std::move(params));
}

client_meta const& client::meta() const { return impl_->meta(); }

client::executor_type client::get_executor() const { return impl_->executor(); }

void client::close() {
  if (impl_) impl_->close();
}

std::vector<std::string> client_meta::operation_names() const {
  std::vector<std::string> names;
  for (auto const& op : detail::access::impl(*this)->model().operations) names.push_back(op.name);
  return names;
}

event_emitter& client_meta::events() const { return detail::access::impl(*this)->events(); }

}  // namespace awscoro

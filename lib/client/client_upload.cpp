// Calls whose streaming input member is read from a body_source as the request is sent.
#include <awscoro/client.hpp>

#include "client/client_impl.hpp"

namespace awscoro {

boost::asio::awaitable<boost::json::object> client::call(std::string operation, boost::json::object params,
                                                         body_source body) const {
  if (!impl_) throw config_error(make_error_code(error::invalid_config), "call on an empty client");
  auto impl = impl_;
  co_return co_await impl->call_upload(std::move(operation), std::move(params), std::move(body));
}

namespace detail {
namespace {

[[noreturn]] void invalid_upload(std::string message, std::string const& operation) {
  diagnostics d;
  d.message = std::move(message);
  d.operation = operation;
  throw_error(make_error_code(error::invalid_config), std::move(d));
}

}  // namespace

boost::asio::awaitable<boost::json::object> client_impl::call_upload(std::string operation, boost::json::object params,
                                                                     body_source body) {
  auto self = shared_from_this();  // the call keeps its client alive
  operation_model const& op = find_operation(operation);
  if (!op.has_streaming_input(*model_))
    invalid_upload(op.name + " has no streaming input (its input has no blob payload) to read a body source into",
                   op.name);
  if (!body) invalid_upload(op.name + ": the body source is empty", op.name);
  call_state st(op, std::move(params), names_for(op));
  st.upload = std::move(body);
  co_await prepare(st);
  if (st.args.response) {
    boost::json::object result = std::move(*st.args.response);
    co_return result;
  }
  co_return co_await run_attempts(st, nullptr);
}

}  // namespace detail
}  // namespace awscoro

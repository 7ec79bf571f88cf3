// awscoro wait SERVICE WAITER [PARAMS]: polls until the waiter succeeds (exit 0) or fails (exit
// 255, "Waiter NAME failed: REASON" on stderr). WAITER is the model's name (BucketExists) or
// its snake or kebab form; PARAMS may hold "WaiterConfig": {"Delay", "MaxAttempts"}.
#include <iostream>

#include <awscoro/waiter.hpp>

#include "cli.hpp"
#include "commands.hpp"

namespace awscoro::cli {
namespace json = boost::json;

boost::asio::awaitable<int> run_wait(session& s, cli_options const& opts) {
  if (opts.positionals.size() < 2) throw usage_error("wait: SERVICE and WAITER are required");
  if (opts.positionals.size() > 3) throw usage_error("too many arguments: \"" + opts.positionals[3] + "\"");
  auto c = co_await make_client(s, opts, opts.positionals[0]);
  auto const& model = model_of(c);

  std::string name = opts.positionals[1];
  for (auto& ch : name)
    if (ch == '-') ch = '_';  // kebab-case, as the AWS CLI spells waiters
  waiter w;
  try {
    w = c.get_waiter(name);
  } catch (unknown_operation_error const& e) {
    throw usage_error(e.what());
  }

  auto const* op = model.find_operation(w.operation_name());
  json::value params = read_input_params(opts, model, op ? op->input : detail::no_shape, "WaiterConfig");

  try {
    co_await w.wait(std::move(params.get_object()));
  } catch (waiter_error const& e) {
    std::cerr << "\n" << e.what() << "\n";
    co_return exit_other;
  }
  co_return 0;
}

}  // namespace awscoro::cli

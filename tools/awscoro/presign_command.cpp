// awscoro presign SERVICE OPERATION [PARAMS] [--expires-in SECS]: prints a presigned URL for the
// operation (default expiry one hour); nothing is sent.
#include <cmath>
#include <iostream>

#include "cli.hpp"
#include "commands.hpp"

namespace awscoro::cli {
namespace json = boost::json;

boost::asio::awaitable<int> run_presign(session& s, cli_options const& opts) {
  if (opts.positionals.size() < 2) throw usage_error("presign: SERVICE and OPERATION are required");
  if (opts.positionals.size() > 3) throw usage_error("presign: too many arguments: \"" + opts.positionals[3] + "\"");
  std::chrono::seconds expires(3600);
  if (opts.expires_in) {
    double v = *opts.expires_in;
    if (!(v >= 0) || v != std::floor(v) || v > 1e12)
      throw usage_error("--expires-in must be a whole number of seconds");
    expires = std::chrono::seconds(static_cast<std::int64_t>(v));
  }
  auto c = co_await make_client(s, opts, opts.positionals[0]);
  auto const& model = model_of(c);
  std::string op_name = resolve_operation(model, opts.positionals[1]);
  auto const& op = *model.find_operation(op_name);
  json::value params = read_input_params(opts, model, op.input);
  std::string url = co_await c.generate_presigned_url(op_name, std::move(params.get_object()), expires);
  std::cout << url << "\n";
  co_return 0;
}

}  // namespace awscoro::cli

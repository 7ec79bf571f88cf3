// awscoro paginate SERVICE OPERATION [PARAMS]: every page of an operation, merged as botocore's
// build_full_result merges them (NextToken included when MaxItems cut it short). PARAMS may
// hold "PaginationConfig": {"MaxItems", "PageSize", "StartingToken"}.
#include <awscoro/paginator.hpp>

#include "blob_codec.hpp"
#include "cli.hpp"
#include "commands.hpp"

namespace awscoro::cli {
namespace json = boost::json;

boost::asio::awaitable<int> run_paginate(session& s, cli_options const& opts) {
  if (opts.positionals.size() < 2) throw usage_error("paginate: SERVICE and OPERATION are required");
  if (opts.positionals.size() > 3) throw usage_error("too many arguments: \"" + opts.positionals[3] + "\"");
  auto c = co_await make_client(s, opts, opts.positionals[0]);
  auto const& model = model_of(c);
  std::string const op_name = resolve_operation(model, opts.positionals[1]);
  auto const& op = *model.find_operation(op_name);

  json::value params = read_input_params(opts, model, op.input, "PaginationConfig");

  page_iterator pages;
  try {
    pages = c.get_paginator(op_name).paginate(std::move(params.get_object()));
  } catch (pagination_error const& e) {
    throw usage_error(e.what());
  }
  json::value result;
  try {
    result = co_await pages.build_full_result();
  } catch (pagination_error const& e) {
    if (e.error() == make_error_code(error::param_validation)) throw usage_error(e.what());
    throw;
  }
  result.get_object().erase("ResponseMetadata");
  if (op.output != detail::no_shape) encode_blobs(model, op.output, result);
  print_result(std::move(result), opts);
  co_return 0;
}

}  // namespace awscoro::cli

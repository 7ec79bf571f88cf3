// What every awscoro command shares: the parsed command line, the client it asks for, and the
// way results and errors are printed.
#pragma once

#include <awscoro/awscoro.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/service_model.hpp"

namespace awscoro::cli {

inline constexpr int exit_usage = 252;
inline constexpr int exit_service = 254;
inline constexpr int exit_other = 255;

// A mistake in the command line: exit 252 with the message and the usage text.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct cli_options {
  std::optional<std::string> region, endpoint_url, profile, outfile, ca_bundle, query;
  std::optional<double> connect_timeout, read_timeout, expires_in;
  std::optional<int> max_attempts;
  bool no_sign_request = false;
  bool debug = false;
  bool show_request = false;
  bool no_verify_ssl = false;
  std::vector<std::string> positionals;  // without the subcommand word
};

// The client the options ask for (region, endpoint, timeouts, retries, signing, TLS).
boost::asio::awaitable<client> make_client(session& s, cli_options const& opts, std::string const& service);

// The model's operation name for OPERATION: its own name, or its kebab or snake form.
std::string resolve_operation(detail::service_model const& model, std::string const& arg);

// PARAMS text, or the contents of @FILE, as a JSON object.
boost::json::object read_params(std::optional<std::string> const& arg);

// The optional PARAMS positional (the third) as input of shape `input` (no_shape: none known),
// its blobs decoded from base64. `config_key` ("PaginationConfig", "WaiterConfig") names a
// member that is not part of the input shape: it is passed on as given.
boost::json::value read_input_params(cli_options const& opts, detail::service_model const& model,
                                     detail::shape_id input, std::string_view config_key = {});

// Prints `v` as the AWS CLI does, after applying --query when given.
void print_result(boost::json::value v, cli_options const& opts);

// The compiled model behind a client.
detail::service_model const& model_of(client const& c);

}  // namespace awscoro::cli

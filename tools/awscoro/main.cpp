// awscoro: call any operation of any AWS service from the command line.
//
//   awscoro [OPTIONS] SERVICE OPERATION [PARAMS]
//
// SERVICE is botocore's service name, OPERATION the model's name (ListObjectsV2) or its
// kebab-case form (list-objects-v2), PARAMS a JSON object or @FILE (blobs as base64, timestamps
// ISO-8601 or epoch seconds). Prints the response as JSON. Exit codes: 0 success, 252 usage
// error, 254 service error, 255 any other failure.
#include <awscoro/awscoro.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include <spdlog/spdlog.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "blob_codec.hpp"
#include "client/client_impl.hpp"
#include "json_output.hpp"
#include "model/naming.hpp"
#include "util/encoding.hpp"
#include "util/file_io.hpp"

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr int exit_usage = 252;
constexpr int exit_service = 254;
constexpr int exit_other = 255;

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct cli_options {
  std::optional<std::string> region, endpoint_url, profile, outfile, ca_bundle;
  std::optional<double> connect_timeout, read_timeout;
  std::optional<int> max_attempts;
  bool no_sign_request = false;
  bool debug = false;
  bool show_request = false;
  bool no_verify_ssl = false;
  std::vector<std::string> positionals;
};

constexpr char const* usage_text =
    "usage: awscoro [OPTIONS] SERVICE OPERATION [PARAMS]\n"
    "  PARAMS: a JSON object, or @FILE holding one (blobs as base64)\n"
    "options:\n"
    "  --region REGION          --endpoint-url URL       --profile NAME\n"
    "  --no-sign-request        --debug                  --outfile FILE\n"
    "  --connect-timeout SECS   --read-timeout SECS      --max-attempts N\n"
    "  --show-request           --no-verify-ssl          --ca-bundle FILE\n";

double parse_seconds(std::string const& opt, std::string const& v) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc{} || p != v.data() + v.size() || d < 0)
    throw usage_error(opt + ": expected a number of seconds, got \"" + v + "\"");
  return d;
}

int parse_int(std::string const& opt, std::string const& v) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < 1)
    throw usage_error(opt + ": expected a whole number of at least 1, got \"" + v + "\"");
  return n;
}

cli_options parse_args(int argc, char** argv) {
  cli_options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.size() < 2 || a.compare(0, 2, "--") != 0 || a == "--") {
      if (a == "--") {
        for (++i; i < args.size(); ++i) o.positionals.push_back(args[i]);
        break;
      }
      o.positionals.push_back(a);
      continue;
    }
    std::optional<std::string> inline_value;
    if (auto eq = a.find('='); eq != std::string::npos) {
      inline_value = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw usage_error(a + " needs a value");
      return args[++i];
    };
    auto flag = [&] {
      if (inline_value) throw usage_error(a + " takes no value");
    };
    if (a == "--region") o.region = value();
    else if (a == "--endpoint-url") o.endpoint_url = value();
    else if (a == "--profile") o.profile = value();
    else if (a == "--outfile") o.outfile = value();
    else if (a == "--ca-bundle") o.ca_bundle = value();
    else if (a == "--connect-timeout") o.connect_timeout = parse_seconds(a, value());
    else if (a == "--read-timeout") o.read_timeout = parse_seconds(a, value());
    else if (a == "--max-attempts") o.max_attempts = parse_int(a, value());
    else if (a == "--no-sign-request") flag(), o.no_sign_request = true;
    else if (a == "--debug") flag(), o.debug = true;
    else if (a == "--show-request") flag(), o.show_request = true;
    else if (a == "--no-verify-ssl") flag(), o.no_verify_ssl = true;
    else if (a == "--help") throw usage_error("");
    else throw usage_error("unknown option " + a);
  }
  if (o.positionals.size() < 2) throw usage_error("SERVICE and OPERATION are required");
  if (o.positionals.size() > 3) throw usage_error("too many arguments: \"" + o.positionals[3] + "\"");
  return o;
}

// PARAMS text, or the contents of @FILE, as a JSON object.
json::object read_params(std::optional<std::string> const& arg) {
  if (!arg) return {};
  std::string text = *arg;
  if (!text.empty() && text[0] == '@') {
    std::string msg;
    auto bytes = awscoro::detail::read_file(text.substr(1), &msg);
    if (!bytes) throw usage_error("cannot read parameters: " + msg);
    text = std::move(*bytes);
  }
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) throw usage_error("PARAMS is not valid JSON: " + ec.message());
  if (!v.is_object()) throw usage_error("PARAMS must be a JSON object");
  return std::move(v.get_object());
}

// The model's operation name for OPERATION: its own name, or its kebab or snake form.
std::string resolve_operation(awscoro::detail::service_model const& model, std::string const& arg) {
  if (model.find_operation(arg)) return arg;
  for (auto const& op : model.operations)
    if (awscoro::detail::xform_name(op.name, '-') == arg || awscoro::detail::xform_name(op.name, '_') == arg)
      return op.name;
  std::string hint;
  for (auto const& n : model.closest_operations(arg)) hint += (hint.empty() ? "" : ", ") + n;
  throw usage_error("unknown operation \"" + arg + "\" for service \"" + model.service_name + "\"" +
                    (hint.empty() ? "" : "; did you mean: " + hint + "?"));
}

json::object request_as_json(awscoro::http_request const& req) {
  json::object headers;
  for (auto const& [k, v] : req.headers) headers[k] = v;
  json::object out;
  out["method"] = req.method;
  out["url"] = req.url();
  out["headers"] = std::move(headers);
  out["body_base64"] = awscoro::detail::base64_encode(req.body);
  return out;
}

asio::awaitable<int> run(awscoro::session& session, cli_options opts) {
  awscoro::client_config config;
  if (opts.connect_timeout)
    config.connect_timeout = std::chrono::milliseconds(static_cast<long long>(*opts.connect_timeout * 1000));
  if (opts.read_timeout)
    config.read_timeout = std::chrono::milliseconds(static_cast<long long>(*opts.read_timeout * 1000));
  if (opts.max_attempts) config.retries.total_max_attempts = *opts.max_attempts;
  if (opts.no_sign_request) config.signature_version = "UNSIGNED";
  awscoro::client_options co;
  co.region_name = opts.region;
  co.endpoint_url = opts.endpoint_url;
  co.config = config;
  if (opts.no_verify_ssl) co.verify = false;
  co.ca_bundle = opts.ca_bundle;
  auto client = co_await session.create_client(opts.positionals[0], co);
  auto const& impl = awscoro::detail::access::impl(client);
  auto const& model = impl->model();
  std::string op_name = resolve_operation(model, opts.positionals[1]);
  auto const& op = *model.find_operation(op_name);

  json::value params = read_params(opts.positionals.size() > 2 ? std::optional(opts.positionals[2]) : std::nullopt);
  if (auto err = awscoro::cli::decode_blobs(model, op.input, params); !err.empty()) throw usage_error(err);

  if (opts.show_request) {
    auto req = co_await impl->build_signed_request(op_name, std::move(params.get_object()));
    std::cout << awscoro::cli::to_pretty_json(request_as_json(req)) << "\n";
    co_return 0;
  }

  json::value result = co_await client.call(op_name, std::move(params.get_object()));
  auto& obj = result.get_object();
  obj.erase("ResponseMetadata");
  if (op.output != awscoro::detail::no_shape) {
    auto const& out_shape = model.at(op.output);
    if (out_shape.payload_index >= 0) {
      auto const& payload = out_shape.members[static_cast<std::size_t>(out_shape.payload_index)];
      if (model.is_streaming(payload)) {
        auto* body = obj.if_contains(payload.name);
        if (opts.outfile && body && body->is_string()) {
          std::ofstream f(*opts.outfile, std::ios::binary);
          f.write(body->get_string().data(), static_cast<std::streamsize>(body->get_string().size()));
          if (!f) throw std::runtime_error("cannot write " + *opts.outfile);
        }
        obj.erase(payload.name);
      }
    }
    awscoro::cli::encode_blobs(model, op.output, result);
  }
  std::cout << awscoro::cli::to_pretty_json(result) << "\n";
  co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cli_options opts;
  try {
    opts = parse_args(argc, argv);
  } catch (usage_error const& e) {
    if (*e.what()) std::cerr << "awscoro: " << e.what() << "\n";
    std::cerr << usage_text;
    return exit_usage;
  }
  if (opts.debug) {
    auto logger = spdlog::stderr_color_mt("awscoro");
    logger->set_level(spdlog::level::debug);
  }
  asio::io_context ioc;
  awscoro::session_options so;
  so.profile = opts.profile;
  awscoro::session session(ioc.get_executor(), so);
  int exit_code = exit_other;
  asio::co_spawn(ioc, run(session, std::move(opts)), [&](std::exception_ptr e, int code) {
    if (!e) {
      exit_code = code;
      return;
    }
    try {
      std::rethrow_exception(e);
    } catch (awscoro::client_error const& ce) {
      std::cerr << "\n" << ce.what() << "\n";
      exit_code = exit_service;
    } catch (usage_error const& ue) {
      std::cerr << "awscoro: " << ue.what() << "\n";
      exit_code = exit_usage;
    } catch (awscoro::param_validation_error const& pe) {
      std::cerr << "\n" << pe.what() << "\n";
      exit_code = exit_usage;
    } catch (awscoro::unknown_service_error const& se) {
      std::cerr << "awscoro: " << se.what() << "\n";
      exit_code = exit_usage;
    } catch (awscoro::unknown_operation_error const& oe) {
      std::cerr << "awscoro: " << oe.what() << "\n";
      exit_code = exit_usage;
    } catch (std::exception const& other) {
      std::cerr << "\n" << other.what() << "\n";
      exit_code = exit_other;
    }
  });
  ioc.run();
  return exit_code;
}

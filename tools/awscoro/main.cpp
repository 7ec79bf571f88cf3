// awscoro: call any operation of any AWS service from the command line.
//
//   awscoro [OPTIONS] SERVICE OPERATION [PARAMS]
//
// SERVICE is botocore's service name, OPERATION the model's name (ListObjectsV2) or its
// kebab-case form (list-objects-v2), PARAMS a JSON object or @FILE (blobs as base64, timestamps
// ISO-8601 or epoch seconds). Prints the response as JSON. Options may stand anywhere. Exit
// codes: 0 success, 252 usage error, 254 service error, 255 any other failure.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <iostream>
#include <string_view>

#include "cli.hpp"
#include "commands.hpp"

namespace asio = boost::asio;
using namespace awscoro::cli;

namespace {

// The first positional word picks a command; any other word is a SERVICE for `run_call`.
struct command {
  std::string_view word;
  asio::awaitable<int> (*run)(awscoro::session&, cli_options const&);
};
constexpr command commands[] = {
    {"", &run_call},
    {"paginate", &run_paginate},
    {"wait", &run_wait},
    {"presign", &run_presign},
};

constexpr char const* usage_text =
    "usage: awscoro [OPTIONS] SERVICE OPERATION [PARAMS]\n"
    "       awscoro [OPTIONS] paginate SERVICE OPERATION [PARAMS]   (PARAMS may hold PaginationConfig)\n"
    "       awscoro [OPTIONS] wait SERVICE WAITER [PARAMS]          (PARAMS may hold WaiterConfig)\n"
    "       awscoro [OPTIONS] presign SERVICE OPERATION [PARAMS] [--expires-in SECONDS]\n"
    "  PARAMS: a JSON object, or @FILE holding one (blobs as base64)\n"
    "options:\n"
    "  --region REGION          --endpoint-url URL       --profile NAME\n"
    "  --no-sign-request        --debug                  --outfile FILE\n"
    "  --connect-timeout SECS   --read-timeout SECS      --max-attempts N\n"
    "  --show-request           --no-verify-ssl          --ca-bundle FILE\n"
    "  --query JMESPATH         --expires-in SECS\n";

double parse_seconds(std::string const& opt, std::string const& v) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc{} || p != v.data() + v.size() || d < 0)
    throw usage_error(opt + ": expected a number of seconds, got \"" + v + "\"");
  return d;
}

int parse_count(std::string const& opt, std::string const& v) {
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
    if (a == "--") {
      for (++i; i < args.size(); ++i) o.positionals.push_back(args[i]);
      break;
    }
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
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
    auto flag = [&](bool& target) {
      if (inline_value) throw usage_error(a + " takes no value");
      target = true;
    };
    if (a == "--region") o.region = value();
    else if (a == "--endpoint-url") o.endpoint_url = value();
    else if (a == "--profile") o.profile = value();
    else if (a == "--outfile") o.outfile = value();
    else if (a == "--ca-bundle") o.ca_bundle = value();
    else if (a == "--query") o.query = value();
    else if (a == "--connect-timeout") o.connect_timeout = parse_seconds(a, value());
    else if (a == "--read-timeout") o.read_timeout = parse_seconds(a, value());
    else if (a == "--expires-in") o.expires_in = parse_seconds(a, value());
    else if (a == "--max-attempts") o.max_attempts = parse_count(a, value());
    else if (a == "--no-sign-request") flag(o.no_sign_request);
    else if (a == "--debug") flag(o.debug);
    else if (a == "--show-request") flag(o.show_request);
    else if (a == "--no-verify-ssl") flag(o.no_verify_ssl);
    else if (a == "--help") throw usage_error("");
    else throw usage_error("unknown option " + a);
  }
  if (o.positionals.empty()) throw usage_error("SERVICE and OPERATION are required");
  return o;
}

// Runs the command the first word names, with the command word removed.
asio::awaitable<int> dispatch(awscoro::session& s, cli_options opts) {
  for (auto const& c : commands) {
    if (!c.word.empty() && opts.positionals.front() == c.word) {
      opts.positionals.erase(opts.positionals.begin());
      co_return co_await c.run(s, opts);
    }
  }
  co_return co_await run_call(s, opts);
}

int report(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (awscoro::client_error const& ce) {
    std::cerr << "\n" << ce.what() << "\n";
    return exit_service;
  } catch (usage_error const& ue) {
    std::cerr << "awscoro: " << ue.what() << "\n";
    return exit_usage;
  } catch (awscoro::param_validation_error const& pe) {
    std::cerr << "\n" << pe.what() << "\n";
    return exit_usage;
  } catch (awscoro::unknown_service_error const& se) {
    std::cerr << "awscoro: " << se.what() << "\n";
    return exit_usage;
  } catch (awscoro::unknown_operation_error const& oe) {
    std::cerr << "awscoro: " << oe.what() << "\n";
    return exit_usage;
  } catch (std::exception const& other) {
    std::cerr << "\n" << other.what() << "\n";
    return exit_other;
  }
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
  if (opts.debug) spdlog::stderr_color_mt("awscoro")->set_level(spdlog::level::debug);
  asio::io_context ioc;
  awscoro::session_options so;
  so.profile = opts.profile;
  awscoro::session session(ioc.get_executor(), so);
  int exit_code = exit_other;
  asio::co_spawn(ioc, dispatch(session, std::move(opts)), [&](std::exception_ptr e, int code) {
    exit_code = e ? report(e) : code;
  });
  ioc.run();
  return exit_code;
}

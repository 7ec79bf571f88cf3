// Conformance runner for configured endpoint URLs (conformance README section 8): where a
// client's endpoint_url comes from (client argument, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL,
// the config file's services section, the profile's endpoint_url) and the
// ignore_configured_endpoint_urls switches, through the real session and client creation.
// Each case writes its config file, sets exactly its environment, builds the signed request of
// ListBuckets (s3) or ListTables (dynamodb) and compares the URL's scheme://host[:port].
// Usage: conformance-configured-endpoint-urls <conformance dir> <models dir>
#include <awscoro/awscoro.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include "client/client_impl.hpp"
#include "aws_environment.hpp"
#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "run_sync.hpp"
#include "util/file_io.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t case_count = 39;

std::string str(json::value const& v) { return v.is_string() ? std::string(v.get_string()) : std::string(); }

// "[profile NAME]" with the profile's keys, and "[services NAME]" with one nested block per
// service when the profile names a services section.
std::string config_file_text(json::object const& suite, std::string const& profile_name) {
  auto const& profile = suite.at("profiles").at(profile_name).as_object();
  std::string text = "[profile " + profile_name + "]\n";
  for (auto const& [key, value] : profile) text += std::string(key) + " = " + str(value) + "\n";
  if (auto const* services = profile.if_contains("services")) {
    std::string const name = str(*services);
    text += "\n[services " + name + "]\n";
    for (auto const& [service, settings] : suite.at("services").at(name).as_object()) {
      text += std::string(service) + " =\n";
      for (auto const& [key, value] : settings.as_object()) text += "  " + std::string(key) + " = " + str(value) + "\n";
    }
  }
  return text;
}

// The request URL's scheme://host[:port] for one case, or the error the client raised.
std::string resolved_endpoint(json::object const& suite, json::object const& tc, fs::path const& config_path,
                              std::string& error) {
  std::string const profile = str(tc.at("profile"));
  {
    std::ofstream out(config_path, std::ios::trunc);
    out << config_file_text(suite, profile);
  }
  awscoro::test::clear_aws_environment();
  ::setenv("AWS_CONFIG_FILE", config_path.c_str(), 1);
  ::setenv("AWS_SHARED_CREDENTIALS_FILE", (config_path.string() + ".absent").c_str(), 1);
  for (auto const& [name, value] : suite.at("environments").at(str(tc.at("environment"))).as_object())
    ::setenv(std::string(name).c_str(), str(value).c_str(), 1);

  awscoro::client_options options;
  awscoro::client_config config;
  auto const& client_config = suite.at("client_configs").at(str(tc.at("client_config"))).as_object();
  if (auto const* url = client_config.if_contains("endpoint_url")) options.endpoint_url = str(*url);
  if (auto const* ignore = client_config.if_contains("ignore_configured_endpoint_urls"))
    config.ignore_configured_endpoint_urls = ignore->as_bool();
  options.config = config;

  std::string const service = str(tc.at("service"));
  std::string const op = service == "s3" ? "ListBuckets" : "ListTables";
  boost::asio::io_context ioc;
  awscoro::session_options session_options;
  session_options.profile = profile;
  awscoro::session sess(ioc.get_executor(), session_options);
  try {
    auto c = awscoro::test::run_sync(ioc, sess.create_client(service, options));
    auto req = awscoro::test::run_sync(ioc, awscoro::detail::access::impl(c)->build_signed_request(op, {}));
    return req.scheme + "://" + req.authority();
  } catch (std::exception const& e) {
    error = e.what();
    return {};
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <conformance dir> <models dir>\n", argv[0]);
    return 2;
  }
  fs::path const file = fs::path(argv[1]) / "configured-endpoint-urls" / "profile-tests.json";
  std::string msg;
  auto bytes = awscoro::detail::read_file(file.string(), &msg);
  if (!bytes) {
    std::printf("ERROR: cannot read %s: %s\n", file.c_str(), msg.c_str());
    return 1;
  }
  json::value doc = json::parse(*bytes);
  ::setenv("AWSCORO_DATA_PATH", argv[2], 1);
  auto const known = awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);

  fs::path const dir = fs::temp_directory_path() / ("awscoro-configured-endpoint-urls-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  awscoro::test::tally t;
  std::size_t loaded = 0;
  for (auto const& suite_value : doc.at("testSuites").as_array()) {
    auto const& suite = suite_value.as_object();
    auto const& cases = suite.at("endpointUrlTests").as_array();
    for (std::size_t i = 0; i < cases.size(); ++i, ++loaded) {
      auto const& tc = cases[i].as_object();
      std::string const id = "configured-endpoint-urls#" + std::to_string(i);
      std::string error;
      std::string const got = resolved_endpoint(suite, tc, dir / "config", error);
      std::string const want = str(tc.at("output").at("endpointUrl"));
      bool const ok = got == want;
      std::string const why = "expected " + want + ", got " + (got.empty() ? "error: " + error : got);
      awscoro::test::record_case(t, known, id, ok, why, id + " (" + str(tc.at("name")) + ")");
    }
  }
  fs::remove_all(dir);
  bool ok = true;
  if (loaded != case_count) {
    std::printf("ERROR: configured-endpoint-urls: loaded %zu cases, the README says %zu\n", loaded, case_count);
    ok = false;
  }
  t.print("configured-endpoint-urls");
  return ok && t.failed == 0 ? 0 : 1;
}

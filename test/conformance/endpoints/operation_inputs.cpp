#include "operation_inputs.hpp"

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/url/parse.hpp>

#include "client/client_impl.hpp"
#include "run_sync.hpp"

namespace awscoro::conformance {
namespace json = boost::json;

namespace {

std::string str(json::value const& v) { return v.is_string() ? std::string(v.get_string()) : std::string(); }

// "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ..." -> region, service.
bool credential_scope(std::string const& auth, std::string& region, std::string& service) {
  auto at = auth.find("Credential=");
  if (at == std::string::npos) return false;
  auto end = auth.find(',', at);
  std::string cred = auth.substr(at + 11, end - at - 11);
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    auto slash = cred.find('/', start);
    parts.push_back(cred.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() == 5) {
    region = parts[2];
    service = parts[3];
  } else if (parts.size() == 4) {  // sigv4a: no region in the scope
    region.clear();
    service = parts[2];
  } else {
    return false;
  }
  return true;
}

std::string compare(http_request const& req, json::object const& expected) {
  std::string const expected_url = str(expected.at("url"));
  auto url = boost::urls::parse_uri(expected_url);
  if (!url) return "the expected URL does not parse";
  std::string want_scheme(url->scheme());
  std::string want_authority(url->encoded_authority());
  std::string want_path(url->encoded_path());
  if (req.scheme != want_scheme) return "scheme " + req.scheme + ", expected " + want_scheme;
  // The operation's host prefix ("{RequestRoute}.") goes before the resolved host.
  bool const prefixed = !req.host_prefix.empty() && req.authority() == req.host_prefix + want_authority;
  if (req.authority() != want_authority && !prefixed) return "host " + req.authority() + ", expected " + want_authority;
  if (!want_path.empty() && want_path != "/" && !req.path.starts_with(want_path))
    return "path " + req.path + " does not start with " + want_path;
  if (auto const* headers = expected.if_contains("headers"); headers && headers->is_object()) {
    for (auto const& [name, values] : headers->get_object()) {
      std::string joined;
      for (auto const& v : values.as_array()) joined += (joined.empty() ? "" : ",") + str(v);
      auto const* got = req.headers.find(name);
      if (!got) return "header " + std::string(name) + " missing";
      if (*got != joined) return "header " + std::string(name) + " is " + *got + ", expected " + joined;
    }
  }
  auto const* props = expected.if_contains("properties");
  auto const* schemes = props && props->is_object() ? props->get_object().if_contains("authSchemes") : nullptr;
  if (schemes && schemes->is_array() && !schemes->get_array().empty()) {
    auto const& scheme = schemes->get_array().front().as_object();
    std::string name = str(scheme.at("name"));
    auto const* auth = req.headers.find("Authorization");
    if (!auth) return "the request is not signed";
    std::string region, service;
    if (!credential_scope(*auth, region, service)) return "Authorization has no credential scope";
    if (auto const* sn = scheme.if_contains("signingName"); sn && str(*sn) != service)
      return "signing name " + service + ", expected " + str(*sn);
    if (name == "sigv4a") {
      if (!auth->starts_with("AWS4-ECDSA-P256-SHA256")) return "not signed with SigV4a";
      if (auto const* set = scheme.if_contains("signingRegionSet")) {
        std::string want;
        for (auto const& r : set->as_array()) want += (want.empty() ? "" : ",") + str(r);
        auto const* got = req.headers.find("X-Amz-Region-Set");
        if (!got || *got != want) return "region set " + (got ? *got : std::string("(none)")) + ", expected " + want;
      }
    } else if (auto const* sr = scheme.if_contains("signingRegion"); sr && str(*sr) != region) {
      return "signing region " + region + ", expected " + str(*sr);
    }
  }
  return {};
}

}  // namespace

input_result run_operation_input(std::string const& service, json::object const& tc, json::object const& input,
                                 std::string& why) {
  // As botocore's runner: a client in AWS::Region (default us-east-1) without host prefixes,
  // whose built-in map is replaced by builtInParams just before resolution (a built-in absent
  // there is unset, not false), through the before-endpoint-resolution event.
  json::object built_ins;
  if (auto const* b = input.if_contains("builtInParams"); b && b->is_object()) built_ins = b->get_object();
  client_options options;
  options.region_name = "us-east-1";
  if (auto const* region = built_ins.if_contains("AWS::Region"); region && region->is_string())
    options.region_name = str(*region);
  client_config config;
  config.inject_host_prefix = false;
  options.config = config;
  options.aws_access_key_id = "AKIDEXAMPLE";
  options.aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  json::object params;
  if (auto const* p = input.if_contains("operationParams"); p && p->is_object()) params = p->get_object();
  std::string op = str(input.at("operationName"));
  auto const& expect = tc.at("expect").as_object();
  bool const want_error = expect.contains("error");

  boost::asio::io_context ioc;
  session sess(ioc.get_executor(), session_options{});
  try {
    client c = test::run_sync(ioc, sess.create_client(service, options));
    c.meta().events().register_handler("before-endpoint-resolution", [&built_ins](event_args& args) {
      if (args.builtins) *args.builtins = built_ins;
    });
    auto req = test::run_sync(ioc, detail::access::impl(c)->build_signed_request(op, std::move(params)));
    if (want_error) {
      why = "expected an error (" + str(expect.at("error")) + "), got " + req.url();
      return input_result::failed;
    }
    why = compare(req, expect.at("endpoint").as_object());
    return why.empty() ? input_result::passed : input_result::failed;
  } catch (std::exception const& e) {
    if (want_error) return input_result::passed;
    why = std::string("unexpected error: ") + e.what();
    return input_result::failed;
  }
}

}  // namespace awscoro::conformance

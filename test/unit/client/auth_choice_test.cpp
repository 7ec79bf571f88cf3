// How a call chooses its auth scheme and endpoint when botocore would consult the environment
// or the configuration: auth_scheme_preference, bearer tokens from AWS_BEARER_TOKEN_<NAME>, and
// operations that require endpoint discovery. Each request is built by a real client up to
// signing and checked against what botocore 1.43.11 does for the same settings.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include <awscoro/client.hpp>
#include <awscoro/session.hpp>

#include "client/auth_scheme_choice.hpp"
#include "client/client_impl.hpp"
#include "credentials/bearer_token_env.hpp"
#include "run_sync.hpp"

using namespace awscoro;
namespace json = boost::json;

namespace {

// Sets an environment variable for one test and restores the old value after it.
class scoped_env {
 public:
  scoped_env(char const* name, char const* value) : name_(name) {
    if (char const* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~scoped_env() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  scoped_env(scoped_env const&) = delete;
  scoped_env& operator=(scoped_env const&) = delete;

 private:
  char const* name_;
  std::optional<std::string> old_;
};

struct build_options {
  std::optional<std::string> endpoint_url;
  client_config config;
};

http_request build(std::string const& service, std::string const& op, char const* params, build_options o = {}) {
  boost::asio::io_context ioc;
  session sess(ioc.get_executor(), session_options{.aws_access_key_id = "AKIDEXAMPLE",
                                                   .aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"});
  client_options options;
  options.region_name = "us-east-1";
  options.endpoint_url = std::move(o.endpoint_url);
  options.config = std::move(o.config);
  client c = test::run_sync(ioc, sess.create_client(service, options));
  return test::run_sync(ioc, detail::access::impl(c)->build_signed_request(op, json::parse(params).as_object()));
}

std::string build_error(std::string const& service, std::string const& op, char const* params, build_options o = {}) {
  try {
    build(service, op, params, std::move(o));
  } catch (std::exception const& e) {
    return e.what();
  }
  return {};
}

std::string authorization(http_request const& r) {
  auto const* v = r.headers.find("Authorization");
  return v ? *v : std::string();
}

bool starts_with(std::string const& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

constexpr char const* carbon_params = R"({"TimePeriod":{"Start":"2024-01-01T00:00:00Z","End":"2024-02-01T00:00:00Z"}})";

}  // namespace

TEST_CASE("auth_scheme_preference is read as botocore reads it") {
  using detail::parse_auth_scheme_preference;
  CHECK(parse_auth_scheme_preference("") == std::vector<std::string>{});
  CHECK(parse_auth_scheme_preference("sigv4") == std::vector<std::string>{"sigv4"});
  CHECK(parse_auth_scheme_preference(" sig v4a ,,\tsigv4, ") == std::vector<std::string>{"sigv4a", "sigv4"});
}

TEST_CASE("preferred schemes come first, the others keep the model's order") {
  std::vector<std::string> offered{"aws.auth#sigv4a", "aws.auth#sigv4", "smithy.api#httpBearerAuth", "smithy.api#noAuth"};
  auto order = [&](std::vector<std::string> const& preference) {
    std::vector<std::size_t> seen;
    detail::visit_in_preferred_order(
        offered.size(), [&](std::size_t i) -> std::string_view { return offered[i]; }, preference,
        [&](std::size_t i) {
          seen.push_back(i);
          return false;
        });
    return seen;
  };
  CHECK(order({}) == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(order({"noAuth", "sigv4"}) == std::vector<std::size_t>{3, 1, 0, 2});
  CHECK(order({"unknownAuth", "httpBearerAuth"}) == std::vector<std::size_t>{2, 0, 1, 3});
}

TEST_CASE("a service listing SigV4a first is signed with SigV4 when the preference says so") {
  build_options prefer_sigv4;
  prefer_sigv4.config.auth_scheme_preference = "sigv4";
  auto r = build("sustainability", "GetEstimatedCarbonEmissions", carbon_params, prefer_sigv4);
  CHECK(starts_with(authorization(r), "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  CHECK(authorization(r).find("/us-east-1/sustainability/aws4_request") != std::string::npos);
  CHECK(r.headers.find("X-Amz-Region-Set") == nullptr);

  // Without a preference the model's first choice stands, as botocore with awscrt signs it.
  auto error = build_error("sustainability", "GetEstimatedCarbonEmissions", carbon_params);
  if (error.empty()) {
    auto d = build("sustainability", "GetEstimatedCarbonEmissions", carbon_params);
    CHECK(starts_with(authorization(d), "AWS4-ECDSA-P256-SHA256 "));
  } else {
    CHECK(error.find("sigv4a") != std::string::npos);
  }
}

TEST_CASE("a preferred scheme the endpoint does not offer is passed over") {
  // From the environment, as botocore reads AWS_AUTH_SCHEME_PREFERENCE; a plain S3 bucket's
  // endpoint offers SigV4 only.
  scoped_env pref("AWS_AUTH_SCHEME_PREFERENCE", "sigv4a,sigv4");
  auto r = build("s3", "GetObject", R"({"Bucket":"b","Key":"k"})");
  CHECK(starts_with(authorization(r), "AWS4-HMAC-SHA256 "));
}

TEST_CASE("a bearer-only service takes its token from AWS_BEARER_TOKEN_<SIGNING NAME>") {
  CHECK(detail::bearer_token_variable("bedrock") == "AWS_BEARER_TOKEN_BEDROCK");
  CHECK(detail::bearer_token_variable("my-service name") == "AWS_BEARER_TOKEN_MY_SERVICE_NAME");
  CHECK(build_error("codecatalyst", "VerifySession", "{}").find("no auth token") != std::string::npos);

  scoped_env token("AWS_BEARER_TOKEN_CODECATALYST", "token-123");
  auto r = build("codecatalyst", "VerifySession", "{}");
  CHECK(authorization(r) == "Bearer token-123");
}

TEST_CASE("bedrock prefers a token from the environment over SigV4 unless auth is set in code") {
  constexpr char const* params = R"({"modelId":"m","body":"e30="})";
  CHECK(starts_with(authorization(build("bedrock-runtime", "InvokeModel", params)), "AWS4-HMAC-SHA256 "));

  scoped_env token("AWS_BEARER_TOKEN_BEDROCK", "bedrock-token");
  CHECK(authorization(build("bedrock-runtime", "InvokeModel", params)) == "Bearer bedrock-token");

  build_options in_code;
  in_code.config.auth_scheme_preference = "sigv4";
  CHECK(starts_with(authorization(build("bedrock-runtime", "InvokeModel", params, in_code)), "AWS4-HMAC-SHA256 "));
  // The token is for bedrock only: another SigV4 service is unaffected.
  CHECK(starts_with(authorization(build("sts", "GetCallerIdentity", "{}")), "AWS4-HMAC-SHA256 "));
}

TEST_CASE("an operation that requires endpoint discovery is refused only with discovery off") {
  constexpr char const* params = R"({"DatabaseName":"db"})";
  // Built for the resolved endpoint: the discovered address replaces it when the call is sent.
  CHECK(build_error("timestream-write", "CreateDatabase", params).empty());
  {
    scoped_env off("AWS_ENDPOINT_DISCOVERY_ENABLED", "False");
    CHECK(build_error("timestream-write", "CreateDatabase", params)
              .find("Endpoint Discovery is not enabled but this operation requires it") != std::string::npos);
  }
  build_options discovered;
  discovered.endpoint_url = "https://ingest-cell2.timestream.us-east-1.amazonaws.com";
  auto r = build("timestream-write", "CreateDatabase", params, discovered);
  CHECK(r.host == "ingest-cell2.timestream.us-east-1.amazonaws.com");
  CHECK(json::parse(r.body) == json::parse(params));
  // DescribeEndpoints itself is not discovered.
  CHECK(build_error("timestream-write", "DescribeEndpoints", "{}").empty());
}

TEST_CASE("Machine Learning's Predict goes to the endpoint its PredictEndpoint names") {
  auto r = build("machinelearning", "Predict",
                 R"({"MLModelId":"m","Record":{},"PredictEndpoint":"https://realtime.machinelearning.us-east-1.amazonaws.com"})");
  CHECK(r.scheme == "https");
  CHECK(r.host == "realtime.machinelearning.us-east-1.amazonaws.com");
  CHECK(r.path == "/");
  CHECK(authorization(r).find("/us-east-1/machinelearning/aws4_request") != std::string::npos);
  auto error = build_error("machinelearning", "Predict", R"({"MLModelId":"m","Record":{},"PredictEndpoint":"nohost"})");
  CHECK(error.find("PredictEndpoint must be an absolute http(s) URL") != std::string::npos);
}

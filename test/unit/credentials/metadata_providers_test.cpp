#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include <atomic>

#include "../config/temp_home.hpp"
#include "config/config_resolver.hpp"
#include "credentials/container_provider.hpp"
#include "credentials/imds_provider.hpp"
#include "credentials/metadata_http.hpp"
#include "run_sync.hpp"
#include "test_server.hpp"

using namespace awscoro::detail;
using awscoro::test::received_request;
using awscoro::test::temp_home;
using awscoro::test::test_response;
using awscoro::test::test_server;

namespace {

constexpr char const* role_json =
    R"({"Code": "Success", "AccessKeyId": "AKIDMETA", "SecretAccessKey": "metasecretvalue",
        "Token": "metatokenvalue", "Expiration": "2030-01-01T00:00:00Z"})";

// Plays the instance metadata service; `token_status` is what the token PUT answers.
struct imds_server {
  unsigned token_status = 200;
  std::atomic<int> token_puts{0};
  test_server server{[this](received_request const& r) {
    test_response out;
    if (r.method == "PUT" && r.target == "/latest/api/token") {
      ++token_puts;
      if (r.header("x-aws-ec2-metadata-token-ttl-seconds") != "21600") return test_response{400, {}, "no ttl"};
      out.status = token_status;
      out.body = token_status == 200 ? "imdstoken" : "refused";
      return out;
    }
    if (token_status == 200 && r.header("x-aws-ec2-metadata-token") != "imdstoken") return test_response{401, {}, ""};
    if (r.target == "/latest/meta-data/iam/security-credentials/") return test_response{200, {}, "my-role\n"};
    if (r.target == "/latest/meta-data/iam/security-credentials/my-role") return test_response{200, {}, role_json};
    return test_response{404, {}, "not found"};
  }};
};

std::shared_ptr<config_resolver const> resolver(temp_home const& home, environment env) {
  env["HOME"] = home.path();
  return config_resolver::load(std::move(env)).value();
}

}  // namespace

TEST_CASE("split_url") {
  auto u = split_url("http://127.0.0.1:8080/creds?x=1").value();
  CHECK(u.scheme == "http");
  CHECK(u.host == "127.0.0.1");
  CHECK(u.port == 8080);
  CHECK(u.path == "/creds?x=1");
  u = split_url("http://[fd00:ec2::254]/").value();
  CHECK(u.host == "fd00:ec2::254");
  CHECK(u.port == 0);
  CHECK_FALSE(split_url("ftp://x/").has_value());
  CHECK_FALSE(split_url("http://:80/").has_value());
}

TEST_CASE("container provider: FULL_URI with an authorization token") {
  test_server server([](received_request const& r) {
    if (r.target != "/v2/credentials" || r.header("Authorization") != "Bearer containertoken")
      return test_response{403, {}, "denied"};
    return test_response{200, {}, role_json};
  });
  boost::asio::io_context ioc;
  container_provider provider({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/v2/credentials"},
                               {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer containertoken"}});
  auto r = awscoro::test::run_sync(ioc, provider.load());
  REQUIRE(r.has_value());
  REQUIRE(r->has_value());
  CHECK((*r)->access_key == "AKIDMETA");
  CHECK((*r)->token == "metatokenvalue");
  CHECK((*r)->method == "container-role");
  CHECK((*r)->expiry.has_value());

  // The token file wins over the variable, and is read each time.
  temp_home home;
  auto token_file = home.write("token", "Bearer containertoken\n");
  container_provider from_file({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/v2/credentials"},
                                {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"},
                                {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file}});
  CHECK(awscoro::test::run_sync(ioc, from_file.load()).value()->access_key == "AKIDMETA");

  // A refused token: a clear error with the status.
  container_provider refused({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/v2/credentials"},
                              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer nope"}});
  auto e = awscoro::test::run_sync(ioc, refused.load());
  REQUIRE(e.has_error());
  CHECK(e.error().message.find("403") != std::string::npos);
  CHECK(e.error().message.find("Bearer nope") == std::string::npos);
}

TEST_CASE("container provider: allowed hosts, nothing configured, bad answers") {
  CHECK(container_host_allowed("127.0.0.1"));
  CHECK(container_host_allowed("127.1.2.3"));
  CHECK(container_host_allowed("::1"));
  CHECK(container_host_allowed("169.254.170.2"));
  CHECK(container_host_allowed("169.254.170.23"));
  CHECK(container_host_allowed("fd00:ec2::23"));
  CHECK(container_host_allowed("localhost"));
  CHECK_FALSE(container_host_allowed("example.com"));
  CHECK_FALSE(container_host_allowed("10.0.0.1"));

  boost::asio::io_context ioc;
  container_provider elsewhere(environment{{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds"}});
  auto r = awscoro::test::run_sync(ioc, elsewhere.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("Unsupported host 'example.com'") != std::string::npos);

  container_provider nothing(environment{});
  CHECK_FALSE(awscoro::test::run_sync(ioc, nothing.load()).value().has_value());

  test_server bad_json([](received_request const&) { return test_response{200, {}, "{not json"}; });
  container_provider garbled({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", bad_json.url() + "/"}},
                             std::chrono::milliseconds(500), 2);
  r = awscoro::test::run_sync(ioc, garbled.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("not a JSON object") != std::string::npos);
  CHECK(bad_json.request_count() == 2);

  test_server silent([](received_request const&) {
    test_response out;
    out.stall_without_answer = true;
    return out;
  });
  container_provider slow({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", silent.url() + "/"}},
                          std::chrono::milliseconds(200), 2);
  auto start = std::chrono::steady_clock::now();
  r = awscoro::test::run_sync(ioc, slow.load());
  REQUIRE(r.has_error());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  silent.stop();
}

TEST_CASE("IMDSv2: token, role, credentials") {
  temp_home home;
  imds_server imds;
  boost::asio::io_context ioc;
  imds_provider provider(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.url() + "/"}}));
  auto r = awscoro::test::run_sync(ioc, provider.load());
  REQUIRE(r.has_value());
  REQUIRE(r->has_value());
  CHECK((*r)->access_key == "AKIDMETA");
  CHECK((*r)->method == "iam-role");
  CHECK(imds.token_puts == 1);
  auto requests = imds.server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[1].header("x-aws-ec2-metadata-token") == "imdstoken");
  CHECK(requests[2].target == "/latest/meta-data/iam/security-credentials/my-role");
}

TEST_CASE("IMDS: falls back to IMDSv1 when the token PUT is refused, unless v1 is disabled") {
  temp_home home;
  for (unsigned status : {403u, 404u, 405u}) {
    imds_server imds;
    imds.token_status = status;
    boost::asio::io_context ioc;
    imds_provider provider(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.url()}}));
    auto r = awscoro::test::run_sync(ioc, provider.load());
    REQUIRE(r.has_value());
    REQUIRE(r->has_value());
    CHECK((*r)->access_key == "AKIDMETA");
    CHECK(imds.server.requests().back().header("x-aws-ec2-metadata-token").empty());
  }
  imds_server imds;
  imds.token_status = 403;
  boost::asio::io_context ioc;
  imds_provider strict(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.url()},
                                       {"AWS_EC2_METADATA_V1_DISABLED", "true"}}));
  auto r = awscoro::test::run_sync(ioc, strict.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("IMDSv1 is disabled") != std::string::npos);
}

TEST_CASE("IMDS: disabled, unreachable, attempts and timeouts") {
  temp_home home;
  boost::asio::io_context ioc;
  imds_server imds;
  imds_provider disabled(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.url()},
                                         {"AWS_EC2_METADATA_DISABLED", "TRUE"}}));
  CHECK_FALSE(awscoro::test::run_sync(ioc, disabled.load()).value().has_value());
  CHECK(imds.server.request_count() == 0);

  // A service that never answers: nothing found, within the timeout times the attempts.
  test_server silent([](received_request const&) {
    test_response out;
    out.stall_without_answer = true;
    return out;
  });
  imds_provider slow(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", silent.url()},
                                     {"AWS_METADATA_SERVICE_TIMEOUT", "0.2"},
                                     {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"}}));
  auto start = std::chrono::steady_clock::now();
  auto r = awscoro::test::run_sync(ioc, slow.load());
  REQUIRE(r.has_value());
  CHECK_FALSE(r->has_value());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  silent.stop();

  // Transient 500s are retried up to the attempts.
  std::atomic<int> calls{0};
  test_server flaky([&calls](received_request const& r) {
    if (r.method == "PUT") return test_response{200, {}, "imdstoken"};
    if (r.target == "/latest/meta-data/iam/security-credentials/" && calls++ == 0) return test_response{500, {}, ""};
    if (r.target == "/latest/meta-data/iam/security-credentials/") return test_response{200, {}, "my-role"};
    return test_response{200, {}, role_json};
  });
  imds_provider retried(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", flaky.url()},
                                        {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"}}));
  CHECK(awscoro::test::run_sync(ioc, retried.load()).value()->access_key == "AKIDMETA");

  // Bad JSON from the service: nothing found (botocore's behaviour), not an error.
  test_server garbled([](received_request const& r) {
    if (r.method == "PUT") return test_response{200, {}, "imdstoken"};
    if (r.target == "/latest/meta-data/iam/security-credentials/") return test_response{200, {}, "my-role"};
    return test_response{200, {}, "{oops"};
  });
  imds_provider bad(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", garbled.url()}}));
  CHECK_FALSE(awscoro::test::run_sync(ioc, bad.load()).value().has_value());

  // A bad endpoint mode is a configuration error.
  imds_provider bad_mode(resolver(home, {{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"}}));
  CHECK(awscoro::test::run_sync(ioc, bad_mode.load()).has_error());
}

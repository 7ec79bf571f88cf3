#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "../config/temp_home.hpp"
#include "config/config_resolver.hpp"
#include "credentials/assume_role_provider.hpp"
#include "credentials/container_provider.hpp"
#include "credentials/credential_chain.hpp"
#include "credentials/login_provider.hpp"
#include "credentials/sso_provider.hpp"
#include "credentials/web_identity_provider.hpp"
#include "run_sync.hpp"
#include "test_server.hpp"
#include "util/timestamp.hpp"

using namespace awscoro::detail;
using awscoro::test::temp_home;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// Records every call and answers like STS / SSO would, or with an error when told.
struct fake_aws {
  std::vector<aws_call> calls;
  std::string fail_with;  // non-empty: every call fails with this message
  json::object fail_response;  // ... and this service error response

  aws_caller caller() {
    return [this](aws_call call) -> asio::awaitable<config_result<json::object>> {
      calls.push_back(call);
      if (!fail_with.empty()) {
        auto failure = make_error_info(awscoro::error::credential_provider, fail_with);
        failure.response = fail_response;
        co_return failure;
      }
      json::object out;
      if (call.service == "sts") {
        std::string n = std::to_string(calls.size());
        out["Credentials"] = json::object{{"AccessKeyId", "AKIDROLE" + n},
                                          {"SecretAccessKey", "rolesecretvalue" + n},
                                          {"SessionToken", "rolesessiontoken" + n},
                                          {"Expiration", "2030-01-01T00:00:00Z"}};
        out["AssumedRoleUser"] = json::object{{"Arn", "arn:aws:sts::210987654321:assumed-role/r/s"}};
      } else if (call.service == "sso") {
        out["roleCredentials"] = json::object{{"accessKeyId", "AKIDSSO"},
                                              {"secretAccessKey", "ssosecretvalue"},
                                              {"sessionToken", "ssosessiontoken"},
                                              {"expiration", 1893456000000LL}};
      } else if (call.service == "sso-oidc") {
        out["accessToken"] = "refreshedaccesstoken";
        out["expiresIn"] = 3600;
        out["refreshToken"] = "newrefreshtoken";
      }
      co_return out;
    };
  }
  std::string param(std::size_t i, std::string_view name) const {
    auto v = calls.at(i).params.if_contains(name);
    if (!v) return "";
    return v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
  }
};

constexpr std::string_view role_config = R"([profile base]
aws_access_key_id = AKIDBASE
aws_secret_access_key = basesecretvalue
[profile role]
role_arn = arn:aws:iam::123456789012:role/first
source_profile = base
external_id = ext-123
role_session_name = my-session
duration_seconds = 1800
[profile chained]
role_arn = arn:aws:iam::123456789012:role/second
source_profile = role
[profile self]
role_arn = arn:aws:iam::123456789012:role/self
source_profile = self
aws_access_key_id = AKIDSELF
aws_secret_access_key = selfsecretvalue
[profile loop-a]
role_arn = arn:aws:iam::123456789012:role/a
source_profile = loop-b
[profile loop-b]
role_arn = arn:aws:iam::123456789012:role/b
source_profile = loop-a
[profile from-env]
role_arn = arn:aws:iam::123456789012:role/env
credential_source = Environment
[profile from-container]
role_arn = arn:aws:iam::123456789012:role/container
credential_source = EcsContainer
[profile both]
role_arn = arn:aws:iam::123456789012:role/both
credential_source = Environment
source_profile = base
[profile bad-source]
role_arn = arn:aws:iam::123456789012:role/bad
credential_source = Moon
[profile mfa]
role_arn = arn:aws:iam::123456789012:role/mfa
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/user
[profile no-creds-source]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = empty
[profile empty]
region = us-west-2
[profile webid]
role_arn = arn:aws:iam::123456789012:role/web
web_identity_token_file = ~/token.jwt
role_session_name = web-session
)";

struct role_fixture {
  temp_home home;
  asio::io_context ioc;
  fake_aws aws;
  environment env;
  role_fixture() {
    home.write(".aws/config", role_config);
    home.write("token.jwt", "profile-jwt-token");
    env = {{"HOME", home.path()}};
  }
  credential_result assume(std::string const& profile, mfa_prompter mfa = {}) {
    auto config = config_resolver::load(env, profile).value();
    assume_role_provider p(config, profile, aws.caller(), std::move(mfa));
    return awscoro::test::run_sync(ioc, p.load());
  }
};

}  // namespace

TEST_CASE("assume-role from a source profile, with the profile's options") {
  role_fixture f;
  auto r = f.assume("role");
  REQUIRE(r.has_value());
  REQUIRE(r->has_value());
  CHECK((*r)->access_key == "AKIDROLE1");
  CHECK((*r)->method == "assume-role");
  CHECK((*r)->account_id == "210987654321");
  CHECK((*r)->expiry.has_value());
  REQUIRE(f.aws.calls.size() == 1);
  auto const& call = f.aws.calls[0];
  CHECK(call.service == "sts");
  CHECK(call.operation == "AssumeRole");
  REQUIRE(call.creds.has_value());
  CHECK(call.creds->access_key == "AKIDBASE");
  CHECK(f.aws.param(0, "RoleArn") == "arn:aws:iam::123456789012:role/first");
  CHECK(f.aws.param(0, "ExternalId") == "ext-123");
  CHECK(f.aws.param(0, "RoleSessionName") == "my-session");
  CHECK(f.aws.param(0, "DurationSeconds") == "1800");

  // Not a role profile: nothing here.
  CHECK_FALSE(f.assume("base").value().has_value());
}

TEST_CASE("assume-role chains and self references; cycles are reported") {
  role_fixture f;
  auto r = f.assume("chained");
  REQUIRE(r.has_value());
  CHECK((*r)->access_key == "AKIDROLE2");
  REQUIRE(f.aws.calls.size() == 2);
  CHECK(f.aws.calls[0].creds->access_key == "AKIDBASE");
  CHECK(f.aws.param(0, "RoleArn") == "arn:aws:iam::123456789012:role/first");
  CHECK(f.aws.calls[1].creds->access_key == "AKIDROLE1");
  CHECK(f.aws.param(1, "RoleArn") == "arn:aws:iam::123456789012:role/second");
  CHECK(f.aws.param(1, "RoleSessionName").rfind("botocore-session-", 0) == 0);

  f.aws.calls.clear();
  r = f.assume("self");
  REQUIRE(r.has_value());
  CHECK(f.aws.calls.at(0).creds->access_key == "AKIDSELF");

  r = f.assume("loop-a");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("Infinite loop in profile configuration: loop-a -> loop-b -> loop-a") !=
        std::string::npos);

  r = f.assume("no-creds-source");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("empty") != std::string::npos);
}

TEST_CASE("assume-role with credential_source") {
  role_fixture f;
  f.env["AWS_ACCESS_KEY_ID"] = "AKIDENVSRC";
  f.env["AWS_SECRET_ACCESS_KEY"] = "envsourcesecret";
  auto r = f.assume("from-env");
  REQUIRE(r.has_value());
  CHECK(f.aws.calls.at(0).creds->access_key == "AKIDENVSRC");

  awscoro::test::test_server container([](awscoro::test::received_request const&) {
    return awscoro::test::test_response{
        200, {}, R"({"AccessKeyId": "AKIDCONTAINERSRC", "SecretAccessKey": "containersecret", "Token": "t"})"};
  });
  f.env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = container.url() + "/";
  r = f.assume("from-container");
  REQUIRE(r.has_value());
  CHECK(f.aws.calls.at(1).creds->access_key == "AKIDCONTAINERSRC");

  r = f.assume("both");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("both source_profile and credential_source") != std::string::npos);
  r = f.assume("bad-source");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("Moon") != std::string::npos);
}

TEST_CASE("assume-role with mfa_serial asks the prompter") {
  role_fixture f;
  auto r = f.assume("mfa");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("MFA") != std::string::npos);

  std::string asked;
  r = f.assume("mfa", [&asked](std::string serial) -> asio::awaitable<std::string> {
    asked = serial;
    co_return "123456";
  });
  REQUIRE(r.has_value());
  CHECK(asked == "arn:aws:iam::123456789012:mfa/user");
  CHECK(f.aws.param(0, "SerialNumber") == "arn:aws:iam::123456789012:mfa/user");
  CHECK(f.aws.param(0, "TokenCode") == "123456");
}

TEST_CASE("web identity from the environment and from the profile") {
  role_fixture f;
  auto env_token = f.home.write("env.jwt", "env-jwt-token");
  f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = env_token;
  f.env["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/envweb";
  f.env["AWS_ROLE_SESSION_NAME"] = "env-session";
  auto config = config_resolver::load(f.env).value();
  web_identity_provider from_env(config, "default", f.aws.caller());
  auto r = awscoro::test::run_sync(f.ioc, from_env.load());
  REQUIRE(r.has_value());
  REQUIRE(r->has_value());
  CHECK((*r)->method == "assume-role-with-web-identity");
  auto const& call = f.aws.calls.at(0);
  CHECK(call.operation == "AssumeRoleWithWebIdentity");
  CHECK_FALSE(call.creds.has_value());  // unsigned
  CHECK(f.aws.param(0, "WebIdentityToken") == "env-jwt-token");
  CHECK(f.aws.param(0, "RoleArn") == "arn:aws:iam::123456789012:role/envweb");
  CHECK(f.aws.param(0, "RoleSessionName") == "env-session");

  f.env.erase("AWS_WEB_IDENTITY_TOKEN_FILE");
  config = config_resolver::load(f.env, std::string("webid")).value();
  web_identity_provider from_profile(config, "webid", f.aws.caller());
  r = awscoro::test::run_sync(f.ioc, from_profile.load());
  REQUIRE(r.has_value());
  CHECK(f.aws.param(1, "WebIdentityToken") == "profile-jwt-token");
  CHECK(f.aws.param(1, "RoleSessionName") == "web-session");

  // The assume-role provider leaves a token-file-only role profile alone.
  CHECK_FALSE(f.assume("webid").value().has_value());

  // Missing role ARN, missing token file, STS refusing.
  f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = env_token;
  f.env.erase("AWS_ROLE_ARN");
  config = config_resolver::load(f.env).value();
  web_identity_provider no_role(config, "default", f.aws.caller());
  r = awscoro::test::run_sync(f.ioc, no_role.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("AWS_ROLE_ARN") != std::string::npos);

  f.env["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/envweb";
  f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = f.home.path() + "/missing.jwt";
  config = config_resolver::load(f.env).value();
  web_identity_provider no_file(config, "default", f.aws.caller());
  r = awscoro::test::run_sync(f.ioc, no_file.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("missing.jwt") != std::string::npos);

  f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = env_token;
  f.aws.fail_with = "An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation";
  config = config_resolver::load(f.env).value();
  web_identity_provider refused(config, "default", f.aws.caller());
  r = awscoro::test::run_sync(f.ioc, refused.load());
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("InvalidIdentityToken") != std::string::npos);
  CHECK(r.error().message.find("env-jwt-token") == std::string::npos);
}

namespace {

constexpr std::string_view sso_config = R"([profile sso-new]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 222222222222
sso_role_name = ReadOnly
[profile sso-missing]
sso_start_url = https://legacy.awsapps.com/start
sso_account_id = 222222222222
[profile sso-bad-session]
sso_session = nowhere
sso_account_id = 1
sso_role_name = r
)";

std::string iso_in(std::chrono::seconds from_now) {
  auto t = std::chrono::system_clock::now() + from_now;
  return format_iso8601(std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count());
}

struct sso_fixture {
  temp_home home;
  asio::io_context ioc;
  fake_aws aws;
  sso_fixture() { home.write(".aws/config", sso_config); }
  std::string cache_file(std::string_view key) const {
    return sso_cache_path(home.path() + "/.aws/sso/cache", key);
  }
  void write_token(std::string_view key, json::object token) const {
    auto path = cache_file(key);
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << json::serialize(token);
  }
  credential_result load(std::string const& profile) {
    auto config = config_resolver::load({{"HOME", home.path()}}, profile).value();
    sso_provider p(config, profile, aws.caller());
    return awscoro::test::run_sync(ioc, p.load());
  }
};

}  // namespace

TEST_CASE("SSO with an sso-session and a fresh token") {
  sso_fixture f;
  // botocore's cache name for session "corp" is the sha1 of the name.
  CHECK(std::filesystem::path(f.cache_file("corp")).filename() == "ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
  f.write_token("corp", {{"accessToken", "cachedaccesstoken"}, {"expiresAt", iso_in(std::chrono::hours(2))}});
  auto r = f.load("sso-new");
  REQUIRE(r.has_value());
  REQUIRE(r->has_value());
  CHECK((*r)->access_key == "AKIDSSO");
  CHECK((*r)->method == "sso");
  CHECK((*r)->account_id == "111111111111");
  REQUIRE((*r)->expiry.has_value());
  CHECK(std::chrono::duration_cast<std::chrono::seconds>((*r)->expiry->time_since_epoch()).count() == 1893456000);
  REQUIRE(f.aws.calls.size() == 1);
  CHECK(f.aws.calls[0].service == "sso");
  CHECK(f.aws.calls[0].operation == "GetRoleCredentials");
  CHECK(f.aws.calls[0].region == "eu-west-1");
  CHECK_FALSE(f.aws.calls[0].creds.has_value());
  CHECK(f.aws.param(0, "accessToken") == "cachedaccesstoken");
  CHECK(f.aws.param(0, "roleName") == "Admin");
  CHECK(f.aws.param(0, "accountId") == "111111111111");
}

TEST_CASE("SSO refreshes a token near expiry and rewrites the cache 0600") {
  sso_fixture f;
  f.write_token("corp", {{"accessToken", "oldaccesstoken"},
                         {"expiresAt", iso_in(std::chrono::minutes(5))},
                         {"refreshToken", "oldrefreshtoken"},
                         {"clientId", "cid"},
                         {"clientSecret", "csecret"},
                         {"registrationExpiresAt", iso_in(std::chrono::hours(24 * 30))},
                         {"startUrl", "https://corp.awsapps.com/start"}});
  auto r = f.load("sso-new");
  REQUIRE(r.has_value());
  REQUIRE(f.aws.calls.size() == 2);
  CHECK(f.aws.calls[0].service == "sso-oidc");
  CHECK(f.aws.calls[0].operation == "CreateToken");
  CHECK(f.aws.param(0, "grantType") == "refresh_token");
  CHECK(f.aws.param(0, "refreshToken") == "oldrefreshtoken");
  CHECK(f.aws.param(1, "accessToken") == "refreshedaccesstoken");

  struct stat st {};
  REQUIRE(::stat(f.cache_file("corp").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::ifstream in(f.cache_file("corp"));
  std::stringstream text;
  text << in.rdbuf();
  auto doc = json::parse(text.str()).as_object();
  CHECK(doc.at("accessToken").as_string() == "refreshedaccesstoken");
  CHECK(doc.at("refreshToken").as_string() == "newrefreshtoken");
  CHECK(doc.at("startUrl").as_string() == "https://corp.awsapps.com/start");
  auto expires = parse_timestamp(std::string(doc.at("expiresAt").as_string()));
  REQUIRE(expires.has_value());
  CHECK(*expires > now_us() + 3000LL * 1000000);
  // No temporary file is left behind.
  int files = 0;
  for (auto const& e : std::filesystem::directory_iterator(std::filesystem::path(f.cache_file("corp")).parent_path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("SSO legacy profile, expired tokens, missing configuration") {
  sso_fixture f;
  auto r = f.load("sso-legacy");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("Token for https://legacy.awsapps.com/start does not exist") != std::string::npos);

  f.write_token("https://legacy.awsapps.com/start",
                {{"accessToken", "legacytoken"}, {"expiresAt", iso_in(std::chrono::hours(1))}});
  r = f.load("sso-legacy");
  REQUIRE(r.has_value());
  CHECK(f.aws.calls.at(0).region == "us-east-2");
  CHECK(f.aws.param(0, "accessToken") == "legacytoken");

  // Legacy tokens are not refreshed: expired means log in again.
  f.write_token("https://legacy.awsapps.com/start",
                {{"accessToken", "legacytoken"}, {"expiresAt", iso_in(-std::chrono::hours(1))}});
  r = f.load("sso-legacy");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("has expired or is otherwise invalid") != std::string::npos);

  // An expired session token whose refresh fails.
  f.write_token("corp", {{"accessToken", "old"}, {"expiresAt", iso_in(-std::chrono::minutes(1))},
                         {"refreshToken", "rt"}, {"clientId", "c"}, {"clientSecret", "s"}});
  f.aws.fail_with = "An error occurred (InvalidGrantException) when calling the CreateToken operation";
  r = f.load("sso-new");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("has expired") != std::string::npos);

  r = f.load("sso-missing");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("missing required configuration: sso_region, sso_role_name") != std::string::npos);
  r = f.load("sso-bad-session");
  REQUIRE(r.has_error());
  CHECK(r.error().message.find("sso-session does not exist: \"nowhere\"") != std::string::npos);
}

TEST_CASE("the default chain order and the role provider in it") {
  role_fixture f;
  f.env["AWS_EC2_METADATA_DISABLED"] = "true";
  auto config = config_resolver::load(f.env).value();
  auto chain = make_default_credential_chain(config, f.aws.caller());
  CHECK(chain->describe() ==
        "env, assume-role, assume-role-with-web-identity, sso, shared-credentials-file, login, custom-process, "
        "config-file, container-role, iam-role");
  f.env["AWS_PROFILE"] = "chained";
  config = config_resolver::load(f.env).value();
  auto r = awscoro::test::run_sync(f.ioc, make_default_credential_chain(config, f.aws.caller())->resolve());
  REQUIRE(r.has_value());
  CHECK((*r)->method == "assume-role");
}

TEST_CASE("errors and debug logs never contain secret values") {
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  auto logger = spdlog::get("awscoro");
  if (!logger) {
    logger = std::make_shared<spdlog::logger>("awscoro", sink);
    spdlog::register_logger(logger);
  } else {
    logger->sinks().push_back(sink);
  }
  auto old_level = logger->level();
  logger->set_level(spdlog::level::debug);

  std::vector<std::string> messages;
  std::vector<std::string> const secrets = {"basesecretvalue", "rolesecretvalue", "hiddenjwt", "topsecretaccess",
                                            "containersecrettoken", "hiddenrefresh", "csecretvalue"};
  {
    role_fixture f;
    f.aws.fail_with = "An error occurred (AccessDenied) when calling the AssumeRole operation: not allowed";
    auto r = f.assume("role");
    REQUIRE(r.has_error());
    messages.push_back(r.error().message);

    auto jwt = f.home.write("hidden.jwt", "hiddenjwt");
    f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = jwt;
    auto config = config_resolver::load(f.env).value();
    web_identity_provider w(config, "default", f.aws.caller());
    auto wr = awscoro::test::run_sync(f.ioc, w.load());
    REQUIRE(wr.has_error());
    messages.push_back(wr.error().message);
  }
  {
    awscoro::test::test_server bad([](awscoro::test::received_request const&) {
      return awscoro::test::test_response{500, {}, "internal"};
    });
    asio::io_context ioc;
    container_provider c({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", bad.url() + "/"},
                          {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "containersecrettoken"}},
                         std::chrono::milliseconds(500), 2);
    auto r = awscoro::test::run_sync(ioc, c.load());
    REQUIRE(r.has_error());
    messages.push_back(r.error().message);
  }
  {
    sso_fixture f;
    f.write_token("corp", {{"accessToken", "topsecretaccess"}, {"expiresAt", iso_in(std::chrono::minutes(1))},
                           {"refreshToken", "hiddenrefresh"}, {"clientId", "c"}, {"clientSecret", "csecretvalue"}});
    f.aws.fail_with = "An error occurred (UnauthorizedException) when calling the GetRoleCredentials operation";
    auto r = f.load("sso-new");
    REQUIRE(r.has_error());
    messages.push_back(r.error().message);
  }
  logger->flush();
  logger->set_level(old_level);
  auto& sinks = logger->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());

  CHECK(captured.str().find("SSO token refresh failed") != std::string::npos);  // the log was captured
  for (auto const& secret : secrets) {
    CAPTURE(secret);
    CHECK(captured.str().find(secret) == std::string::npos);
    for (auto const& m : messages) {
      CAPTURE(m);
      CHECK(m.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("login: a refused refresh says why, as botocore's LoginError kinds do") {
  temp_home home;
  home.write(".aws/config", "[profile signin]\nlogin_session = arn:aws:sts::012345678910:assumed-role/Admin/admin\n");
  json::object token{{"accessToken", json::object{{"accessKeyId", "OLDKEY"}, {"secretAccessKey", "oldsecretvalue"},
                                                  {"sessionToken", "oldsessiontoken"}, {"accountId", "012345678910"},
                                                  {"expiresAt", "2020-01-01T00:00:00Z"}}},
                     {"clientId", "arn:aws:signin:::devtools/same-device"},
                     {"refreshToken", "therefreshtokenvalue"},
                     {"dpopKey", awscoro::test::new_private_key_pem()}};
  std::string cache = home.path() + "/cache";
  std::filesystem::create_directories(cache);
  std::ofstream(login_cache_path(cache, "arn:aws:sts::012345678910:assumed-role/Admin/admin")) << json::serialize(token);
  environment env{{"HOME", home.path()}, {"AWS_LOGIN_CACHE_DIRECTORY", cache}};
  auto config = config_resolver::load(env, std::string("signin")).value();

  auto refresh_error = [&](json::object response, std::string message = "denied") {
    asio::io_context ioc;
    fake_aws aws;
    aws.fail_with = std::move(message);
    aws.fail_response = std::move(response);
    login_provider provider(config, "signin", aws.caller());
    auto result = awscoro::test::run_sync(ioc, provider.load());
    REQUIRE_FALSE(result.has_value());
    CHECK(aws.calls.size() == 1);
    std::string text = result.error().message;
    CHECK(text.find("therefreshtokenvalue") == std::string::npos);
    CHECK(text.find("oldsecretvalue") == std::string::npos);
    return text;
  };
  auto denied = [](char const* kind) {
    return json::object{{"Error", json::object{{"Code", "AccessDeniedException"}, {"Message", "no"}}}, {"error", kind}};
  };
  CHECK(refresh_error(denied("TOKEN_EXPIRED")) ==
        "Your session has expired or credentials have changed. Please reauthenticate using 'aws login'.");
  CHECK(refresh_error(denied("USER_CREDENTIALS_CHANGED")).find("Your session has expired") == 0);
  CHECK(refresh_error(denied("INSUFFICIENT_PERMISSIONS")) ==
        "Unable to create or refresh login credentials due to insufficient permissions. You may be missing permission "
        "for the 'signin:CreateOAuth2Token' action.");
  CHECK(refresh_error(denied("server_error")).find("An unspecified error happened") == 0);
  // Anything else (no answer from signin, another error) names itself.
  CHECK(refresh_error({}, "cannot connect to signin.us-east-1.amazonaws.com:443: refused") ==
        "Unable to refresh the login session arn:aws:sts::012345678910:assumed-role/Admin/admin: cannot connect to "
        "signin.us-east-1.amazonaws.com:443: refused. Please reauthenticate with 'aws login'.");
}

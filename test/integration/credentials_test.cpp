// Role credentials through the session's own STS client, against moto_server on 127.0.0.1.
#include <doctest/doctest.h>

#include "credentials_env.hpp"
#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::credentials_env;
using awscoro::test::moto_endpoint;

TEST_CASE("assume-role through moto: a source profile chain, then a call with the role's keys") {
  REQUIRE_FALSE(moto_endpoint().empty());
  credentials_env env(R"([profile base]
aws_access_key_id = AKIDBASEMOTO
aws_secret_access_key = basesecretmoto
[profile first]
role_arn = arn:aws:iam::123456789012:role/first-role
source_profile = base
role_session_name = first-session
[profile second]
role_arn = arn:aws:iam::123456789012:role/second-role
source_profile = first
role_session_name = second-session
duration_seconds = 1800
)");
  boost::asio::io_context ioc;
  session sess(ioc.get_executor(), session_options{.profile = "second"});
  auto creds = awscoro::test::run_sync(ioc, sess.get_credentials());
  CHECK(creds.method == "assume-role");
  CHECK(creds.access_key.rfind("ASIA", 0) == 0);
  CHECK_FALSE(creds.token.empty());
  REQUIRE(creds.expiry.has_value());
  CHECK(*creds.expiry > std::chrono::system_clock::now());

  // Cached: the same keys again, no second AssumeRole.
  auto again = awscoro::test::run_sync(ioc, sess.get_credentials());
  CHECK(again.access_key == creds.access_key);

  // A call signed with the role's credentials: moto says who we are.
  auto sts = awscoro::test::run_sync(ioc, sess.create_client("sts"));
  auto who = awscoro::test::run_sync(ioc, sts.call("GetCallerIdentity"));
  CHECK(std::string(who.at("Arn").as_string()).find("second-role/second-session") != std::string::npos);
}

TEST_CASE("assume-role-with-web-identity through moto") {
  REQUIRE_FALSE(moto_endpoint().empty());
  credentials_env env("[default]\nregion = us-east-1\n");
  auto token = env.write("token.jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb3RvIn0.c2lnbmF0dXJl");
  env.set("AWS_WEB_IDENTITY_TOKEN_FILE", token);
  env.set("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web-role");
  env.set("AWS_ROLE_SESSION_NAME", "web-session");
  boost::asio::io_context ioc;
  session sess(ioc.get_executor());
  auto creds = awscoro::test::run_sync(ioc, sess.get_credentials());
  CHECK(creds.method == "assume-role-with-web-identity");
  CHECK(creds.access_key.rfind("ASIA", 0) == 0);
  CHECK_FALSE(creds.token.empty());
}

TEST_CASE("assume-role errors name the profile") {
  REQUIRE_FALSE(moto_endpoint().empty());
  credentials_env env(R"([profile a]
role_arn = arn:aws:iam::123456789012:role/a
source_profile = b
[profile b]
role_arn = arn:aws:iam::123456789012:role/b
source_profile = a
)");
  boost::asio::io_context ioc;
  session sess(ioc.get_executor(), session_options{.profile = "a"});
  std::string message;
  try {
    awscoro::test::run_sync(ioc, sess.get_credentials());
  } catch (std::exception const& e) {
    message = e.what();
  }
  CHECK(message.find("Infinite loop in profile configuration: a -> b -> a") != std::string::npos);
}

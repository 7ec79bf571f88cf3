// Role credentials through the session's own STS client, against moto_server on 127.0.0.1.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_endpoint;

namespace {

// A temporary HOME with the given config file, and the process environment set for the test
// (everything restored afterwards).
class credentials_env {
 public:
  explicit credentials_env(std::string const& config_text) {
    std::string pattern = (std::filesystem::temp_directory_path() / "awscoro-cred-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    home_ = pattern;
    std::filesystem::create_directories(home_ + "/.aws");
    std::ofstream(home_ + "/.aws/config") << config_text;
    for (char const* name : {"HOME", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE",
                             "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                             "AWS_ENDPOINT_URL", "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE",
                             "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_DEFAULT_REGION"}) {
      if (char const* v = std::getenv(name)) saved_[name] = v;
      ::unsetenv(name);
    }
    set("HOME", home_);
    set("AWS_ENDPOINT_URL", moto_endpoint());
    set("AWS_EC2_METADATA_DISABLED", "true");
    set("AWS_DEFAULT_REGION", "us-east-1");
  }
  ~credentials_env() {
    for (auto const& name : set_) ::unsetenv(name.c_str());
    for (auto const& [name, value] : saved_) ::setenv(name.c_str(), value.c_str(), 1);
    std::error_code ec;
    std::filesystem::remove_all(home_, ec);
  }
  void set(std::string const& name, std::string const& value) {
    ::setenv(name.c_str(), value.c_str(), 1);
    set_.push_back(name);
  }
  std::string write(std::string const& name, std::string const& text) const {
    std::ofstream(home_ + "/" + name) << text;
    return home_ + "/" + name;
  }

 private:
  std::string home_;
  std::map<std::string, std::string> saved_;
  std::vector<std::string> set_;
};

}  // namespace

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

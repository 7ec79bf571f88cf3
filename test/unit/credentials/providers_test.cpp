#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include "../config/temp_home.hpp"
#include "config/config_resolver.hpp"
#include "credentials/environment_provider.hpp"
#include "credentials/profile_file_provider.hpp"
#include "credentials/static_provider.hpp"
#include "run_sync.hpp"

using namespace awscoro::detail;
using awscoro::test::temp_home;

namespace {

constexpr std::string_view credentials_text = R"([default]
aws_access_key_id = AKIDCRED
aws_secret_access_key = credsecretvalue
aws_session_token = tok=en:value
aws_account_id = 123456789012
[dev]
aws_access_key_id=AKIDDEV
aws_secret_access_key=devsecretvalue
aws_security_token = legacy-token
aws_session_token = newer-token
[half]
aws_access_key_id = AKIDHALF
[secret-only]
aws_secret_access_key = lonelysecretvalue
)";

constexpr std::string_view config_text = R"([default]
region = us-east-1
[profile dev]
aws_access_key_id = AKIDCONFIGDEV
aws_secret_access_key = configsecretvalue
[profile half]
aws_access_key_id = AKIDCONFIGHALF
[profile nested]
aws_access_key_id =
  x = y
aws_secret_access_key = nestedsecretvalue
)";

std::shared_ptr<config_files const> load_files(temp_home const& home) {
  auto files = load_config_files("~/.aws/config", "~/.aws/credentials", {{"HOME", home.path()}});
  REQUIRE(files.has_value());
  return std::make_shared<config_files const>(std::move(*files));
}

}  // namespace

TEST_CASE("environment provider") {
  environment env{{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecretvalue"}};
  auto c = environment_provider(env).load_now().value();
  REQUIRE(c.has_value());
  CHECK(c->access_key == "AKIDENV");
  CHECK(c->secret_key == "envsecretvalue");
  CHECK(c->token == "");
  CHECK(c->method == "env");
  CHECK_FALSE(c->expiry.has_value());

  // AWS_SECURITY_TOKEN is read before AWS_SESSION_TOKEN, as botocore does.
  env["AWS_SESSION_TOKEN"] = "t2";
  CHECK(environment_provider(env).load_now().value()->token == "t2");
  env["AWS_SECURITY_TOKEN"] = "t1";
  CHECK(environment_provider(env).load_now().value()->token == "t1");
  env["AWS_SECURITY_TOKEN"] = "";
  CHECK(environment_provider(env).load_now().value()->token == "t2");

  env["AWS_CREDENTIAL_EXPIRATION"] = "2030-01-02T03:04:05Z";
  env["AWS_ACCOUNT_ID"] = "111122223333";
  c = environment_provider(env).load_now().value();
  REQUIRE(c->expiry.has_value());
  CHECK(std::chrono::duration_cast<std::chrono::seconds>(c->expiry->time_since_epoch()).count() == 1893553445);
  CHECK(c->account_id == "111122223333");

  env["AWS_CREDENTIAL_EXPIRATION"] = "soon";
  auto bad = environment_provider(env).load_now();
  REQUIRE(bad.has_error());
  CHECK(bad.error().code == awscoro::make_error_code(awscoro::error::credential_provider));
  CHECK(bad.error().message.find("AWS_CREDENTIAL_EXPIRATION") != std::string::npos);
  CHECK(bad.error().message.find("envsecretvalue") == std::string::npos);
}

TEST_CASE("environment provider: partial and absent keys") {
  auto partial = environment_provider(environment{{"AWS_ACCESS_KEY_ID", "AKIDENV"}}).load_now();
  REQUIRE(partial.has_error());
  CHECK(partial.error().code == awscoro::make_error_code(awscoro::error::partial_credentials));
  CHECK(partial.error().message == "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
  partial = environment_provider(environment{{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", ""}}).load_now();
  CHECK(partial.has_error());
  // botocore's EnvProvider keys on the access key: a secret alone is not credentials here.
  auto secret_only = environment_provider(environment{{"AWS_SECRET_ACCESS_KEY", "envsecretvalue"}}).load_now();
  REQUIRE(secret_only.has_value());
  CHECK_FALSE(secret_only->has_value());
  CHECK_FALSE(environment_provider(environment{}).load_now().value().has_value());
}

TEST_CASE("shared credentials file provider") {
  temp_home home;
  home.write(".aws/credentials", credentials_text);
  home.write(".aws/config", config_text);
  auto files = load_files(home);

  auto c = profile_file_provider(files, "default", profile_file::credentials).load_now().value();
  REQUIRE(c.has_value());
  CHECK(c->access_key == "AKIDCRED");
  CHECK(c->secret_key == "credsecretvalue");
  CHECK(c->token == "tok=en:value");
  CHECK(c->account_id == "123456789012");
  CHECK(c->method == "shared-credentials-file");

  c = profile_file_provider(files, "dev", profile_file::credentials).load_now().value();
  CHECK(c->token == "legacy-token");  // aws_security_token before aws_session_token

  CHECK_FALSE(profile_file_provider(files, "secret-only", profile_file::credentials).load_now().value().has_value());
  CHECK_FALSE(profile_file_provider(files, "nobody", profile_file::credentials).load_now().value().has_value());

  auto half = profile_file_provider(files, "half", profile_file::credentials).load_now();
  REQUIRE(half.has_error());
  CHECK(half.error().code == awscoro::make_error_code(awscoro::error::partial_credentials));
  CHECK(half.error().message == "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key "
                                "(profile half in " + home.path() + "/.aws/credentials)");
}

TEST_CASE("config file provider reads [profile x], not credentials-file sections") {
  temp_home home;
  home.write(".aws/credentials", credentials_text);
  home.write(".aws/config", config_text);
  auto files = load_files(home);

  auto c = profile_file_provider(files, "dev", profile_file::config).load_now().value();
  REQUIRE(c.has_value());
  CHECK(c->access_key == "AKIDCONFIGDEV");
  CHECK(c->method == "config-file");
  // [default] of the config file has no keys; the credentials file's [default] is not its business.
  CHECK_FALSE(profile_file_provider(files, "default", profile_file::config).load_now().value().has_value());

  auto half = profile_file_provider(files, "half", profile_file::config).load_now();
  REQUIRE(half.has_error());
  CHECK(half.error().message == "Partial credentials found in config-file, missing: aws_secret_access_key "
                                "(profile half in " + home.path() + "/.aws/config)");
  auto nested = profile_file_provider(files, "nested", profile_file::config).load_now();
  REQUIRE(nested.has_error());
  CHECK(nested.error().code == awscoro::make_error_code(awscoro::error::credential_provider));
  CHECK(nested.error().message.find("nestedsecretvalue") == std::string::npos);
}

TEST_CASE("static provider") {
  auto c = static_provider(std::string("AKIDX"), std::string("xsecretvalue"), std::string("tok")).load_now().value();
  REQUIRE(c.has_value());
  CHECK(c->method == "explicit");
  CHECK(c->token == "tok");
  CHECK_FALSE(static_provider(std::nullopt, std::nullopt).load_now().value().has_value());
  auto partial = static_provider(std::nullopt, std::string("xsecretvalue")).load_now();
  REQUIRE(partial.has_error());
  CHECK(partial.error().code == awscoro::make_error_code(awscoro::error::partial_credentials));
  CHECK(partial.error().message == "Partial credentials found in explicit, missing: aws_access_key_id");
  CHECK(partial.error().message.find("xsecretvalue") == std::string::npos);

  boost::asio::io_context ioc;
  static_provider p(awscoro::credentials{"AKIDS", "ssecretvalue"});
  auto loaded = awscoro::test::run_sync(ioc, p.load());
  REQUIRE(loaded.has_value());
  CHECK((*loaded)->method == "explicit");
}

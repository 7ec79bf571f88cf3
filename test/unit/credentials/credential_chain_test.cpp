#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>

#include "../config/temp_home.hpp"
#include "credentials/credential_chain.hpp"
#include "credentials/static_provider.hpp"
#include "run_sync.hpp"

using namespace awscoro::detail;
using awscoro::test::temp_home;

namespace {

constexpr std::string_view config_text = R"([default]
region = us-east-1
[profile dev]
aws_access_key_id = AKIDCONFIGDEV
aws_secret_access_key = configsecretvalue
[profile cfgonly]
aws_access_key_id = AKIDCFGONLY
aws_secret_access_key = cfgonlysecretvalue
[profile half]
aws_access_key_id = AKIDHALFCONFIG
)";

constexpr std::string_view credentials_text = R"([default]
aws_access_key_id = AKIDCRED
aws_secret_access_key = credsecretvalue
[dev]
aws_access_key_id = AKIDDEV
aws_secret_access_key = devsecretvalue
[half]
aws_access_key_id = AKIDHALF
)";

struct fixture {
  temp_home home;
  environment env;
  boost::asio::io_context ioc;
  fixture() {
    home.write(".aws/config", config_text);
    home.write(".aws/credentials", credentials_text);
    env = {{"HOME", home.path()}};
  }
  credential_result resolve(std::optional<std::string> profile = {}) {
    auto config = config_resolver::load(env, std::move(profile));
    REQUIRE(config.has_value());
    auto chain = make_default_credential_chain(*config);
    return awscoro::test::run_sync(ioc, chain->resolve());
  }
};

// A provider that records being asked and answers as told.
class scripted_provider final : public credential_provider {
 public:
  scripted_provider(std::string name, credential_result answer) : name_(std::move(name)), answer_(std::move(answer)) {}
  std::string_view name() const noexcept override { return name_; }
  boost::asio::awaitable<credential_result> load() override {
    ++calls;
    co_return answer_;
  }
  int calls = 0;

 private:
  std::string name_;
  credential_result answer_;
};

}  // namespace

TEST_CASE("the default chain in botocore's order; env, shared credentials file, config file") {
  fixture f;
  auto config = config_resolver::load(f.env).value();
  CHECK(make_default_credential_chain(config)->describe() ==
        "env, assume-role, assume-role-with-web-identity, sso, shared-credentials-file, login, custom-process, config-file, "
        "container-role, iam-role");

  auto c = f.resolve().value();
  REQUIRE(c.has_value());
  CHECK(c->access_key == "AKIDCRED");
  CHECK(c->method == "shared-credentials-file");

  // The environment wins over the files.
  f.env["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  f.env["AWS_SECRET_ACCESS_KEY"] = "envsecretvalue";
  CHECK(f.resolve().value()->method == "env");
  // ... also with a profile from AWS_PROFILE (botocore keeps the env provider then) ...
  f.env["AWS_PROFILE"] = "dev";
  CHECK(f.resolve().value()->access_key == "AKIDENV");
  // ... but an explicitly given profile leaves the environment out.
  f.env.erase("AWS_PROFILE");
  auto explicit_dev = f.resolve(std::string("dev")).value();
  CHECK(explicit_dev->access_key == "AKIDDEV");
  CHECK(explicit_dev->method == "shared-credentials-file");
  CHECK(make_default_credential_chain(config_resolver::load(f.env, std::string("dev")).value())->describe() ==
        "assume-role, assume-role-with-web-identity, sso, shared-credentials-file, login, custom-process, "
        "config-file, container-role, iam-role");

  // A profile only the config file has keys for.
  f.env.erase("AWS_ACCESS_KEY_ID");
  f.env.erase("AWS_SECRET_ACCESS_KEY");
  f.env["AWS_PROFILE"] = "cfgonly";
  c = f.resolve().value();
  CHECK(c->access_key == "AKIDCFGONLY");
  CHECK(c->method == "config-file");
}

TEST_CASE("the chain stops at a partial profile and reports it without secrets") {
  fixture f;
  f.env["AWS_PROFILE"] = "half";
  auto r = f.resolve();
  REQUIRE(r.has_error());
  CHECK(r.error().code == awscoro::make_error_code(awscoro::error::partial_credentials));
  CHECK(r.error().message.find("aws_secret_access_key") != std::string::npos);
  CHECK(r.error().message.find("profile half") != std::string::npos);

  f.env["AWS_PROFILE"] = "dev";
  f.env["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  r = f.resolve();
  REQUIRE(r.has_error());
  CHECK(r.error().message == "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
}

TEST_CASE("no credentials anywhere: an empty answer, not an error") {
  temp_home home;
  boost::asio::io_context ioc;
  // The instance metadata service is off: tests never leave 127.0.0.1.
  auto config = config_resolver::load({{"HOME", home.path()}, {"AWS_EC2_METADATA_DISABLED", "true"}}).value();
  auto r = awscoro::test::run_sync(ioc, make_default_credential_chain(config)->resolve());
  REQUIRE(r.has_value());
  CHECK_FALSE(r->has_value());
}

TEST_CASE("chain order, first answer wins, errors stop it, editing by name") {
  boost::asio::io_context ioc;
  auto none = std::make_shared<scripted_provider>("a", std::optional<awscoro::credentials>{});
  auto creds = std::make_shared<scripted_provider>(
      "b", std::optional<awscoro::credentials>(awscoro::credentials{"AKIDB", "bsecretvalue", "", {}, "b"}));
  auto never = std::make_shared<scripted_provider>("c", std::optional<awscoro::credentials>{});
  credential_chain chain({none, creds, never});
  auto r = awscoro::test::run_sync(ioc, chain.resolve());
  CHECK(r.value()->access_key == "AKIDB");
  CHECK(none->calls == 1);
  CHECK(never->calls == 0);

  auto failing = std::make_shared<scripted_provider>(
      "broken", make_error_info(awscoro::error::credential_provider, "broken: exploded"));
  CHECK(chain.insert_before("b", failing));
  CHECK(chain.describe() == "a, broken, b, c");
  r = awscoro::test::run_sync(ioc, chain.resolve());
  REQUIRE(r.has_error());
  CHECK(r.error().message == "broken: exploded");
  chain.remove("broken");
  chain.remove("not-there");
  CHECK(chain.insert_after("c", std::make_shared<static_provider>(std::nullopt, std::nullopt)));
  CHECK_FALSE(chain.insert_after("missing", failing));
  CHECK(chain.describe() == "a, b, c, explicit");
}

// The session's credential hooks (a custom provider in the chain, an MFA prompter for role
// profiles) and the enumerated-config checks at client creation, against moto_server.
#include <doctest/doctest.h>

#include <stdexcept>

#include "credentials_env.hpp"
#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::credentials_env;
using awscoro::test::moto_endpoint;
using awscoro::test::run_sync;

namespace {

class vault_provider final : public credential_provider {
 public:
  explicit vault_provider(bool fail = false) : fail_(fail) {}
  std::string name() const override { return "vault"; }
  boost::asio::awaitable<std::optional<credentials>> load() override {
    ++loads;
    if (fail_) throw std::runtime_error("vault sealed");
    credentials c;
    c.access_key = "AKIDVAULT";
    c.secret_key = "vaultsecret";
    co_return c;
  }
  int loads = 0;

 private:
  bool fail_;
};

std::string error_of(boost::asio::io_context& ioc, boost::asio::awaitable<credentials> op) {
  try {
    run_sync(ioc, std::move(op));
  } catch (std::exception const& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a custom credential provider placed in the chain signs calls to moto") {
  REQUIRE_FALSE(moto_endpoint().empty());
  credentials_env env("[default]\nregion = us-east-1\n");
  env.set("AWS_ACCESS_KEY_ID", "AKIDENVIRON");
  env.set("AWS_SECRET_ACCESS_KEY", "envsecret");
  boost::asio::io_context ioc;

  auto vault = std::make_shared<vault_provider>();
  session first(ioc.get_executor(), session_options{.credential_providers = {{.provider = vault}}});
  auto creds = run_sync(ioc, first.get_credentials());
  CHECK(creds.access_key == "AKIDVAULT");
  CHECK(creds.method == "vault");
  auto sts = run_sync(ioc, first.create_client("sts"));
  auto who = run_sync(ioc, sts.call("GetCallerIdentity"));
  CHECK(who.contains("Arn"));
  CHECK(vault->loads == 1);

  // After "env", the environment's keys win and the provider is never asked.
  auto later = std::make_shared<vault_provider>();
  session second(ioc.get_executor(),
                 session_options{.credential_providers = {{.provider = later, .insert_after = "env"}}});
  CHECK(run_sync(ioc, second.get_credentials()).method == "env");
  CHECK(later->loads == 0);

  session unknown(ioc.get_executor(),
                  session_options{.credential_providers = {{.provider = later, .insert_before = "nowhere"}}});
  auto message = error_of(ioc, unknown.get_credentials());
  CHECK(message.find("no provider named \"nowhere\" in the credential chain (env, assume-role") != std::string::npos);

  session failing(ioc.get_executor(),
                  session_options{.credential_providers = {{.provider = std::make_shared<vault_provider>(true)}}});
  CHECK(error_of(ioc, failing.get_credentials()) == "Error when retrieving credentials from vault: vault sealed");
}

TEST_CASE("assume-role with mfa_serial asks the session's MFA prompter; moto accepts the code") {
  REQUIRE_FALSE(moto_endpoint().empty());
  credentials_env env(R"([profile base]
aws_access_key_id = AKIDBASEMOTO
aws_secret_access_key = basesecretmoto
[profile mfa]
role_arn = arn:aws:iam::123456789012:role/mfa-role
source_profile = base
role_session_name = mfa-session
mfa_serial = arn:aws:iam::123456789012:mfa/alice
)");
  boost::asio::io_context ioc;
  std::string asked;
  session sess(ioc.get_executor(),
               session_options{.profile = "mfa",
                               .mfa_prompter = [&asked](std::string serial) -> boost::asio::awaitable<std::string> {
                                 asked = serial;
                                 co_return "123456";
                               }});
  auto creds = run_sync(ioc, sess.get_credentials());
  CHECK(asked == "arn:aws:iam::123456789012:mfa/alice");
  CHECK(creds.method == "assume-role");
  CHECK(creds.access_key.rfind("ASIA", 0) == 0);

  session without(ioc.get_executor(), session_options{.profile = "mfa"});
  CHECK(error_of(ioc, without.get_credentials()).find("no MFA prompter is set") != std::string::npos);

  session refusing(ioc.get_executor(),
                   session_options{.profile = "mfa",
                                   .mfa_prompter = [](std::string) -> boost::asio::awaitable<std::string> {
                                     throw std::runtime_error("user cancelled");
                                     co_return "";
                                   }});
  CHECK(error_of(ioc, refusing.get_credentials()).find("the MFA prompter failed for profile mfa: user cancelled") !=
        std::string::npos);
}

TEST_CASE("invalid checksum and account-id settings fail client creation with botocore's text") {
  credentials_env env("[default]\nregion = us-east-1\nresponse_checksum_validation = sometimes\n");
  boost::asio::io_context ioc;
  session sess(ioc.get_executor());
  auto create = [&](client_config config) -> std::string {
    try {
      run_sync(ioc, sess.create_client("s3", {.config = config}));
    } catch (std::exception const& e) {
      return e.what();
    }
    return "created";
  };
  CHECK(create({}) ==
        "Unsupported configuration value for response_checksum_validation. Expected one of ('when_supported', "
        "'when_required') but got sometimes.");
  client_config fixed;
  fixed.response_checksum_validation = "WHEN_REQUIRED";
  CHECK(create(fixed) == "created");
  fixed.request_checksum_calculation = "always";
  CHECK(create(fixed) ==
        "Unsupported configuration value for request_checksum_calculation. Expected one of ('when_supported', "
        "'when_required') but got always.");
  fixed.request_checksum_calculation = "when_supported";
  fixed.account_id_endpoint_mode = "Maybe";
  CHECK(create(fixed) == "The configured value 'maybe' for 'account_id_endpoint_mode' is invalid. Valid values are: "
                         "('preferred', 'disabled', 'required').");
}

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "config/config_files.hpp"
#include "config/config_resolver.hpp"
#include "temp_home.hpp"

using namespace awscoro::detail;
using awscoro::test::temp_home;

namespace {

constexpr std::string_view config_text = R"([DEFAULT]
output = json
[default]
region = us-west-2
retry_mode = standard
s3 =
  addressing_style = path
  use_accelerate_endpoint = TRUE
[profile "dev env"]
region = eu-west-1
max_attempts = 7
services = local
s3_use_arn_region = true
use_fips_endpoint = yes
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = configsecret
[profile  spaced]
endpoint_url = http://127.0.0.1:5000
sdk_ua_app_id = my-app
s3 = not-a-section
[profile broken]
max_attempts = many
services = missing
[services local]
dynamodb =
  endpoint_url = http://127.0.0.1:8000
dynamodb_streams =
  endpoint_url = http://127.0.0.1:8001
[sso-session my-sso]
sso_region = us-east-1
[profile default]
region = from-profile-default
)";

constexpr std::string_view credentials_text = R"([default]
aws_access_key_id = AKIDCRED
aws_secret_access_key = credsecret
[dev env]
region = cred-region
aws_access_key_id = AKIDDEV
aws_secret_access_key = devsecret
)";

struct fixture {
  temp_home home;
  environment env;
  fixture() {
    home.write(".aws/config", config_text);
    home.write(".aws/credentials", credentials_text);
    env = {{"HOME", home.path()}};
  }
  std::shared_ptr<config_resolver const> resolver(std::optional<std::string> profile = {}) const {
    auto r = config_resolver::load(env, std::move(profile));
    REQUIRE(r.has_value());
    return *r;
  }
};

}  // namespace

TEST_CASE("the merged view matches botocore's full_config") {
  fixture f;
  auto r = f.resolver();
  auto const& files = r->files();
  CHECK(files.config_found);
  CHECK(files.credentials_found);
  CHECK(files.config_path == f.home.path() + "/.aws/config");
  std::vector<std::string> profiles;
  for (auto const& [n, _] : files.profiles) profiles.push_back(n);
  // botocore: ['broken', 'default', 'dev env', 'spaced']
  CHECK(profiles == std::vector<std::string>{"broken", "default", "dev env", "spaced"});
  // [profile default] comes later in the file than [default] and replaces it whole.
  CHECK(files.config_profiles.at("default").at("region").text == "from-profile-default");
  CHECK(files.config_profiles.at("default").count("retry_mode") == 0);
  // The credentials file's keys are merged over the config file's profile.
  CHECK(files.profiles.at("dev env").at("region").text == "cred-region");
  CHECK(files.profiles.at("dev env").at("max_attempts").text == "7");
  CHECK(files.profiles.at("default").at("aws_access_key_id").text == "AKIDCRED");
  CHECK(files.sso_sessions.at("my-sso").at("sso_region").text == "us-east-1");
  CHECK(files.services.at("local").at("dynamodb").sub.at("endpoint_url") == "http://127.0.0.1:8000");
}

TEST_CASE("section names are split like shlex") {
  CHECK(split_section_name("profile \"dev env\"") == std::vector<std::string>{"profile", "dev env"});
  CHECK(split_section_name("profile  a\\ b") == std::vector<std::string>{"profile", "a b"});
  CHECK(split_section_name("profile 'x\"y'z") == std::vector<std::string>{"profile", "x\"yz"});
  CHECK(split_section_name("profile 'x\"y' z") == std::vector<std::string>{"profile", "x\"y", "z"});
  CHECK(split_section_name("profile \"a\\\"b\\c\"") == std::vector<std::string>{"profile", "a\"b\\c"});
  CHECK(split_section_name("profile ''") == std::vector<std::string>{"profile", ""});
  CHECK_FALSE(split_section_name("profile \"open").has_value());
}

TEST_CASE("profile selection: explicit, AWS_DEFAULT_PROFILE, AWS_PROFILE, default") {
  fixture f;
  auto r = f.resolver();
  CHECK(r->profile_name() == "default");
  CHECK_FALSE(r->profile_named());
  CHECK(r->get("region") == "from-profile-default");
  CHECK_FALSE(r->get("profile").has_value());

  f.env["AWS_PROFILE"] = "dev env";
  r = f.resolver();
  CHECK(r->profile_name() == "dev env");
  CHECK(r->profile_named());
  CHECK_FALSE(r->profile_explicit());
  CHECK(r->get("region") == "cred-region");

  // botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE.
  f.env["AWS_DEFAULT_PROFILE"] = "spaced";
  CHECK(f.resolver()->profile_name() == "spaced");

  r = f.resolver(std::string("dev env"));
  CHECK(r->profile_name() == "dev env");
  CHECK(r->profile_explicit());

  f.env["AWS_PROFILE"] = "nope";
  f.env.erase("AWS_DEFAULT_PROFILE");
  auto missing = config_resolver::load(f.env);
  REQUIRE(missing.has_error());
  CHECK(missing.error().code == awscoro::make_error_code(awscoro::error::invalid_config));
  CHECK(missing.error().message == "The config profile (nope) could not be found");
}

TEST_CASE("a named default profile must exist; the implicit one need not") {
  temp_home home;
  environment env{{"HOME", home.path()}};
  auto implicit = config_resolver::load(env);
  REQUIRE(implicit.has_value());
  CHECK((*implicit)->scoped_config().empty());
  CHECK_FALSE((*implicit)->files().config_found);
  CHECK((*implicit)->get("region") == std::nullopt);
  env["AWS_PROFILE"] = "default";
  CHECK(config_resolver::load(env).has_error());
}

TEST_CASE("environment over profile over default") {
  fixture f;
  f.env["AWS_PROFILE"] = "dev env";
  auto r = f.resolver();
  CHECK(r->get("max_attempts") == "7");
  CHECK(r->get_int("max_attempts").value() == 7);
  CHECK(r->get("retry_mode") == "legacy");
  CHECK(r->get("sts_regional_endpoints") == "regional");
  CHECK(r->get("request_checksum_calculation") == "when_supported");
  CHECK(r->get("account_id_endpoint_mode") == "preferred");
  CHECK(r->get("config_file") == "~/.aws/config");
  CHECK(r->get("ca_bundle") == std::nullopt);
  CHECK(r->get_bool("use_fips_endpoint") == false);  // ensure_boolean("yes") is false
  CHECK(r->get_bool("use_dualstack_endpoint") == std::nullopt);
  CHECK(r->get("no_such_variable") == std::nullopt);

  f.env["AWS_MAX_ATTEMPTS"] = "3";
  f.env["AWS_DEFAULT_REGION"] = "ap-south-1";
  f.env["AWS_RETRY_MODE"] = "adaptive";
  f.env["AWS_USE_FIPS_ENDPOINT"] = "True";
  f.env["AWS_CA_BUNDLE"] = "/etc/ca.pem";
  f.env["AWS_SDK_UA_APP_ID"] = "env-app";
  r = f.resolver();
  CHECK(r->get_int("max_attempts").value() == 3);
  CHECK(r->get("region") == "ap-south-1");
  CHECK(r->get("retry_mode") == "adaptive");
  CHECK(r->get_bool("use_fips_endpoint") == true);
  CHECK(r->get("ca_bundle") == "/etc/ca.pem");
  CHECK(r->get("user_agent_appid") == "env-app");

  // Set but empty counts as set, as in os.environ.
  f.env["AWS_DEFAULT_REGION"] = "";
  CHECK(f.resolver()->get("region") == "");

  f.env.erase("AWS_RETRY_MODE");
  f.env["AWS_NEW_RETRIES_2026"] = "true";
  CHECK(f.resolver()->get("retry_mode") == "standard");
}

TEST_CASE("a bad integer names the variable and where it came from") {
  fixture f;
  f.env["AWS_PROFILE"] = "broken";
  auto r = f.resolver();
  auto bad = r->get_int("max_attempts");
  REQUIRE(bad.has_error());
  CHECK(bad.error().message == "invalid max_attempts \"many\" (from key max_attempts of profile broken): expected an integer");
  f.env["AWS_MAX_ATTEMPTS"] = " 1_0 ";
  CHECK(f.resolver()->get_int("max_attempts").value() == 10);
  f.env["AWS_MAX_ATTEMPTS"] = "1__0";
  CHECK(f.resolver()->get_int("max_attempts").has_error());
}

TEST_CASE("the s3 sub-section and its overrides") {
  fixture f;
  f.env["AWS_PROFILE"] = "default";
  // [profile default] replaced [default], so no s3 section: nothing set.
  CHECK_FALSE(f.resolver()->s3_section().has_value());

  // A file where [default] holds the sub-section.
  temp_home home;
  home.write(".aws/config", "[default]\ns3 =\n  addressing_style = path\n  use_accelerate_endpoint = TRUE\n"
                            "  signature_version = s3v4\ns3_use_arn_region = true\n");
  environment env{{"HOME", home.path()}};
  auto r = config_resolver::load(env).value();
  auto s3 = r->s3_section();
  REQUIRE(s3.has_value());
  CHECK(*s3 == std::map<std::string, std::string>{{"addressing_style", "path"},
                                                  {"signature_version", "s3v4"},
                                                  {"use_accelerate_endpoint", "true"},
                                                  {"use_arn_region", "true"}});
  auto typed = r->s3_settings();
  CHECK(typed.addressing_style == "path");
  CHECK(typed.use_accelerate_endpoint == true);
  CHECK(typed.use_arn_region == true);
  CHECK(typed.use_dualstack_endpoint == std::nullopt);

  env["AWS_S3_USE_ARN_REGION"] = "false";
  env["AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"] = "legacy";
  r = config_resolver::load(env).value();
  CHECK(r->s3_settings().use_arn_region == false);
  CHECK(r->s3_settings().us_east_1_regional_endpoint == "legacy");

  // A plain-text s3 value makes botocore ignore the whole section.
  fixture g;
  g.env["AWS_PROFILE"] = "spaced";
  g.env["AWS_S3_USE_ARN_REGION"] = "true";
  CHECK_FALSE(g.resolver()->s3_section().has_value());
}

TEST_CASE("configured endpoint URLs: service env, global env, services section, profile") {
  fixture f;
  f.env["AWS_PROFILE"] = "dev env";
  auto r = f.resolver();
  CHECK(r->endpoint_url("DynamoDB").value() == "http://127.0.0.1:8000");
  CHECK(r->endpoint_url("DynamoDB Streams").value() == "http://127.0.0.1:8001");
  CHECK(r->endpoint_url("SQS").value() == std::nullopt);

  f.env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
  r = f.resolver();
  CHECK(r->endpoint_url("SQS").value() == "http://127.0.0.1:4566");
  CHECK(r->endpoint_url("DynamoDB").value() == "http://127.0.0.1:4566");

  f.env["AWS_ENDPOINT_URL_DYNAMODB_STREAMS"] = "http://127.0.0.1:9999";
  f.env["AWS_ENDPOINT_URL_SQS"] = "";  // empty: skipped
  r = f.resolver();
  CHECK(r->endpoint_url("DynamoDB Streams").value() == "http://127.0.0.1:9999");
  CHECK(r->endpoint_url("SQS").value() == "http://127.0.0.1:4566");

  f.env.clear();
  f.env["HOME"] = f.home.path();
  f.env["AWS_PROFILE"] = "spaced";
  CHECK(f.resolver()->endpoint_url("S3").value() == "http://127.0.0.1:5000");

  f.env["AWS_PROFILE"] = "broken";
  auto missing = f.resolver()->endpoint_url("S3");
  REQUIRE(missing.has_error());
  CHECK(missing.error().message ==
        "The profile is configured to use the services section but the \"missing\" services configuration does not "
        "exist.");
  CHECK(service_id_env_suffix("Resource Groups Tagging API") == "RESOURCE_GROUPS_TAGGING_API");
  CHECK(service_id_env_suffix("connect-contact-lens") == "CONNECT_CONTACT_LENS");
}

TEST_CASE("config file paths come from the environment and expand ~ and $VAR") {
  temp_home home;
  home.write("elsewhere/cfg", "[profile x]\nregion = from-elsewhere\n");
  home.write("elsewhere/creds", "[x]\naws_access_key_id = A\naws_secret_access_key = S\n");
  environment env{{"HOME", home.path()},
                  {"AWS_CONFIG_FILE", "~/elsewhere/cfg"},
                  {"AWS_SHARED_CREDENTIALS_FILE", "${HOME}/elsewhere/creds"},
                  {"AWS_PROFILE", "x"}};
  auto r = config_resolver::load(env).value();
  CHECK(r->get("region") == "from-elsewhere");
  CHECK(r->files().credentials_path == home.path() + "/elsewhere/creds");
  CHECK(expand_path("$UNSET/a/$HOME", env) == "$UNSET/a/" + home.path());
  CHECK(expand_path("~", env) == home.path());
  CHECK(expand_path("a~b", env) == "a~b");
}

TEST_CASE("a malformed file fails the load, naming file and line") {
  temp_home home;
  home.write(".aws/credentials", "[default]\naws_access_key_id = A\n[default]\n");
  auto r = config_resolver::load({{"HOME", home.path()}});
  REQUIRE(r.has_error());
  CHECK(r.error().message ==
        "malformed config file " + home.path() + "/.aws/credentials: line 3: section [default] appears more than once");
  // .value() throws config_error at the API edge.
  CHECK_THROWS_AS(r.value(), awscoro::config_error);
}

TEST_CASE("defaults modes from sdk-default-configuration.json") {
  auto data = boost::json::parse(R"({"version":1,
    "base":{"retryMode":"standard","stsRegionalEndpoints":"regional","s3UsEast1RegionalEndpoints":"regional",
            "connectTimeoutInMillis":1100,"tlsNegotiationTimeoutInMillis":1100},
    "modes":{"standard":{"connectTimeoutInMillis":{"override":3100}},"in-region":{},
             "cross-region":{"connectTimeoutInMillis":{"override":3100}},
             "mobile":{"connectTimeoutInMillis":{"override":30000}}}})");
  fixture f;
  auto r = f.resolver();
  CHECK_FALSE(r->defaults_mode(data, "us-east-1").value().has_value());  // legacy
  auto standard = r->defaults_mode(data, "us-east-1", "Standard").value();
  REQUIRE(standard.has_value());
  CHECK(standard->mode == "standard");
  CHECK(standard->connect_timeout == std::chrono::milliseconds(3100));
  CHECK(r->get("retry_mode", &*standard) == "standard");
  // An explicit value still wins over the mode's default.
  f.env["AWS_RETRY_MODE"] = "adaptive";
  CHECK(f.resolver()->get("retry_mode", &*standard) == "adaptive");

  f.env["AWS_EXECUTION_ENV"] = "AWS_Lambda_python3.11";
  f.env["AWS_REGION"] = "us-east-1";
  f.env["AWS_DEFAULTS_MODE"] = "auto";
  r = f.resolver();
  CHECK(r->defaults_mode(data, "us-east-1").value()->mode == "in-region");
  CHECK(r->defaults_mode(data, "us-east-1").value()->connect_timeout == std::chrono::milliseconds(1100));
  CHECK(r->defaults_mode(data, "eu-west-1").value()->mode == "cross-region");
  auto bad = r->defaults_mode(data, "us-east-1", "fast");
  REQUIRE(bad.has_error());
  CHECK(bad.error().message ==
        "invalid defaults_mode \"fast\": expected one of legacy, auto, standard, in-region, cross-region, mobile");
}

TEST_CASE("to_client_config gathers what botocore takes from the config store") {
  fixture f;
  f.env["AWS_PROFILE"] = "dev env";
  f.env["AWS_REQUEST_CHECKSUM_CALCULATION"] = "WHEN_REQUIRED";
  f.env["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true";
  auto c = f.resolver()->to_client_config().value();
  CHECK(c.region_name == "cred-region");
  CHECK(c.retries.total_max_attempts == 7);
  CHECK(c.retries.mode == "legacy");
  CHECK(c.use_fips_endpoint == false);
  CHECK(c.s3.use_arn_region == true);
  CHECK(c.request_checksum_calculation == "when_required");
  CHECK(c.inject_host_prefix == false);
  CHECK(c.request_min_compression_size_bytes == 10240);
  CHECK_FALSE(c.connect_timeout.has_value());
  f.env["AWS_PROFILE"] = "broken";
  CHECK(f.resolver()->to_client_config().has_error());
}

#include <doctest/doctest.h>

#include "config/ini_parser.hpp"

using namespace awscoro::detail;

namespace {

config_value text(std::string t) { return config_value{std::move(t), {}, false}; }
config_value nested(std::map<std::string, std::string, std::less<>> sub) { return config_value{{}, std::move(sub), true}; }

// The "tricky" file whose parse botocore's configloader.raw_config_parse gave (baked in below).
constexpr std::string_view tricky = R"(# leading comment
[DEFAULT]
output = json

[default]
region = us-west-2 ; not an inline comment
Aws_Access_Key_ID=AKIDDEFAULT
aws_secret_access_key: secretdefault
s3 =
  addressing_style = path
  # comment inside
  signature_version=s3v4

  max_concurrent_requests = 20
multi = first
  second line

  third line

[profile "dev env"]
region=eu-west-1
  [not a header]
services = local
[profile  spaced]
endpoint_url = http://127.0.0.1:5000
[profile a b]
region = dropped
[profilex]
region = also-dropped
[sso-session my-sso]
sso_region = us-east-1
sso_start_url = https://example.awsapps.com/start
[services local]
dynamodb =
  endpoint_url = http://127.0.0.1:8000
s3 =
   endpoint_url = http://127.0.0.1:9000
[plugins]
foo = bar
[profile default]
region = from-profile-default
)";

std::string error_of(std::string_view text) {
  auto r = parse_config_text(text, "/home/u/.aws/config");
  REQUIRE(r.has_error());
  CHECK(r.error().code == awscoro::make_error_code(awscoro::error::invalid_config));
  return r.error().message;
}

}  // namespace

TEST_CASE("parse_config_text matches botocore's raw_config_parse on a tricky file") {
  auto doc = parse_config_text(tricky, "tricky.ini");
  REQUIRE(doc.has_value());
  std::vector<std::string> names;
  for (auto const& [n, _] : doc->sections) names.push_back(n);
  CHECK(names == std::vector<std::string>{"default", "profile \"dev env\"", "profile  spaced", "profile a b", "profilex",
                                          "sso-session my-sso", "services local", "plugins", "profile default"});

  config_section expected_default{
      {"aws_access_key_id", text("AKIDDEFAULT")},
      {"aws_secret_access_key", text("secretdefault")},
      {"multi", text("first\nsecond line\n\nthird line")},
      {"output", text("json")},
      {"region", text("us-west-2 ; not an inline comment")},
      {"s3", nested({{"addressing_style", "path"}, {"max_concurrent_requests", "20"}, {"signature_version", "s3v4"}})},
  };
  CHECK(*doc->find("default") == expected_default);

  config_section expected_dev{
      {"output", text("json")}, {"region", text("eu-west-1\n[not a header]")}, {"services", text("local")}};
  CHECK(*doc->find("profile \"dev env\"") == expected_dev);

  config_section expected_services{
      {"dynamodb", nested({{"endpoint_url", "http://127.0.0.1:8000"}})},
      {"output", text("json")},
      {"s3", nested({{"endpoint_url", "http://127.0.0.1:9000"}})},
  };
  CHECK(*doc->find("services local") == expected_services);
  CHECK(*doc->find("plugins") == config_section{{"foo", text("bar")}, {"output", text("json")}});
  CHECK(doc->find("DEFAULT") == nullptr);
}

TEST_CASE("line endings, whitespace and delimiters") {
  auto doc = parse_config_text("[a]\r\nk1 = v1\r\n\tk2:v2 \r[b]\nk3 = a = b : c\n", "f");
  REQUIRE(doc.has_value());
  // The indented line continues k1 (configparser's rule: deeper indentation than the key's line).
  CHECK(*doc->find("a") == config_section{{"k1", text("v1\nk2:v2")}});
  CHECK(doc->find("b")->at("k3").text == "a = b : c");
  // The header runs to the last ']' and the rest of the line is ignored; the name is not trimmed.
  auto h = parse_config_text("[ x]y] trailing\nk=v\n", "f");
  REQUIRE(h.has_value());
  CHECK(h->sections.front().first == " x]y");
  // A key with an empty value and nothing indented after it stays an empty string.
  auto e = parse_config_text("[a]\ns3 =\nk = v\n", "f");
  REQUIRE(e.has_value());
  CHECK(e->find("a")->at("s3") == text(""));
  // Without sub-section parsing the block stays text, as botocore's parse_subsections=False.
  auto raw = parse_config_text("[a]\ns3 =\n  x = 1\n", "f", false);
  REQUIRE(raw.has_value());
  CHECK(raw->find("a")->at("s3") == text("\nx = 1"));
}

TEST_CASE("malformed files name the file and the line, never the line's text") {
  CHECK(error_of("region = x\n[default]\n") ==
        "malformed config file /home/u/.aws/config: line 1: an option appears before any [section] header");
  CHECK(error_of("[default]\nregion = x\njust some words\n") ==
        "malformed config file /home/u/.aws/config: line 3: expected a `key = value` line in section [default]");
  CHECK(error_of("[a]\nx=1\n[b]\n[a]\n") ==
        "malformed config file /home/u/.aws/config: line 4: section [a] appears more than once");
  CHECK(error_of("[a]\nX=1\nx = 2\n") ==
        "malformed config file /home/u/.aws/config: line 3: key \"x\" appears more than once in section [a]");
  CHECK(error_of("[a]\n = value\n") ==
        "malformed config file /home/u/.aws/config: line 2: a line in section [a] has no key before its '='");
  CHECK(error_of("[a]\ns3 =\n  ok = 1\n\n  # note\n  broken line\n") ==
        "malformed config file /home/u/.aws/config: line 6: the sub-section \"s3\" of section [a] has a line without "
        "'=' (expected `key = value`)");
  CHECK(error_of("[a]\nk = \xff\xfe\n") == "malformed config file /home/u/.aws/config: line 2: the line is not valid UTF-8");
  // A secret on a broken line stays out of the message.
  auto msg = error_of("[default]\naws_secret_access_key wJalrXUtnFEMI\n");
  CHECK(msg.find("wJalr") == std::string::npos);
}

TEST_CASE("an empty file and a comment-only file have no sections") {
  CHECK(parse_config_text("", "f")->sections.empty());
  CHECK(parse_config_text("# c\n; d\n\n", "f")->sections.empty());
}

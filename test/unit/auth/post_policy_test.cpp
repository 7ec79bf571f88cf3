// Presigned POST policies. Expected fields were computed by botocore 1.43.11's
// generate_presigned_post for the same bucket, key, fields, conditions, credentials and time.
#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "auth/post_policy.hpp"
#include "util/encoding.hpp"

using namespace awscoro;
using namespace awscoro::detail;
namespace json = boost::json;

namespace {

constexpr timestamp_us signing_time = 1700000000LL * 1000000;

credentials creds(std::string token = {}) {
  credentials c;
  c.access_key = "AKIDEXAMPLE";
  c.secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  c.token = std::move(token);
  return c;
}

}  // namespace

TEST_CASE("python_json_dumps writes what json.dumps writes") {
  json::value v = json::parse(R"({"a": [1, "x", true, null, {"b": 2.5}], "c": "\u00e9\ud83d\ude00\"\n"})");
  CHECK(python_json_dumps(v) == R"({"a": [1, "x", true, null, {"b": 2.5}], "c": "\u00e9\ud83d\ude00\"\n"})");
  CHECK(python_json_dumps(json::value(3.0)) == "3.0");
  CHECK(python_json_dumps(json::value(1e16)) == "1e+16");
  CHECK(python_json_dumps(json::value(1.5e-5)) == "1.5e-05");
  CHECK(python_json_dumps(json::value(0.001)) == "0.001");
  CHECK(python_json_dumps(json::value(-123.25)) == "-123.25");
}

TEST_CASE("SigV4 presigned POST matches botocore") {
  post_policy_request post;
  post.fields = json::parse(R"({"acl": "public-read", "key": "uploads/${filename}"})").as_object();
  post.conditions = json::parse(
                        R"([{"acl": "public-read"}, ["content-length-range", 1, 100], {"bucket": "mybucket"},
                            ["starts-with", "$key", "uploads/"]])")
                        .as_array();
  post.now = signing_time;
  post.expires_seconds = 120;
  std::string text;
  REQUIRE(sign_post_policy_v4(post, creds(), "eu-central-1", "s3", nullptr, &text).empty());
  CHECK(post.fields.at("x-amz-algorithm") == "AWS4-HMAC-SHA256");
  CHECK(post.fields.at("x-amz-credential") == "AKIDEXAMPLE/20231114/eu-central-1/s3/aws4_request");
  CHECK(post.fields.at("x-amz-date") == "20231114T221320Z");
  CHECK(post.fields.at("policy") ==
        "eyJleHBpcmF0aW9uIjogIjIwMjMtMTEtMTRUMjI6MTU6MjBaIiwgImNvbmRpdGlvbnMiOiBbeyJhY2wiOiAicHVibGljLXJlYWQifSwg"
        "WyJjb250ZW50LWxlbmd0aC1yYW5nZSIsIDEsIDEwMF0sIHsiYnVja2V0IjogIm15YnVja2V0In0sIFsic3RhcnRzLXdpdGgiLCAiJGtl"
        "eSIsICJ1cGxvYWRzLyJdLCB7IngtYW16LWFsZ29yaXRobSI6ICJBV1M0LUhNQUMtU0hBMjU2In0sIHsieC1hbXotY3JlZGVudGlhbCI6"
        "ICJBS0lERVhBTVBMRS8yMDIzMTExNC9ldS1jZW50cmFsLTEvczMvYXdzNF9yZXF1ZXN0In0sIHsieC1hbXotZGF0ZSI6ICIyMDIzMTEx"
        "NFQyMjEzMjBaIn1dfQ==");
  CHECK(post.fields.at("x-amz-signature") == "bbbf778a1f2571c64f967e1dc284b5c4c8094df1e2fc9a27edd88ffb13f040f6");
  CHECK(text.starts_with(R"({"expiration": "2023-11-14T22:15:20Z", "conditions": [{"acl": "public-read"})"));
  CHECK(!post.fields.contains("x-amz-security-token"));
}

TEST_CASE("HMAC-SHA1 presigned POST with a session token matches botocore") {
  post_policy_request post;
  post.fields["key"] = "k";
  post.conditions = json::parse(R"([{"bucket": "mybucket"}, {"key": "k"}])").as_array();
  post.now = signing_time;
  post.expires_seconds = 120;
  REQUIRE(sign_post_policy_v2(post, creds("TOK")).empty());
  CHECK(post.fields.at("AWSAccessKeyId") == "AKIDEXAMPLE");
  CHECK(post.fields.at("x-amz-security-token") == "TOK");
  CHECK(post.fields.at("policy") ==
        "eyJleHBpcmF0aW9uIjogIjIwMjMtMTEtMTRUMjI6MTU6MjBaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAibXlidWNrZXQifSwg"
        "eyJrZXkiOiAiayJ9LCB7IngtYW16LXNlY3VyaXR5LXRva2VuIjogIlRPSyJ9XX0=");
  CHECK(post.fields.at("signature") == "cnI3fJQNk8WXgJOgzv+/dH9iRWM=");
}

TEST_CASE("presigned POST refuses missing credentials") {
  post_policy_request post;
  CHECK(!sign_post_policy_v4(post, credentials{}, "us-east-1", "s3").empty());
  CHECK(!sign_post_policy_v2(post, credentials{}).empty());
}

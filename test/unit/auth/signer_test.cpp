#include <doctest/doctest.h>

#include "auth/signer.hpp"
#include "auth/sigv4_signer.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
using namespace awscoro::detail;

namespace {
http_request sample() {
  http_request r;
  r.method = "GET";
  r.host = "bucket.s3.us-east-1.amazonaws.com";
  r.path = "/k";
  r.headers.add("X-Amz-Target", "t");
  return r;
}
credentials creds() {
  credentials c;
  c.access_key = "AKIDEXAMPLE";
  c.secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  return c;
}
}  // namespace

TEST_CASE("bearer puts the token in Authorization and needs one") {
  http_request r = sample();
  signing_params p;
  p.scheme = "bearer";
  p.bearer_token = "tok-123";
  REQUIRE(sign_request(r, p) == "");
  CHECK(*r.headers.find("Authorization") == "Bearer tok-123");
  CHECK_FALSE(r.headers.contains("X-Amz-Date"));
  p.bearer_token = {};
  http_request r2 = sample();
  CHECK(sign_request(r2, p).find("token") != std::string::npos);
  CHECK_FALSE(r2.headers.contains("Authorization"));
}

TEST_CASE("none and anonymous leave the request untouched") {
  for (char const* scheme : {"none", "anonymous"}) {
    http_request r = sample();
    signing_params p;
    p.scheme = scheme;
    REQUIRE(sign_request(r, p) == "");
    CHECK(r.headers.size() == 1);
    CHECK_FALSE(r.headers.contains("Authorization"));
    CHECK(r.query.empty());
  }
}

TEST_CASE("v4 and s3v4 dispatch to the SigV4 signer with the matching rules") {
  credentials c = creds();
  signing_params p;
  p.creds = &c;
  p.region = "us-east-1";
  p.signing_name = "s3";
  p.time = parse_timestamp("2024-03-05T09:07:01Z").value();

  http_request v4 = sample();
  p.scheme = "sigv4";
  REQUIRE(sign_request(v4, p) == "");
  CHECK_FALSE(v4.headers.contains("X-Amz-Content-SHA256"));

  http_request s3 = sample();
  p.scheme = "s3v4";
  REQUIRE(sign_request(s3, p) == "");
  CHECK(s3.headers.contains("X-Amz-Content-SHA256"));

  http_request flagged = sample();
  p.scheme = "v4";
  p.s3 = true;
  REQUIRE(sign_request(flagged, p) == "");
  CHECK(*flagged.headers.find("Authorization") == *s3.headers.find("Authorization"));

  // Same botocore-checked presigned URL as in sigv4_signer_test, through the dispatcher.
  http_request url;
  url.method = "GET";
  url.host = "bucket.s3.us-east-1.amazonaws.com";
  url.path = "/my%20key.txt";
  url.query = "versionId=v1";
  p.expires = std::chrono::hours(1);
  REQUIRE(sign_request(url, p) == "");
  CHECK(url.query.ends_with("&X-Amz-Signature=0d07e27d34106628cc0fcf5e83fb19028a913d713daa08a3b144655e312ab3a9"));
}

TEST_CASE("missing credentials and unknown schemes are errors") {
  http_request r = sample();
  signing_params p;
  p.region = "us-east-1";
  p.signing_name = "svc";
  CHECK(sign_request(r, p).find("credentials") != std::string::npos);
  p.scheme = "v2";
  CHECK(sign_request(r, p).find("v2") != std::string::npos);
  p.scheme = "sigv4a";
  CHECK(sign_request(r, p) != "");
  CHECK_FALSE(r.headers.contains("Authorization"));
}

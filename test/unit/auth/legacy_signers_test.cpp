// S3's HMAC-SHA1 signers and Signature Version 2. Expected values were computed by botocore
// 1.43.11 (HmacV1Auth, HmacV1QueryAuth, SigV2Auth) for the same requests, credentials and time.
#include <doctest/doctest.h>

#include <string>

#include "auth/s3_hmac_signer.hpp"
#include "auth/signer.hpp"
#include "auth/sigv2_signer.hpp"
#include "auth/sigv4_signer.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
using namespace awscoro::detail;

namespace {

constexpr timestamp_us signing_time = 1700000000LL * 1000000;  // 2023-11-14T22:13:20Z

credentials with_token() {
  credentials c;
  c.access_key = "AKIDEXAMPLE";
  c.secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  c.token = "TOK/1+2";
  return c;
}

}  // namespace

TEST_CASE("s3 HMAC-SHA1 header signing matches botocore") {
  http_request r;
  r.method = "PUT";
  r.host = "mybucket.s3.amazonaws.com";
  r.path = "/photos/a%20b.jpg";
  r.query = "acl&versionId=v%2F1&foo=bar";
  r.headers.set("Content-Type", "image/jpeg");
  r.headers.set("Content-MD5", "abc==");
  r.headers.set("x-amz-meta-b", " two ");
  r.headers.set("X-Amz-Meta-A", "one");
  credentials c = with_token();
  std::string sts;
  REQUIRE(s3_hmac_sign(r, c, signing_time + 250000, "/mybucket/photos/a%20b.jpg", &sts).empty());
  CHECK(sts ==
        "PUT\nabc==\nimage/jpeg\nTue, 14 Nov 2023 22:13:20 GMT\nx-amz-meta-a:one\nx-amz-meta-b:two\n"
        "x-amz-security-token:TOK/1+2\n/mybucket/photos/a%20b.jpg?acl&versionId=v/1");
  CHECK(*r.headers.find("Authorization") == "AWS AKIDEXAMPLE:Eb5g7cMlHaX2ZX2E27EH96Pp4kE=");
  CHECK(*r.headers.find("Date") == "Tue, 14 Nov 2023 22:13:20 GMT");
}

TEST_CASE("s3 HMAC-SHA1 query presigning matches botocore") {
  http_request r;
  r.method = "GET";
  r.host = "mybucket.s3.amazonaws.com";
  r.path = "/k";
  r.query = "response-content-type=text%2Fplain";
  credentials c = with_token();
  signing_params sp;
  sp.scheme = "s3-query";
  sp.creds = &c;
  sp.time = signing_time;
  sp.expires = std::chrono::seconds(600);
  sp.auth_path = "/mybucket/k";
  REQUIRE(sign_request(r, sp).empty());
  CHECK(r.url() ==
        "https://mybucket.s3.amazonaws.com/k?response-content-type=text%2Fplain&AWSAccessKeyId=AKIDEXAMPLE&"
        "Signature=MJlalShtJ7BxFUJXjXjel29pWrI%3D&x-amz-security-token=TOK%2F1%2B2&Expires=1700000600");
}

TEST_CASE("s3 HMAC-SHA1 refuses missing credentials") {
  http_request r;
  credentials c;
  CHECK(s3_hmac_sign(r, c, signing_time, "").find("access key") != std::string::npos);
  c.access_key = "AKID";
  CHECK(s3_hmac_presign(r, c, signing_time, 60, "").find("secret key") != std::string::npos);
}

TEST_CASE("SigV2 signs a form body like botocore") {
  http_request r;
  r.method = "POST";
  r.host = "sdb.amazonaws.com";
  r.path = "/";
  r.body = "Action=ListDomains&Version=2009-04-15&MaxNumberOfDomains=5";
  credentials c = with_token();
  signing_params sp;
  sp.scheme = "v2";
  sp.creds = &c;
  sp.time = signing_time;
  sigv4_trace trace;
  sp.trace = &trace;
  REQUIRE(sign_request(r, sp).empty());
  CHECK(trace.string_to_sign ==
        "POST\nsdb.amazonaws.com\n/\nAWSAccessKeyId=AKIDEXAMPLE&Action=ListDomains&MaxNumberOfDomains=5&"
        "SecurityToken=TOK%2F1%2B2&SignatureMethod=HmacSHA256&SignatureVersion=2&"
        "Timestamp=2023-11-14T22%3A13%3A20Z&Version=2009-04-15");
  CHECK(r.body ==
        "Action=ListDomains&Version=2009-04-15&MaxNumberOfDomains=5&AWSAccessKeyId=AKIDEXAMPLE&SignatureVersion=2&"
        "SignatureMethod=HmacSHA256&Timestamp=2023-11-14T22%3A13%3A20Z&SecurityToken=TOK%2F1%2B2&"
        "Signature=97epEMgIBDzWT4sY0HwtY5mm0wu2htIGWAXw9Ve7l%2B0%3D");
  // Signing again (a retry) replaces the signature instead of signing over it.
  REQUIRE(sign_request(r, sp).empty());
  CHECK(r.body.find("Signature=97epEMgIBDzWT4sY0HwtY5mm0wu2htIGWAXw9Ve7l%2B0%3D") != std::string::npos);
  CHECK(r.body.find("&Signature=", r.body.find("&Signature=") + 1) == std::string::npos);
}

TEST_CASE("SigV2 cannot presign") {
  http_request r;
  credentials c = with_token();
  signing_params sp;
  sp.scheme = "v2";
  sp.creds = &c;
  sp.expires = std::chrono::seconds(60);
  CHECK(!sign_request(r, sp).empty());
}

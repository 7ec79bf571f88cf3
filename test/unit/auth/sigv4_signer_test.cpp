#include <doctest/doctest.h>

#include <string>

#include "auth/signing_key_cache.hpp"
#include "auth/sigv4_signer.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
using namespace awscoro::detail;

namespace {

// Expected values below were computed by botocore 1.43.11 (SigV4Auth, S3SigV4Auth,
// SigV4QueryAuth, S3SigV4QueryAuth) for the same requests, credentials and time.
constexpr char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

timestamp_us signing_time() { return parse_timestamp("2024-03-05T09:07:01Z").value(); }

credentials long_term() {
  credentials c;
  c.access_key = "AKIDEXAMPLE";
  c.secret_key = secret;
  return c;
}

credentials with_token() {
  credentials c = long_term();
  c.token = "SESSIONTOKEN/abc+def=";
  return c;
}

http_request request(std::string method, std::string host, std::string path, std::string query = {}) {
  http_request r;
  r.method = std::move(method);
  r.host = std::move(host);
  r.path = std::move(path);
  r.query = std::move(query);
  return r;
}

std::string authorization(http_request const& r) {
  std::string const* a = r.headers.find("Authorization");
  return a ? *a : std::string();
}

}  // namespace

TEST_CASE("v4 header signing matches botocore: double-encoded normalized path, token, unsigned headers") {
  http_request r = request("POST", "example.us-west-2.amazonaws.com", "/a%20b//c/./d/../e%2Ff", "b=2&a=x%2Fy&a=1");
  r.body = R"({"TableName":"t"})";
  r.headers.add("Content-Type", "application/x-amz-json-1.0");
  r.headers.add("X-Amz-Target", "DynamoDB_20120810.GetItem");
  r.headers.add("User-Agent", "awscoro/0.1");
  r.headers.add("X-Custom", "  a   b  ");
  sigv4_trace trace;
  REQUIRE(sigv4_signer("us-west-2", "dynamodb").sign(r, with_token(), signing_time(), &trace) == "");
  CHECK(authorization(r) ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240305/us-west-2/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target;x-custom, "
        "Signature=9768ab35f742005539818f283a0148a0e14cadcdcbef46307ef3384a446525d4");
  CHECK(*r.headers.find("X-Amz-Date") == "20240305T090701Z");
  CHECK(*r.headers.find("X-Amz-Security-Token") == "SESSIONTOKEN/abc+def=");
  CHECK(*r.headers.find("Host") == "example.us-west-2.amazonaws.com");
  CHECK_FALSE(r.headers.contains("X-Amz-Content-SHA256"));  // plain SigV4 adds none
  CHECK(trace.canonical_request.rfind("POST\n/a%2520b/c/e%252Ff\na=1&a=x%2Fy&b=2\n", 0) == 0);
  CHECK(trace.canonical_request.find("x-custom:a b\n") != std::string::npos);
  CHECK(trace.canonical_request.find("user-agent") == std::string::npos);
}

TEST_CASE("s3v4 signs the path as sent and the body hash in X-Amz-Content-SHA256") {
  http_request r = request("PUT", "bucket.s3.us-east-1.amazonaws.com", "/dir//a%20b/./c.txt", "x-id=PutObject");
  r.body = "hello world";
  r.headers.add("Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww==");
  sigv4_trace trace;
  REQUIRE(sigv4_signer("us-east-1", "s3", {.s3 = true}).sign(r, long_term(), signing_time(), &trace) == "");
  CHECK(*r.headers.find("X-Amz-Content-SHA256") == "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
  CHECK(authorization(r) ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240305/us-east-1/s3/aws4_request, "
        "SignedHeaders=content-md5;host;x-amz-content-sha256;x-amz-date, "
        "Signature=524b4ea8e6f7b2290b28f0d56afd73087abad675fb88d21547cc5eda6cc88175");
  CHECK(trace.canonical_request.rfind("PUT\n/dir//a%20b/./c.txt\n", 0) == 0);
}

TEST_CASE("the same path is normalized and encoded again for every service but S3") {
  http_request plain = request("GET", "h", "/dir//a%20b/./c.txt");
  http_request s3 = plain;
  http_request no_double = plain;
  sigv4_trace t1, t2, t3;
  REQUIRE(sigv4_signer("us-east-1", "svc").sign(plain, long_term(), signing_time(), &t1) == "");
  REQUIRE(sigv4_signer("us-east-1", "s3", {.s3 = true}).sign(s3, long_term(), signing_time(), &t2) == "");
  REQUIRE(sigv4_signer("us-east-1", "svc", {.disable_double_encoding = true})
              .sign(no_double, long_term(), signing_time(), &t3) == "");
  CHECK(t1.canonical_request.rfind("GET\n/dir/a%2520b/c.txt\n", 0) == 0);
  CHECK(t2.canonical_request.rfind("GET\n/dir//a%20b/./c.txt\n", 0) == 0);
  CHECK(t3.canonical_request.rfind("GET\n/dir/a%20b/c.txt\n", 0) == 0);
}

TEST_CASE("s3v4 with payload signing off signs UNSIGNED-PAYLOAD") {
  http_request r = request("PUT", "bucket.s3.us-east-1.amazonaws.com", "/k");
  r.body = "hello world";
  REQUIRE(sigv4_signer("us-east-1", "s3", {.s3 = true, .unsigned_payload = true})
              .sign(r, long_term(), signing_time()) == "");
  CHECK(*r.headers.find("X-Amz-Content-SHA256") == "UNSIGNED-PAYLOAD");
  CHECK(authorization(r) ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240305/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
        "Signature=8c900fcc4ffd53d9da1e77b7a460eb445a33d931653a976f4954df2266d89a2d");
}

TEST_CASE("a Date header dates the request instead of X-Amz-Date, and a stale signature is replaced") {
  http_request r = request("get", "127.0.0.1", "/");
  r.scheme = "http";
  r.port = 8080;
  r.headers.add("Date", "whatever");
  r.headers.add("X-Amz-Date", "old");
  r.headers.add("Authorization", "stale");
  REQUIRE(sigv4_signer("us-east-1", "service").sign(r, long_term(), signing_time()) == "");
  CHECK(*r.headers.find("Date") == "Tue, 05 Mar 2024 09:07:01 -0000");
  CHECK_FALSE(r.headers.contains("X-Amz-Date"));
  CHECK(*r.headers.find("Host") == "127.0.0.1:8080");
  CHECK(authorization(r) ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240305/us-east-1/service/aws4_request, "
        "SignedHeaders=date;host, Signature=e927442c28bfa3ba62788fb9eb45b270384b0f2c7a28aebb182c3f8802c3dcc9");
  // Signing again (a retry) leaves exactly one Authorization header.
  std::string first = authorization(r);
  REQUIRE(sigv4_signer("us-east-1", "service").sign(r, long_term(), signing_time()) == "");
  int count = 0;
  for (auto const& f : r.headers)
    if (f.first == "Authorization") ++count;
  CHECK(count == 1);
  CHECK(authorization(r) == first);
}

TEST_CASE("presigning a query-protocol request moves the form body into the URL, as botocore does") {
  http_request r = request("GET", "sts.amazonaws.com", "/");
  r.body = "Action=GetCallerIdentity&Version=2011-06-15";
  r.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  REQUIRE(sigv4_signer("us-east-1", "sts").presign(r, with_token(), signing_time(), 900) == "");
  CHECK(r.body.empty());
  CHECK_FALSE(r.headers.contains("Content-Type"));
  CHECK_FALSE(r.headers.contains("Authorization"));
  CHECK(r.url() ==
        "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=AKIDEXAMPLE%2F20240305%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20240305T090701Z"
        "&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=SESSIONTOKEN%2Fabc%2Bdef%3D"
        "&X-Amz-Signature=c4ad506e89ca970b9c53d0282f44bf49655bb148e4be4b5b8c04ebbf2e3362df");
}

TEST_CASE("presigned S3 URLs keep the path and sign UNSIGNED-PAYLOAD") {
  http_request r = request("GET", "bucket.s3.us-east-1.amazonaws.com", "/my%20key.txt", "versionId=v1");
  sigv4_trace trace;
  REQUIRE(sigv4_signer("us-east-1", "s3", {.s3 = true}).presign(r, long_term(), signing_time(), 3600, &trace) == "");
  CHECK(r.url() ==
        "https://bucket.s3.us-east-1.amazonaws.com/my%20key.txt?versionId=v1&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        "&X-Amz-Credential=AKIDEXAMPLE%2F20240305%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240305T090701Z"
        "&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
        "&X-Amz-Signature=0d07e27d34106628cc0fcf5e83fb19028a913d713daa08a3b144655e312ab3a9");
  CHECK(trace.canonical_request.substr(trace.canonical_request.rfind('\n') + 1) == "UNSIGNED-PAYLOAD");
}

TEST_CASE("presign expiry must lie within 1 second and 7 days") {
  auto presign = [](std::int64_t expires) {
    http_request r = request("GET", "bucket.s3.amazonaws.com", "/k");
    return sigv4_signer("us-east-1", "s3", {.s3 = true}).presign(r, long_term(), signing_time(), expires);
  };
  CHECK(presign(0) != "");
  CHECK(presign(-5) != "");
  CHECK(presign(1) == "");
  CHECK(presign(604800) == "");
  std::string err = presign(604801);
  CHECK(err.find("604801") != std::string::npos);
  CHECK(err.find(secret) == std::string::npos);
}

TEST_CASE("incomplete credentials are refused without naming the secret") {
  credentials c = long_term();
  c.access_key.clear();
  http_request r = request("GET", "h", "/");
  std::string err = sigv4_signer("us-east-1", "svc").sign(r, c, signing_time());
  CHECK(err.find("access key") != std::string::npos);
  CHECK(err.find(secret) == std::string::npos);
  CHECK_FALSE(r.headers.contains("Authorization"));
  credentials no_secret = long_term();
  no_secret.secret_key.clear();
  CHECK(sigv4_signer("us-east-1", "svc").sign(r, no_secret, signing_time()).find("secret key") != std::string::npos);
  CHECK(sigv4_signer("", "svc").sign(r, long_term(), signing_time()).find("region") != std::string::npos);
}

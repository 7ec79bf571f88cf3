#include <doctest/doctest.h>

#include "auth/signing_key_cache.hpp"
#include "auth/sigv4_signer.hpp"
#include "util/encoding.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
using namespace awscoro::detail;

TEST_CASE("derived signing key matches the AWS documentation's example") {
  // docs.aws.amazon.com, "Examples of how to derive a signing key for Signature Version 4".
  CHECK(hex_encode(as_view(derive_signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1",
                                              "iam"))) ==
        "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST_CASE("the key cache hits for the same scope and misses when any part changes") {
  signing_key_cache cache(4);
  auto k1 = cache.get("secret", "20240305", "us-east-1", "s3");
  CHECK(cache.misses() == 1);
  CHECK(cache.hits() == 0);
  auto k2 = cache.get("secret", "20240305", "us-east-1", "s3");
  CHECK(cache.hits() == 1);
  CHECK(k1 == k2);
  CHECK(k1 == derive_signing_key("secret", "20240305", "us-east-1", "s3"));

  auto next_day = cache.get("secret", "20240306", "us-east-1", "s3");
  auto other_region = cache.get("secret", "20240305", "eu-west-1", "s3");
  auto rotated = cache.get("secret2", "20240305", "us-east-1", "s3");
  CHECK(cache.misses() == 4);
  CHECK(next_day != k1);
  CHECK(other_region != k1);
  CHECK(rotated != k1);
  CHECK(rotated == derive_signing_key("secret2", "20240305", "us-east-1", "s3"));
}

TEST_CASE("the key cache stays within its capacity, evicting the least recently used") {
  signing_key_cache cache(2);
  cache.get("s", "20240301", "r", "svc");
  cache.get("s", "20240302", "r", "svc");
  cache.get("s", "20240301", "r", "svc");  // refreshes the first
  cache.get("s", "20240303", "r", "svc");  // evicts the second
  CHECK(cache.size() == 2);
  std::uint64_t misses = cache.misses();
  cache.get("s", "20240301", "r", "svc");
  CHECK(cache.misses() == misses);
  cache.get("s", "20240302", "r", "svc");
  CHECK(cache.misses() == misses + 1);
}

TEST_CASE("repeated signing reuses the cached key and yields the same signature") {
  signing_key_cache cache;
  credentials c;
  c.access_key = "AKID";
  c.secret_key = "SECRET";
  timestamp_us t = parse_timestamp("2024-03-05T09:07:01Z").value();
  sigv4_signer signer("us-east-1", "dynamodb", {}, &cache);
  http_request a;
  a.host = "dynamodb.us-east-1.amazonaws.com";
  a.body = "{}";
  http_request b = a;
  REQUIRE(signer.sign(a, c, t) == "");
  REQUIRE(signer.sign(b, c, t + 1000000) == "");
  CHECK(cache.misses() == 1);
  CHECK(cache.hits() == 1);
  // Same request and time: same signature whether the key came from the cache or not.
  http_request again = a;
  REQUIRE(signer.sign(again, c, t) == "");
  CHECK(*again.headers.find("Authorization") == *a.headers.find("Authorization"));
}

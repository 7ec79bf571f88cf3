#include <doctest/doctest.h>

#include "util/crypto.hpp"
#include "util/encoding.hpp"

using namespace awscoro::detail;

TEST_CASE("base64 round trips and rejects bad input") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("binary-value") == "YmluYXJ5LXZhbHVl");
  CHECK(base64_decode("Zm9vYg==").value() == "foob");
  CHECK(base64_decode("Zm9vYg").value() == "foob");
  CHECK_FALSE(base64_decode("Zm9v!").has_value());
  CHECK_FALSE(base64_decode("Z").has_value());
}

TEST_CASE("percent encoding leaves only unreserved characters bare") {
  CHECK(percent_encode("a b/c~d") == "a%20b%2Fc~d");
  CHECK(percent_encode("a b/c", true) == "a%20b/c");
  CHECK(percent_encode("\xc3\xa9") == "%C3%A9");
  CHECK(percent_decode("a%20b%2fc%zz") == "a b/c%zz");
}

TEST_CASE("sha256 and hmac match known vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test case 2
  CHECK(hex_encode(as_view(hmac_sha256("Jefe", "what do ya want for nothing?"))) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(md5_base64("") == "1B2M2Y8AsgTpgAmY7PhCfg==");
}

#include <doctest/doctest.h>

#include <string>

#include "auth/sha256_context.hpp"
#include "util/encoding.hpp"

using namespace awscoro::detail;

TEST_CASE("the reusable context agrees with one-shot SHA-256 and HMAC, keys of every length") {
  sha256_context& sha = sha256_context::local();
  CHECK(hex_encode(as_view(sha.digest(""))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test cases 2 (short key) and 6 (131-byte key, hashed first).
  CHECK(hex_encode(as_view(sha.hmac("Jefe", "what do ya want for nothing?"))) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hex_encode(as_view(sha.hmac(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"))) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  for (std::size_t n : {0u, 1u, 32u, 63u, 64u, 65u, 200u}) {
    std::string key(n, 'k');
    std::string data(n * 3 + 1, 'd');
    CHECK(sha.hmac(key, data) == hmac_sha256(key, data));
    CHECK(sha.digest(data) == sha256(data));
  }
}

TEST_CASE("hex_digest_to writes 64 lowercase digits") {
  char out[64];
  hex_digest_to(out, sha256("abc"));
  CHECK(std::string(out, 64) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#include <doctest/doctest.h>

#include "util/checksum.hpp"
#include "util/encoding.hpp"

using namespace awscoro::detail;

TEST_CASE("CRCs match their catalogue check values") {
  // The CRC catalogue's check input "123456789".
  CHECK(crc32c_of("123456789") == 0xE3069283u);
  CHECK(crc64nvme_of("123456789") == 0xAE8B14860A799888ull);
  CHECK(crc32c_of("") == 0u);
  CHECK(crc64nvme_of("") == 0u);
  // Continuing a running value equals one pass.
  CHECK(crc32c_of("6789", crc32c_of("12345")) == 0xE3069283u);
  CHECK(crc64nvme_of("6789", crc64nvme_of("12345")) == 0xAE8B14860A799888ull);
}

TEST_CASE("checksum_base64 gives the x-amz-checksum-* header values") {
  CHECK(checksum_base64(checksum_algorithm::crc32, "hello") == "NhCmhg==");
  CHECK(checksum_base64(checksum_algorithm::crc32, "") == "AAAAAA==");
  CHECK(checksum_base64(checksum_algorithm::crc32c, "123456789") == base64_encode("\xE3\x06\x92\x83"));
  CHECK(checksum_base64(checksum_algorithm::crc64nvme, "123456789") ==
        base64_encode("\xAE\x8B\x14\x86\x0A\x79\x98\x88"));
  CHECK(checksum_base64(checksum_algorithm::sha1, "hello") == "qvTGHdzF6KLavt4PO0gs2a6pQ00=");
  CHECK(checksum_base64(checksum_algorithm::sha256, "hello") == "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=");
  CHECK(checksum_base64(checksum_algorithm::sha512, "hello") ==
        "m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==");
}

TEST_CASE("the incremental hasher equals one pass for every algorithm") {
  std::string body(300000, '\0');
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 131 % 251);
  for (auto a : {checksum_algorithm::crc32, checksum_algorithm::crc32c, checksum_algorithm::crc64nvme,
                 checksum_algorithm::sha1, checksum_algorithm::sha256, checksum_algorithm::sha512}) {
    checksum_hasher h(a);
    h.update(std::string_view(body).substr(0, 1));
    h.update(std::string_view(body).substr(1, 99998));
    h.update(std::string_view(body).substr(99999));
    CHECK(base64_encode(h.finish()) == checksum_base64(a, body));
  }
}

TEST_CASE("algorithms are named as in x-amz-checksum-<name>") {
  CHECK(checksum_algorithm_named("crc64nvme") == checksum_algorithm::crc64nvme);
  CHECK(checksum_algorithm_name(checksum_algorithm::sha256) == "sha256");
  CHECK_FALSE(checksum_algorithm_named("CRC32").has_value());  // callers lower-case first
  CHECK_FALSE(checksum_algorithm_named("md5").has_value());
}

// Digests and MACs for signing and checksums, on OpenSSL 3.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace awscoro::detail {

using sha256_digest = std::array<unsigned char, 32>;

sha256_digest sha256(std::string_view data);
sha256_digest hmac_sha256(std::string_view key, std::string_view data);
std::string sha256_hex(std::string_view data);
std::string md5_base64(std::string_view data);
// CRC32 (zlib's polynomial), as DynamoDB's x-amz-crc32 header carries it; `running` continues
// an earlier value.
std::uint32_t crc32_of(std::string_view data, std::uint32_t running = 0);

inline std::string_view as_view(sha256_digest const& d) {
  return {reinterpret_cast<char const*>(d.data()), d.size()};
}

// Incremental SHA-256 for bodies that arrive in pieces.
class sha256_hasher {
 public:
  sha256_hasher();
  ~sha256_hasher();
  sha256_hasher(sha256_hasher const&) = delete;
  sha256_hasher& operator=(sha256_hasher const&) = delete;
  void update(std::string_view data);
  sha256_digest finish();

 private:
  void* ctx_;
};

}  // namespace awscoro::detail

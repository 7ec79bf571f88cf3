// The checksums of AWS's flexible checksums (x-amz-checksum-<name>): CRC32, CRC32C, CRC64NVME,
// SHA1, SHA256 and SHA512, computed in one pass or incrementally, as big-endian digests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace awscoro::detail {

enum class checksum_algorithm : std::uint8_t { crc32, crc32c, crc64nvme, sha1, sha256, sha512 };

// The algorithm named `lower_name` ("crc32", "sha256", ...), or nullopt.
std::optional<checksum_algorithm> checksum_algorithm_named(std::string_view lower_name);
// Lower-case name, as in the x-amz-checksum-<name> header.
std::string_view checksum_algorithm_name(checksum_algorithm a);

// CRC32C (Castagnoli, reflected 0x82F63B78); `running` continues an earlier value.
std::uint32_t crc32c_of(std::string_view data, std::uint32_t running = 0);
// CRC64/NVME (reflected 0x9A6C9329AC4BC9B5); `running` continues an earlier value.
std::uint64_t crc64nvme_of(std::string_view data, std::uint64_t running = 0);

// Incremental checksum of a body that arrives in pieces.
class checksum_hasher {
 public:
  explicit checksum_hasher(checksum_algorithm a);
  ~checksum_hasher();
  checksum_hasher(checksum_hasher const&) = delete;
  checksum_hasher& operator=(checksum_hasher const&) = delete;

  void update(std::string_view data);
  // The digest's raw bytes (CRCs big-endian); call once.
  std::string finish();

 private:
  checksum_algorithm algorithm_;
  std::uint64_t crc_ = 0;
  void* digest_ctx_ = nullptr;  // OpenSSL EVP_MD_CTX for the SHA family
};

// base64 of the digest of `data`: the value of an x-amz-checksum-<name> header.
std::string checksum_base64(checksum_algorithm a, std::string_view data);

}  // namespace awscoro::detail

// SHA-256 and HMAC-SHA256 for the signing hot path. OpenSSL 3 looks an algorithm up by name
// (under a lock) on every implicit use such as EVP_sha256() in a one-shot call, and HMAC()
// builds a fresh MAC context each time: for a small request that costs more than the hashing.
// This context fetches SHA-256 once and reuses one digest context per thread.
#pragma once

#include <string_view>

#include "util/crypto.hpp"

namespace awscoro::detail {

class sha256_context {
 public:
  // The calling thread's context.
  static sha256_context& local();

  sha256_digest digest(std::string_view data);
  sha256_digest hmac(std::string_view key, std::string_view data);

  sha256_context(sha256_context const&) = delete;
  sha256_context& operator=(sha256_context const&) = delete;

 private:
  sha256_context();
  ~sha256_context();
  bool begin();
  void update(std::string_view data);
  sha256_digest finish();

  void* md_ = nullptr;   // EVP_MD*, fetched once
  void* ctx_ = nullptr;  // EVP_MD_CTX*
};

// Lowercase hex of a digest into `out` (64 characters).
void hex_digest_to(char* out, sha256_digest const& d);

}  // namespace awscoro::detail

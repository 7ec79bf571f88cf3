// The SigV4 signing key, HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
// "aws4_request"), changes once a day per credential scope. Deriving it costs four HMACs, more
// than the rest of a small request's signature, so derived keys are kept here and reused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "util/crypto.hpp"

namespace awscoro::detail {

// Derives a SigV4 signing key without any caching.
sha256_digest derive_signing_key(std::string_view secret, std::string_view date, std::string_view region,
                                 std::string_view service);

// A small, thread-safe cache of derived keys keyed by (secret, date, region, service). Entries
// hold a copy of the secret so a rotated secret never matches a stale key; evicted or destroyed
// entries are wiped.
class signing_key_cache {
 public:
  explicit signing_key_cache(std::size_t capacity = 16);
  ~signing_key_cache();
  signing_key_cache(signing_key_cache const&) = delete;
  signing_key_cache& operator=(signing_key_cache const&) = delete;

  // `date` is the scope date, "YYYYMMDD".
  sha256_digest get(std::string_view secret, std::string_view date, std::string_view region,
                    std::string_view service);

  std::uint64_t hits() const;
  std::uint64_t misses() const;
  std::size_t size() const;
  void clear();

  // The cache every signer uses unless told otherwise.
  static signing_key_cache& global();

 private:
  struct entry {
    std::string secret;
    std::string date;
    std::string region;
    std::string service;
    sha256_digest key{};
    std::uint64_t last_used = 0;
  };
  static void wipe(entry& e);

  mutable std::mutex mutex_;
  std::vector<entry> entries_;
  std::size_t capacity_;
  std::uint64_t clock_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace awscoro::detail

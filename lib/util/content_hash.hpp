// A fast 128-bit non-cryptographic hash of bytes, for naming cache entries after what they were
// made from. It tells apart files that differ by accident (a refreshed model), not by design:
// nothing relies on it against someone who can write the cache directory.
#pragma once

#include <string>
#include <string_view>

namespace awscoro::detail {

class content_hasher {
 public:
  void update(std::string_view data);
  // 32 lowercase hex digits; the hasher can keep going afterwards.
  std::string hex() const;

 private:
  void mix_word(unsigned long long word);

  unsigned long long a_ = 0x9e3779b97f4a7c15ull;
  unsigned long long b_ = 0xc2b2ae3d27d4eb4full;
  unsigned long long length_ = 0;
  unsigned long long pending_ = 0;  // bytes of an unfinished word, low byte first
  unsigned pending_count_ = 0;
};

}  // namespace awscoro::detail

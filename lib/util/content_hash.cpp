#include "util/content_hash.hpp"

#include <cstdint>
#include <cstring>

namespace awscoro::detail {

namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// MurmurHash3's finaliser: every input bit affects every output bit.
constexpr std::uint64_t avalanche(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

}  // namespace

void content_hasher::mix_word(unsigned long long word) {
  // Two lanes with different multipliers and rotations, so the 128 bits are two independent
  // 64-bit hashes rather than one repeated.
  a_ = rotl(a_ ^ (word * 0x87c37b91114253d5ull), 31) * 0x4cf5ad432745937full + 0x52dce729ull;
  b_ = rotl(b_ ^ (word * 0x4cf5ad432745937full), 27) * 0x87c37b91114253d5ull + 0x38495ab5ull;
}

void content_hasher::update(std::string_view data) {
  length_ += data.size();
  auto const* p = reinterpret_cast<unsigned char const*>(data.data());
  std::size_t n = data.size();
  while (pending_count_ != 0 && n != 0) {
    pending_ |= static_cast<std::uint64_t>(*p++) << (8 * pending_count_++);
    --n;
    if (pending_count_ == 8) {
      mix_word(pending_);
      pending_ = 0;
      pending_count_ = 0;
    }
  }
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    mix_word(word);
  }
  for (; n != 0; --n) pending_ |= static_cast<std::uint64_t>(*p++) << (8 * pending_count_++);
}

std::string content_hasher::hex() const {
  std::uint64_t a = a_, b = b_;
  if (pending_count_ != 0) {
    a = rotl(a ^ (pending_ * 0x87c37b91114253d5ull), 31) * 0x4cf5ad432745937full;
    b = rotl(b ^ (pending_ * 0x4cf5ad432745937full), 27) * 0x87c37b91114253d5ull;
  }
  a = avalanche(a ^ length_);
  b = avalanche(b ^ rotl(length_, 32));
  a += b;
  b += a;
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[static_cast<std::size_t>(i)] = digits[(a >> (60 - 4 * i)) & 0xf];
    out[static_cast<std::size_t>(16 + i)] = digits[(b >> (60 - 4 * i)) & 0xf];
  }
  return out;
}

}  // namespace awscoro::detail

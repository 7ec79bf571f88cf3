#include "util/uuid.hpp"

#include <openssl/rand.h>

#include <cstdint>
#include <cstdio>
#include <ctime>

namespace awscoro::detail {

std::string random_uuid4() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    // RAND_bytes fails only when the system's entropy source is broken; fall back to a
    // time-and-address mix rather than sending a constant token.
    auto seed = reinterpret_cast<std::uintptr_t>(&b) ^ static_cast<std::uintptr_t>(std::time(nullptr));
    for (auto& x : b) x = static_cast<unsigned char>((seed = seed * 6364136223846793005ULL + 1442695040888963407ULL) >> 56);
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

}  // namespace awscoro::detail

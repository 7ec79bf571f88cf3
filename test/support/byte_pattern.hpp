// Test payloads: `n` bytes that do not repeat on short periods, so a piece lost, doubled or
// reordered anywhere in a transfer changes the result.
#pragma once

#include <cstddef>
#include <string>

namespace awscoro::test {

inline std::string byte_pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(i * 131 % 251);
  return s;
}

}  // namespace awscoro::test

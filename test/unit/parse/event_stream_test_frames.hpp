// Event stream frames built by hand in the tests (an encoder independent of the library's, so a
// bug shared by both cannot hide).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/crypto.hpp"

namespace awscoro::test {

inline void put_be(std::string& out, std::uint64_t v, int n) {
  for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// A header block being written: one call per header.
struct header_block {
  std::string bytes;
  header_block& raw(std::string_view name, std::uint8_t type, std::string_view value_bytes) {
    bytes.push_back(static_cast<char>(name.size()));
    bytes.append(name);
    bytes.push_back(static_cast<char>(type));
    bytes.append(value_bytes);
    return *this;
  }
  header_block& str(std::string_view name, std::string_view v, std::uint8_t type = 7) {
    std::string b;
    put_be(b, v.size(), 2);
    b.append(v);
    return raw(name, type, b);
  }
  header_block& num(std::string_view name, std::uint8_t type, std::int64_t v, int width) {
    std::string b;
    put_be(b, static_cast<std::uint64_t>(v), width);
    return raw(name, type, b);
  }
};

inline std::string frame(std::string_view headers, std::string_view payload) {
  std::string f;
  put_be(f, 16 + headers.size() + payload.size(), 4);
  put_be(f, headers.size(), 4);
  put_be(f, detail::crc32_of(f), 4);
  f.append(headers);
  f.append(payload);
  put_be(f, detail::crc32_of(f), 4);
  return f;
}

inline std::string event_frame(std::string_view event_type, std::string_view payload,
                               header_block extra = {}) {
  header_block h;
  h.str(":message-type", "event").str(":event-type", event_type);
  h.bytes += extra.bytes;
  return frame(h.bytes, payload);
}

}  // namespace awscoro::test

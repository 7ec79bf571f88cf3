#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "parse/json_body_reader.hpp"
#include "parse/parse_common.hpp"
#include "parse/value_builder.hpp"

namespace awscoro::detail {

namespace {

double half_to_double(std::uint16_t h) {
  int exp = (h >> 10) & 0x1f;
  int mant = h & 0x3ff;
  double v;
  if (exp == 0) v = std::ldexp(mant, -24);
  else if (exp != 31) v = std::ldexp(mant + 1024, exp - 25);
  else v = mant == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  return (h & 0x8000) ? -v : v;
}

}  // namespace

struct cbor_body_reader::impl {
  struct level {
    bool map;
    bool indefinite;
    bool key_next;
    std::uint64_t remaining;  // definite: entries (map) or items (array) still to come
  };

  explicit impl(value_builder& b) : builder(b) {}

  value_builder& builder;
  std::string pending;  // bytes of an incomplete item, kept for the next piece
  std::vector<level> stack;
  bool in_chunks = false;
  std::uint8_t chunk_major = 0;
  std::string chunks;
  bool done = false;
  std::string error;

  bool fail(std::string msg) {
    if (error.empty()) error = std::move(msg);
    return false;
  }
  bool check(bool ok) { return ok || fail(builder.error()); }

  // After a complete item: count it against the enclosing containers and close those it fills.
  bool item_done() {
    while (true) {
      if (stack.empty()) {
        done = true;
        return true;
      }
      auto& top = stack.back();
      if (top.map) top.key_next = true;
      if (top.indefinite) return true;
      if (--top.remaining > 0) return true;
      bool was_map = top.map;
      stack.pop_back();
      if (!check(was_map ? builder.end_object() : builder.end_array())) return false;
    }
  }

  bool deliver_string(std::uint8_t major, std::string_view s) {
    if (major == 3 && !valid_utf8(s)) return fail("CBOR text string is not valid UTF-8");
    if (!stack.empty() && stack.back().map && stack.back().key_next) {
      if (major != 3) return fail("CBOR map key is not a text string");
      stack.back().key_next = false;
      return check(builder.key(s));
    }
    if (!check(major == 3 ? builder.string(s) : builder.bytes(s))) return false;
    return item_done();
  }

  bool require_value_position() {
    if (!stack.empty() && stack.back().map && stack.back().key_next) return fail("CBOR map key is not a text string");
    return true;
  }

  // Decodes as many complete items as [p, p+n) holds; returns the bytes consumed, or npos.
  std::size_t run(unsigned char const* p, std::size_t n) {
    std::size_t pos = 0;
    while (pos < n) {
      if (done) {
        fail("trailing data after the CBOR item");
        return std::string::npos;
      }
      unsigned ib = p[pos];
      unsigned major = ib >> 5;
      unsigned ai = ib & 31;
      if (ib == 0xff) {  // break
        if (in_chunks) {
          in_chunks = false;
          if (!deliver_string(chunk_major, chunks)) return std::string::npos;
          chunks.clear();
          ++pos;
          continue;
        }
        if (stack.empty() || !stack.back().indefinite) {
          fail("unexpected CBOR break marker");
          return std::string::npos;
        }
        auto top = stack.back();
        if (top.map && !top.key_next) {
          fail("CBOR map ends between a key and its value");
          return std::string::npos;
        }
        stack.pop_back();
        ++pos;
        if (!check(top.map ? builder.end_object() : builder.end_array()) || !item_done()) return std::string::npos;
        continue;
      }
      std::size_t head = 1;
      std::uint64_t arg = ai;
      bool indefinite = false;
      if (ai >= 24 && ai <= 27) {
        std::size_t len = std::size_t(1) << (ai - 24);
        if (n - pos < 1 + len) return pos;  // wait for the rest of the head
        arg = 0;
        for (std::size_t i = 0; i < len; ++i) arg = (arg << 8) | p[pos + 1 + i];
        head += len;
      } else if (ai >= 28 && ai <= 30) {
        fail("reserved CBOR additional information " + std::to_string(ai));
        return std::string::npos;
      } else if (ai == 31) {
        if (major != 2 && major != 3 && major != 4 && major != 5) {
          fail("unexpected CBOR indefinite length for major type " + std::to_string(major));
          return std::string::npos;
        }
        indefinite = true;
      }
      if (in_chunks && (major != chunk_major || indefinite)) {
        fail(indefinite ? "nested indefinite CBOR string" : "unexpected major type in an indefinite CBOR string");
        return std::string::npos;
      }
      switch (major) {
        case 0:
        case 1: {
          if (!require_value_position()) return std::string::npos;
          bool ok;
          if (major == 0) {
            ok = arg <= std::uint64_t(std::numeric_limits<std::int64_t>::max()) ? builder.int64(std::int64_t(arg))
                                                                                 : builder.uint64(arg);
          } else {
            ok = arg <= std::uint64_t(std::numeric_limits<std::int64_t>::max())
                     ? builder.int64(-1 - std::int64_t(arg))
                     : builder.dbl(-1.0 - static_cast<double>(arg));
          }
          pos += head;
          if (!check(ok) || !item_done()) return std::string::npos;
          break;
        }
        case 2:
        case 3: {
          if (indefinite) {
            in_chunks = true;
            chunk_major = std::uint8_t(major);
            chunks.clear();
            pos += head;
            break;
          }
          if (arg > n - pos - head) return pos;  // wait for the whole string
          std::string_view s(reinterpret_cast<char const*>(p + pos + head), std::size_t(arg));
          pos += head + std::size_t(arg);
          if (in_chunks) {
            chunks.append(s);
            break;
          }
          if (!deliver_string(std::uint8_t(major), s)) return std::string::npos;
          break;
        }
        case 4:
        case 5: {
          if (!require_value_position()) return std::string::npos;
          if (stack.size() >= max_parse_depth) {
            fail("CBOR nested deeper than 64 levels");
            return std::string::npos;
          }
          pos += head;
          bool map = major == 5;
          if (!check(map ? builder.begin_object() : builder.begin_array())) return std::string::npos;
          if (!indefinite && arg == 0) {
            if (!check(map ? builder.end_object() : builder.end_array()) || !item_done()) return std::string::npos;
            break;
          }
          stack.push_back(level{map, indefinite, true, arg});
          break;
        }
        case 6:
          if (!require_value_position()) return std::string::npos;
          pos += head;
          if (!check(builder.tag(arg))) return std::string::npos;
          break;
        case 7: {
          if (!require_value_position()) return std::string::npos;
          bool ok;
          if (ai == 20 || ai == 21) {
            ok = builder.boolean(ai == 21);
          } else if (ai == 22 || ai == 23) {
            ok = builder.null();
          } else if (ai == 25) {
            ok = builder.dbl(half_to_double(std::uint16_t(arg)));
          } else if (ai == 26) {
            std::uint32_t bits = std::uint32_t(arg);
            float f;
            std::memcpy(&f, &bits, 4);
            ok = builder.dbl(f);
          } else if (ai == 27) {
            double d;
            std::memcpy(&d, &arg, 8);
            ok = builder.dbl(d);
          } else {
            fail("unsupported CBOR simple value " + std::to_string(arg));
            return std::string::npos;
          }
          pos += head;
          if (!check(ok) || !item_done()) return std::string::npos;
          break;
        }
      }
    }
    return pos;
  }
};

cbor_body_reader::cbor_body_reader(value_builder& builder) : impl_(std::make_unique<impl>(builder)) {}
cbor_body_reader::~cbor_body_reader() = default;

bool cbor_body_reader::feed(std::string_view bytes, bool last) {
  auto& s = *impl_;
  if (!error_.empty()) return false;
  auto finish = [&](std::size_t consumed, std::string_view from) {
    if (consumed == std::string::npos) {
      error_ = s.error.empty() ? "malformed CBOR" : s.error;
      return false;
    }
    s.pending.assign(from.substr(consumed));
    if (last && (!s.pending.empty() || !s.stack.empty() || s.in_chunks || !s.done)) {
      error_ = "truncated CBOR (unexpected end of payload)";
      return false;
    }
    return true;
  };
  if (s.pending.empty()) {
    return finish(s.run(reinterpret_cast<unsigned char const*>(bytes.data()), bytes.size()), bytes);
  }
  s.pending.append(bytes);
  std::string buf = std::move(s.pending);
  s.pending.clear();
  return finish(s.run(reinterpret_cast<unsigned char const*>(buf.data()), buf.size()), buf);
}

}  // namespace awscoro::detail

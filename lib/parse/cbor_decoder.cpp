#include "parse/cbor_decoder.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "parse/parse_common.hpp"

namespace awscoro::detail {

double cbor_float_to_double(unsigned width, std::uint64_t bits) {
  if (width == 8) {
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  if (width == 4) {
    auto narrow = static_cast<std::uint32_t>(bits);
    float f;
    std::memcpy(&f, &narrow, sizeof f);
    return f;
  }
  int exp = int(bits >> 10) & 0x1f;
  int mant = int(bits) & 0x3ff;
  double v;
  if (exp == 0) v = std::ldexp(mant, -24);
  else if (exp != 31) v = std::ldexp(mant + 1024, exp - 25);
  else v = mant == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  return (bits & 0x8000) ? -v : v;
}

namespace {

constexpr std::size_t npos = std::string::npos;
constexpr unsigned major_bytes = 2, major_text = 3, major_array = 4, major_map = 5, major_tag = 6;

}  // namespace

struct cbor_decoder::impl {
  struct level {
    bool map;
    bool indefinite;
    bool key_next;
    std::uint64_t remaining;  // definite: entries (map) or items (array) still to come
    std::size_t tags;         // tags on this container, released when it closes
  };

  explicit impl(cbor_events& e) : events(e) {}

  cbor_events& events;
  std::string pending;  // bytes of an incomplete item, kept for the next piece
  std::vector<level> stack;
  // Tags nest like containers in what a consumer builds, so they count against the depth limit:
  // those on open containers and those waiting for their item.
  std::size_t container_tags = 0;
  std::size_t waiting_tags = 0;
  bool in_chunks = false;
  unsigned chunk_major = 0;
  std::string chunks;
  bool done = false;
  std::string error;

  bool fail(std::string msg) {
    if (error.empty()) error = std::move(msg);
    return false;
  }
  std::size_t stop(std::string msg) {
    fail(std::move(msg));
    return npos;
  }
  bool check(bool ok) { return ok || fail(events.error()); }

  bool at_key() const { return !stack.empty() && stack.back().map && stack.back().key_next; }

  bool require_value_position() {
    if (at_key()) return fail("CBOR map key is not a text string");
    return true;
  }

  bool enter_nesting() {
    if (stack.size() + container_tags + waiting_tags >= max_parse_depth) {
      return fail("CBOR nested deeper than " + std::to_string(max_parse_depth) + " levels");
    }
    return true;
  }

  // After a complete item: count it against the enclosing containers and close those it fills.
  bool item_done() {
    waiting_tags = 0;
    while (true) {
      if (stack.empty()) {
        done = true;
        return true;
      }
      auto& top = stack.back();
      if (top.map) top.key_next = true;
      if (top.indefinite) return true;
      if (--top.remaining > 0) return true;
      if (!close_container()) return false;
    }
  }

  bool close_container() {
    level top = stack.back();
    stack.pop_back();
    container_tags -= top.tags;
    return check(top.map ? events.end_map() : events.end_array());
  }

  bool deliver_string(unsigned major, std::string_view s) {
    if (major == major_text && !valid_utf8(s)) return fail("CBOR text string is not valid UTF-8");
    if (at_key()) {
      if (major != major_text) return fail("CBOR map key is not a text string");
      stack.back().key_next = false;
      return check(events.key(s));
    }
    if (!check(major == major_text ? events.text(s) : events.bytes(s))) return false;
    return item_done();
  }

  bool take_break() {
    if (in_chunks) {
      in_chunks = false;
      bool ok = deliver_string(chunk_major, chunks);
      chunks.clear();
      return ok;
    }
    if (waiting_tags > 0) return fail("CBOR tag is not followed by an item");
    if (stack.empty() || !stack.back().indefinite) return fail("unexpected CBOR break marker");
    if (stack.back().map && !stack.back().key_next) return fail("CBOR map ends between a key and its value");
    return close_container() && item_done();
  }

  bool take_container(bool map, bool indefinite, std::uint64_t count) {
    if (!require_value_position() || !enter_nesting()) return false;
    if (!check(map ? events.begin_map() : events.begin_array())) return false;
    if (!indefinite && count == 0) return check(map ? events.end_map() : events.end_array()) && item_done();
    stack.push_back(level{map, indefinite, true, count, waiting_tags});
    container_tags += waiting_tags;
    waiting_tags = 0;
    return true;
  }

  bool take_simple_or_float(unsigned ai, std::uint64_t arg) {
    if (!require_value_position()) return false;
    bool ok;
    if (ai >= 25) {
      ok = events.floating(1u << (ai - 24), arg);
    } else if (ai == 24 && arg < 32) {
      return fail("CBOR simple value " + std::to_string(arg) + " written in two bytes");
    } else {
      ok = events.simple(static_cast<std::uint8_t>(arg));
    }
    return check(ok) && item_done();
  }

  // Decodes as many complete items as [p, p+n) holds; returns the bytes consumed, or npos.
  std::size_t run(unsigned char const* p, std::size_t n) {
    std::size_t pos = 0;
    while (pos < n) {
      if (done) return stop("trailing data after the CBOR item");
      unsigned ib = p[pos];
      unsigned major = ib >> 5;
      unsigned ai = ib & 31;
      if (ib == 0xff) {
        if (!take_break()) return npos;
        ++pos;
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
        return stop("reserved CBOR additional information " + std::to_string(ai));
      } else if (ai == 31) {
        if (major < major_bytes || major > major_map) {
          return stop("unexpected CBOR indefinite length for major type " + std::to_string(major));
        }
        indefinite = true;
      }
      if (in_chunks && major != chunk_major) {
        return stop("unexpected major type " + std::to_string(major) + " in an indefinite CBOR string");
      }
      if (in_chunks && indefinite) return stop("nested indefinite CBOR string");
      bool ok = true;
      switch (major) {
        case 0:
        case 1:
          ok = require_value_position() && check(major == 0 ? events.unsigned_int(arg) : events.negative_int(arg)) &&
               item_done();
          pos += head;
          break;
        case major_bytes:
        case major_text: {
          if (indefinite) {
            if (major == major_bytes && !require_value_position()) return npos;
            in_chunks = true;
            chunk_major = major;
            chunks.clear();
            pos += head;
            break;
          }
          if (arg > n - pos - head) return pos;  // wait for the whole string
          std::string_view s(reinterpret_cast<char const*>(p + pos + head), std::size_t(arg));
          pos += head + std::size_t(arg);
          if (in_chunks) {
            chunks.append(s);
          } else {
            ok = deliver_string(major, s);
          }
          break;
        }
        case major_array:
        case major_map:
          pos += head;
          ok = take_container(major == major_map, indefinite, arg);
          break;
        case major_tag:
          pos += head;
          ok = require_value_position() && enter_nesting() && check(events.tag(arg));
          ++waiting_tags;
          break;
        default:
          pos += head;
          ok = take_simple_or_float(ai, arg);
          break;
      }
      if (!ok) return npos;
    }
    return pos;
  }
};

cbor_decoder::cbor_decoder(cbor_events& events) : impl_(std::make_unique<impl>(events)) {}
cbor_decoder::~cbor_decoder() = default;

bool cbor_decoder::feed(std::string_view bytes, bool last) {
  auto& s = *impl_;
  if (!error_.empty()) return false;
  auto finish = [&](std::size_t consumed, std::string_view from) {
    if (consumed == npos) {
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

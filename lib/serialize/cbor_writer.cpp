#include "serialize/cbor_writer.hpp"

#include <bit>
#include <cmath>

#include <boost/json/value.hpp>

namespace awscoro::detail::cbor {
namespace json = boost::json;

namespace {

void append_be(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool append_special(std::string& out, double d) {
  std::uint16_t half;
  if (std::isnan(d)) half = 0x7e00;
  else if (std::isinf(d)) half = d > 0 ? 0x7c00 : 0xfc00;
  else return false;
  out += static_cast<char>((simple << 5) | 25);
  append_be(out, half, 2);
  return true;
}

}  // namespace

void append_head(std::string& out, major m, std::uint64_t value) {
  auto initial = static_cast<std::uint8_t>(m << 5);
  if (value < 24) {
    out += static_cast<char>(initial | value);
  } else if (value <= 0xff) {
    out += static_cast<char>(initial | 24);
    append_be(out, value, 1);
  } else if (value <= 0xffff) {
    out += static_cast<char>(initial | 25);
    append_be(out, value, 2);
  } else if (value <= 0xffffffffu) {
    out += static_cast<char>(initial | 26);
    append_be(out, value, 4);
  } else {
    out += static_cast<char>(initial | 27);
    append_be(out, value, 8);
  }
}

void append_int(std::string& out, std::int64_t v) {
  if (v >= 0) append_head(out, unsigned_int, static_cast<std::uint64_t>(v));
  else append_head(out, negative_int, static_cast<std::uint64_t>(-(v + 1)));
}

void append_uint(std::string& out, std::uint64_t v) { append_head(out, unsigned_int, v); }

void append_text(std::string& out, std::string_view s) {
  append_head(out, text_string, s.size());
  out += s;
}

void append_bytes(std::string& out, std::string_view s) {
  append_head(out, byte_string, s.size());
  out += s;
}

void append_bool(std::string& out, bool b) { out += static_cast<char>((simple << 5) | (b ? 21 : 20)); }

void append_null(std::string& out) { out += static_cast<char>((simple << 5) | 22); }

void append_float32(std::string& out, float f) {
  if (append_special(out, f)) return;
  out += static_cast<char>((simple << 5) | 26);
  append_be(out, std::bit_cast<std::uint32_t>(f), 4);
}

void append_float64(std::string& out, double d) {
  if (append_special(out, d)) return;
  out += static_cast<char>((simple << 5) | 27);
  append_be(out, std::bit_cast<std::uint64_t>(d), 8);
}

void append_json(std::string& out, json::value const& v) {
  switch (v.kind()) {
    case json::kind::null: append_null(out); return;
    case json::kind::bool_: append_bool(out, v.get_bool()); return;
    case json::kind::int64: append_int(out, v.get_int64()); return;
    case json::kind::uint64: append_uint(out, v.get_uint64()); return;
    case json::kind::double_: append_float64(out, v.get_double()); return;
    case json::kind::string: append_text(out, v.get_string()); return;
    case json::kind::array:
      append_head(out, array, v.get_array().size());
      for (auto const& item : v.get_array()) append_json(out, item);
      return;
    case json::kind::object:
      append_head(out, map, v.get_object().size());
      for (auto const& [k, item] : v.get_object()) {
        append_text(out, k);
        append_json(out, item);
      }
      return;
  }
}

}  // namespace awscoro::detail::cbor

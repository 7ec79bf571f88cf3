#include "util/json_text.hpp"

#include <cstdint>

#include <boost/json/value.hpp>

#include "util/python_float.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_u_escape(std::string& out, std::uint32_t unit) {
  char b[6] = {'\\', 'u', hex_digits[(unit >> 12) & 0xf], hex_digits[(unit >> 8) & 0xf], hex_digits[(unit >> 4) & 0xf],
               hex_digits[unit & 0xf]};
  out.append(b, 6);
}

// Decodes one UTF-8 sequence at `p`; returns its length, or 0 when it is malformed.
std::size_t decode_utf8(unsigned char const* p, unsigned char const* end, std::uint32_t& cp) {
  unsigned c = p[0];
  std::size_t len;
  std::uint32_t min;
  if (c >= 0xc2 && c <= 0xdf) {
    len = 2, cp = c & 0x1f, min = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    len = 3, cp = c & 0x0f, min = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (static_cast<std::size_t>(end - p) < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    if ((p[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text, json_ascii ascii) {
  bool const keep_utf8 = ascii == json_ascii::keep_utf8;
  out += '"';
  auto const* p = reinterpret_cast<unsigned char const*>(text.data());
  auto const* end = p + text.size();
  while (p < end) {
    auto const* run = p;
    while (p < end && *p >= 0x20 && (*p < 0x7f || keep_utf8) && *p != '"' && *p != '\\') ++p;
    if (p != run) out.append(reinterpret_cast<char const*>(run), static_cast<std::size_t>(p - run));
    if (p == end) break;
    unsigned char c = *p;
    switch (c) {
      case '"': out += "\\\""; ++p; continue;
      case '\\': out += "\\\\"; ++p; continue;
      case '\n': out += "\\n"; ++p; continue;
      case '\r': out += "\\r"; ++p; continue;
      case '\t': out += "\\t"; ++p; continue;
      case '\b': out += "\\b"; ++p; continue;
      case '\f': out += "\\f"; ++p; continue;
      default: break;
    }
    if (c < 0x80) {
      append_u_escape(out, c);
      ++p;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t len = decode_utf8(p, end, cp);
    if (len == 0) {
      append_u_escape(out, 0xfffd);
      ++p;
      continue;
    }
    p += len;
    if (cp < 0x10000) {
      append_u_escape(out, cp);
    } else {
      cp -= 0x10000;
      append_u_escape(out, 0xd800 + (cp >> 10));
      append_u_escape(out, 0xdc00 + (cp & 0x3ff));
    }
  }
  out += '"';
}

void append_json_value(std::string& out, json::value const& v, json_spacing spacing) {
  bool const spaced = spacing == json_spacing::python_default;
  switch (v.kind()) {
    case json::kind::null: out += "null"; return;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
    case json::kind::int64: append_decimal(out, v.get_int64()); return;
    case json::kind::uint64: append_decimal(out, v.get_uint64()); return;
    case json::kind::double_: append_json_float(out, v.get_double()); return;
    case json::kind::string: append_json_string(out, v.get_string()); return;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (auto const& item : v.get_array()) {
        if (!first) out += spaced ? ", " : ",";
        first = false;
        append_json_value(out, item, spacing);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (auto const& [k, item] : v.get_object()) {
        if (!first) out += spaced ? ", " : ",";
        first = false;
        append_json_string(out, k);
        out += spaced ? ": " : ":";
        append_json_value(out, item, spacing);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace awscoro::detail

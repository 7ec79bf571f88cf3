// Compact JSON text and number parsing for to_string() and to_number().
#include "jmespath/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace awscoro::detail::jmespath {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_u_escape(std::string& out, unsigned unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex_digits[(unit >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid bytes decode as U+FFFD.
unsigned next_code_point(std::string_view s, std::size_t& i) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned c = byte(i);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (c >= 0x80 && extra == 0) {
    ++i;
    return 0xFFFD;
  }
  if (extra == 0) {
    ++i;
    return c;
  }
  if (i + static_cast<std::size_t>(extra) >= s.size()) {
    i = s.size();
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + static_cast<std::size_t>(k)) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
  }
  unsigned cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      default: break;
    }
    unsigned cp = next_code_point(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      append_u_escape(out, 0xD800 + (cp >> 10));
      append_u_escape(out, 0xDC00 + (cp & 0x3FF));
    } else {
      append_u_escape(out, cp);
    }
  }
  out += '"';
}

}  // namespace

void append_python_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-Infinity" : "Infinity";
    return;
  }
  // Shortest round-trip digits, then Python's layout: fixed notation when the decimal exponent
  // is in [-4, 16), scientific otherwise, and always a '.0' on an integral fixed value.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(end - buf));
  if (ec != std::errc()) return;
  bool negative = !sci.empty() && sci[0] == '-';
  if (negative) sci.remove_prefix(1);
  auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int decpt = exponent + 1;  // value = 0.DIGITS x 10^decpt
  if (negative) out += '-';
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decpt), '0');
      out += digits;
    } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
      out += digits;
      out.append(static_cast<std::size_t>(decpt) - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, static_cast<std::size_t>(decpt));
      out += '.';
      out.append(digits, static_cast<std::size_t>(decpt), std::string::npos);
    }
    return;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1, std::string::npos);
  }
  out += exponent < 0 ? "e-" : "e+";
  int magnitude = exponent < 0 ? -exponent : exponent;
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
}

void append_json_text(std::string& out, value_ref const& v) {
  switch (v.type()) {
    case jtype::null:
    case jtype::expref: out += "null"; return;
    case jtype::boolean: out += v.as_bool() ? "true" : "false"; return;
    case jtype::string: append_string(out, v.as_string()); return;
    case jtype::number: {
      number n = v.as_number();
      if (n.k == number::kind::f64) {
        append_python_float(out, n.d);
        return;
      }
      char buf[32];
      auto [end, ec] = n.k == number::kind::i64 ? std::to_chars(buf, buf + sizeof buf, n.i)
                                                : std::to_chars(buf, buf + sizeof buf, n.u);
      if (ec == std::errc()) out.append(buf, end);
      return;
    }
    case jtype::array: {
      array_view items(v);
      out += '[';
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        append_json_text(out, items[i]);
      }
      out += ']';
      return;
    }
    case jtype::object: {
      out += '{';
      bool first = true;
      object_view(v).for_each([&](std::string_view key, value_ref const& member) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append_json_text(out, member);
      });
      out += '}';
      return;
    }
  }
}

std::optional<number> parse_number(std::string_view text) noexcept {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  bool negative = text[0] == '-';
  std::string_view body = (text[0] == '-' || text[0] == '+') ? text.substr(1) : text;
  if (body.empty()) return std::nullopt;
  bool integral = true, any_digit = false;
  for (char c : body) {
    if (c >= '0' && c <= '9') {
      any_digit = true;
    } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
      integral = false;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit || body[0] == '+' || body[0] == '-') return std::nullopt;
  number n;
  if (integral) {
    std::uint64_t magnitude = 0;
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), magnitude);
    if (ec == std::errc() && ptr == body.data() + body.size()) {
      if (!negative) {
        if (magnitude <= static_cast<std::uint64_t>(INT64_MAX)) {
          n.i = static_cast<std::int64_t>(magnitude);
        } else {
          n.k = number::kind::u64;
          n.u = magnitude;
        }
        return n;
      }
      if (magnitude <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
        n.i = static_cast<std::int64_t>(0 - magnitude);
        return n;
      }
    }
  }
  double d = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
  if (ptr != body.data() + body.size() || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    return std::nullopt;
  }
  if (ec == std::errc::result_out_of_range) return std::nullopt;
  n.k = number::kind::f64;
  n.d = negative ? -d : d;
  return n;
}

}  // namespace awscoro::detail::jmespath

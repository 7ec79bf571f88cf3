// Compact JSON text and number parsing for to_string() and to_number().
#include "jmespath/json_text.hpp"

#include <charconv>

#include "util/json_text.hpp"
#include "util/python_float.hpp"

namespace awscoro::detail::jmespath {

void append_json_text(std::string& out, value_ref const& v) {
  switch (v.type()) {
    case jtype::null:
    case jtype::expref: out += "null"; return;
    case jtype::boolean: out += v.as_bool() ? "true" : "false"; return;
    case jtype::string: append_json_string(out, v.as_string()); return;
    case jtype::number: {
      number n = v.as_number();
      if (n.k == number::kind::f64) {
        append_json_float(out, n.d);
        return;
      }
      if (n.k == number::kind::i64) append_decimal(out, n.i);
      else append_decimal(out, n.u);
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
        append_json_string(out, key);
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

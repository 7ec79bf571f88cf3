#include "util/python_float.hpp"

#include <charconv>
#include <cmath>

namespace awscoro::detail {

void append_python_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-inf" : "inf";
    return;
  }
  // to_chars in scientific form gives the shortest round-trip digits and the exponent; Python's
  // repr then picks fixed notation for exponents in [-4, 16) and scientific otherwise.
  char buf[40];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  char const* p = buf;
  char const* end = res.ptr;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[24];
  int n = 0;
  char const* e = p;
  while (e < end && *e != 'e') {
    if (*e != '.') digits[n++] = *e;
    ++e;
  }
  int exp = 0;
  if (e < end) {
    char const* x = e + 1;
    if (x < end && *x == '+') ++x;  // from_chars takes '-' but not '+'
    std::from_chars(x, end, exp);
  }
  while (n > 1 && digits[n - 1] == '0') --n;

  if (exp < -4 || exp >= 16) {
    out += digits[0];
    if (n > 1) {
      out += '.';
      out.append(digits + 1, static_cast<std::size_t>(n - 1));
    }
    out += 'e';
    out += exp < 0 ? '-' : '+';
    int a = exp < 0 ? -exp : exp;
    if (a < 10) out += '0';
    char eb[8];
    auto er = std::to_chars(eb, eb + sizeof eb, a);
    out.append(eb, er.ptr);
    return;
  }
  if (exp < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exp - 1), '0');
    out.append(digits, static_cast<std::size_t>(n));
    return;
  }
  int int_digits = exp + 1;
  if (n <= int_digits) {
    out.append(digits, static_cast<std::size_t>(n));
    out.append(static_cast<std::size_t>(int_digits - n), '0');
    out += ".0";
  } else {
    out.append(digits, static_cast<std::size_t>(int_digits));
    out += '.';
    out.append(digits + int_digits, static_cast<std::size_t>(n - int_digits));
  }
}

void append_json_float(std::string& out, double d) {
  if (std::isnan(d)) out += "NaN";
  else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
  else append_python_float(out, d);
}

void append_decimal(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_decimal(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace awscoro::detail

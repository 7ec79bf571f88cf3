#include "util/timestamp.hpp"

#include <boost/json/value.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace awscoro::detail {
namespace {

constexpr std::int64_t us_per_s = 1'000'000;
constexpr std::int64_t s_per_day = 86'400;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
  unsigned const yoe = static_cast<unsigned>(y - era * 400);
  unsigned const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct civil {
  std::int64_t year;
  unsigned month, day, hour, minute, second;
  std::int64_t micros;
  unsigned weekday;  // 0 = Sunday
};

civil to_civil(timestamp_us t) {
  std::int64_t secs = t >= 0 ? t / us_per_s : -((-t + us_per_s - 1) / us_per_s);
  std::int64_t micros = t - secs * us_per_s;
  std::int64_t days = secs >= 0 ? secs / s_per_day : -((-secs + s_per_day - 1) / s_per_day);
  std::int64_t sod = secs - days * s_per_day;
  std::int64_t z = days + 719468;
  std::int64_t const era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned const doe = static_cast<unsigned>(z - era * 146097);
  unsigned const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned const mp = (5 * doy + 2) / 153;
  unsigned const d = doy - (153 * mp + 2) / 5 + 1;
  unsigned const m = mp < 10 ? mp + 3 : mp - 9;
  civil c{};
  c.year = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  c.month = m;
  c.day = d;
  c.hour = static_cast<unsigned>(sod / 3600);
  c.minute = static_cast<unsigned>(sod / 60 % 60);
  c.second = static_cast<unsigned>(sod % 60);
  c.micros = micros;
  c.weekday = static_cast<unsigned>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  return c;
}

constexpr char const* weekday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr char const* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A small cursor over the text being parsed.
struct scanner {
  std::string_view s;
  std::size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  bool digits(std::size_t n, unsigned& out) {
    if (i + n > s.size()) return false;
    unsigned v = 0;
    for (std::size_t k = 0; k < n; ++k) {
      char c = s[i + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + static_cast<unsigned>(c - '0');
    }
    out = v;
    i += n;
    return true;
  }
  void skip_spaces() {
    while (peek() == ' ') ++i;
  }
};

std::optional<timestamp_us> compose(std::int64_t y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s,
                                    std::int64_t micros, std::int64_t offset_s) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return std::nullopt;
  std::int64_t secs = days_from_civil(y, mo, d) * s_per_day + h * 3600 + mi * 60 + s - offset_s;
  return secs * us_per_s + micros;
}

// Reads ".123456" (any number of digits, extra digits truncated) into microseconds.
std::int64_t read_fraction(scanner& sc) {
  std::int64_t micros = 0;
  int n = 0;
  while (!sc.done() && sc.peek() >= '0' && sc.peek() <= '9') {
    if (n < 6) {
      micros = micros * 10 + (sc.peek() - '0');
      ++n;
    }
    ++sc.i;
  }
  while (n++ < 6) micros *= 10;
  return micros;
}

std::optional<timestamp_us> parse_iso8601(std::string_view text) {
  scanner sc{text};
  unsigned y, mo, d, h = 0, mi = 0, s = 0;
  std::int64_t micros = 0, offset = 0;
  if (!sc.digits(4, y)) return std::nullopt;
  bool basic = !sc.eat('-');
  if (!sc.digits(2, mo)) return std::nullopt;
  if (!basic && !sc.eat('-')) return std::nullopt;
  if (!sc.digits(2, d)) return std::nullopt;
  if (sc.eat('T') || sc.eat('t') || sc.eat(' ')) {
    if (!sc.digits(2, h)) return std::nullopt;
    sc.eat(':');
    if (!sc.digits(2, mi)) return std::nullopt;
    if (sc.eat(':') || (sc.peek() >= '0' && sc.peek() <= '9')) {
      if (!sc.digits(2, s)) return std::nullopt;
      if (sc.eat('.') || sc.eat(',')) micros = read_fraction(sc);
    }
    sc.skip_spaces();
    if (sc.eat('Z') || sc.eat('z')) {
    } else if (sc.peek() == '+' || sc.peek() == '-') {
      int sign = sc.peek() == '-' ? -1 : 1;
      ++sc.i;
      unsigned oh, om = 0;
      if (!sc.digits(2, oh)) return std::nullopt;
      sc.eat(':');
      if (!sc.done() && !sc.digits(2, om)) return std::nullopt;
      offset = sign * static_cast<std::int64_t>(oh * 3600 + om * 60);
    } else if (sc.s.substr(sc.i) == "GMT" || sc.s.substr(sc.i) == "UTC") {
      sc.i = sc.s.size();
    }
  }
  if (!sc.done()) return std::nullopt;
  return compose(y, mo, d, h, mi, s, micros, offset);
}

std::optional<timestamp_us> parse_rfc822(std::string_view text) {
  scanner sc{text};
  // Optional "Sun, "
  if (text.size() > 5 && text[3] == ',') sc.i = 4;
  sc.skip_spaces();
  unsigned d, y, h, mi, s = 0;
  if (!sc.digits(2, d) && !sc.digits(1, d)) return std::nullopt;
  sc.skip_spaces();
  if (sc.i + 3 > text.size()) return std::nullopt;
  std::string_view mon = text.substr(sc.i, 3);
  unsigned mo = 0;
  for (unsigned k = 0; k < 12; ++k)
    if (mon == month_names[k]) mo = k + 1;
  if (!mo) return std::nullopt;
  sc.i += 3;
  sc.skip_spaces();
  if (!sc.digits(4, y)) return std::nullopt;
  sc.skip_spaces();
  if (!sc.digits(2, h) || !sc.eat(':') || !sc.digits(2, mi)) return std::nullopt;
  if (sc.eat(':') && !sc.digits(2, s)) return std::nullopt;
  std::int64_t micros = 0;
  if (sc.eat('.')) micros = read_fraction(sc);
  sc.skip_spaces();
  std::string_view zone = text.substr(sc.i);
  std::int64_t offset = 0;
  if (zone.empty() || zone == "GMT" || zone == "UTC" || zone == "Z" || zone == "UT") {
  } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 5) {
    scanner z{zone, 1};
    unsigned oh, om;
    if (!z.digits(2, oh) || !z.digits(2, om)) return std::nullopt;
    offset = (zone[0] == '-' ? -1 : 1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  return compose(y, mo, d, h, mi, s, micros, offset);
}

std::optional<timestamp_us> parse_epoch(std::string_view text) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return static_cast<timestamp_us>(std::llround(v * 1e6));
}

void append_2(std::string& out, unsigned v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

void append_year(std::string& out, std::int64_t y) {
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(y));
  out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace

std::optional<timestamp_us> parse_timestamp(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (auto t = parse_epoch(text)) return t;
  if (auto t = parse_iso8601(text)) return t;
  return parse_rfc822(text);
}

std::optional<timestamp_us> timestamp_from_json(boost::json::value const& v) {
  if (v.is_int64()) return v.get_int64() * us_per_s;
  if (v.is_uint64()) return static_cast<timestamp_us>(v.get_uint64()) * us_per_s;
  if (v.is_double()) {
    if (!std::isfinite(v.get_double())) return std::nullopt;
    return static_cast<timestamp_us>(std::llround(v.get_double() * 1e6));
  }
  if (v.is_string()) return parse_timestamp(v.get_string());
  return std::nullopt;
}

std::string format_iso8601(timestamp_us t, bool millis) {
  civil c = to_civil(t);
  std::string out;
  out.reserve(27);
  append_year(out, c.year);
  out += '-';
  append_2(out, c.month);
  out += '-';
  append_2(out, c.day);
  out += 'T';
  append_2(out, c.hour);
  out += ':';
  append_2(out, c.minute);
  out += ':';
  append_2(out, c.second);
  if (millis || c.micros) {
    char buf[24];
    if (millis || c.micros % 1000 == 0)
      std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(c.micros / 1000));
    else
      std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(c.micros));
    out += buf;
  }
  out += 'Z';
  return out;
}

std::string format_rfc822(timestamp_us t) {
  civil c = to_civil(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02u:%02u:%02u GMT", weekday_names[c.weekday], c.day,
                month_names[c.month - 1], static_cast<long long>(c.year), c.hour, c.minute, c.second);
  return buf;
}

std::string format_amz_date(timestamp_us t) {
  civil c = to_civil(t);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04lld%02u%02uT%02u%02u%02uZ", static_cast<long long>(c.year), c.month, c.day,
                c.hour, c.minute, c.second);
  return buf;
}

boost::json::value epoch_seconds(timestamp_us t, bool millis) {
  std::int64_t secs = t >= 0 ? t / us_per_s : -((-t + us_per_s - 1) / us_per_s);
  std::int64_t frac_ms = (t - secs * us_per_s) / 1000;
  if (!millis || frac_ms == 0) return boost::json::value(secs);
  return boost::json::value(static_cast<double>(secs) + static_cast<double>(frac_ms) / 1000.0);
}

std::string format_epoch(timestamp_us t, bool millis) {
  auto v = epoch_seconds(t, millis);
  if (v.is_int64()) return std::to_string(v.get_int64());
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double());
  return std::string(buf, p);
}

timestamp_us now_us() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace awscoro::detail

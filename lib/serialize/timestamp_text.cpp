#include "serialize/timestamp_text.hpp"

#include "util/python_float.hpp"

namespace awscoro::detail {

namespace {

constexpr std::int64_t us_per_s = 1'000'000;
constexpr std::int64_t s_per_day = 86'400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct civil_time {
  std::int64_t year;
  unsigned month, day, hour, minute, second, weekday;  // weekday: 0 = Sunday
  std::int64_t micros;
};

civil_time to_civil(timestamp_us t) {
  civil_time c{};
  std::int64_t secs = floor_div(t, us_per_s);
  c.micros = t - secs * us_per_s;
  std::int64_t days = floor_div(secs, s_per_day);
  std::int64_t sod = secs - days * s_per_day;
  c.hour = static_cast<unsigned>(sod / 3600);
  c.minute = static_cast<unsigned>(sod / 60 % 60);
  c.second = static_cast<unsigned>(sod % 60);
  c.weekday = static_cast<unsigned>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  // Days to civil date (the proleptic Gregorian calendar, eras of 400 years).
  std::int64_t z = days + 719468;
  std::int64_t era = floor_div(z, 146097);
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  c.day = doy - (153 * mp + 2) / 5 + 1;
  c.month = mp < 10 ? mp + 3 : mp - 9;
  c.year = static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2);
  return c;
}

void append_digits(std::string& out, std::int64_t v, int width) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 || n < width);
  while (n > 0) out += buf[--n];
}

constexpr char const* weekday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr char const* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

timestamp_format timestamp_format_from(std::string_view name, timestamp_format fallback) {
  if (name.empty()) return fallback;
  auto eq = [&](std::string_view want) {
    if (name.size() != want.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != want[i]) return false;
    }
    return true;
  };
  if (eq("iso8601")) return timestamp_format::iso8601;
  if (eq("unixtimestamp")) return timestamp_format::unix_seconds;
  if (eq("rfc822")) return timestamp_format::rfc822;
  return fallback;
}

void append_timestamp(std::string& out, timestamp_us t, timestamp_format f, timestamp_precision p) {
  bool const millis = p == timestamp_precision::millisecond;
  if (f == timestamp_format::unix_seconds) {
    std::int64_t secs = floor_div(t, us_per_s);
    if (!millis) {
      append_decimal(out, secs);
    } else {
      std::int64_t ms = (t - secs * us_per_s) / 1000;
      append_python_float(out, static_cast<double>(secs) + static_cast<double>(ms) / 1000.0);
    }
    return;
  }
  civil_time c = to_civil(t);
  if (f == timestamp_format::rfc822) {
    out += weekday_names[c.weekday];
    out += ", ";
    append_digits(out, c.day, 2);
    out += ' ';
    out += month_names[c.month - 1];
    out += ' ';
    append_digits(out, c.year, 4);
    out += ' ';
  } else {
    append_digits(out, c.year, 4);
    out += '-';
    append_digits(out, c.month, 2);
    out += '-';
    append_digits(out, c.day, 2);
    out += 'T';
  }
  append_digits(out, c.hour, 2);
  out += ':';
  append_digits(out, c.minute, 2);
  out += ':';
  append_digits(out, c.second, 2);
  if (f == timestamp_format::rfc822) {
    out += " GMT";
    return;
  }
  if (millis) {
    out += '.';
    append_digits(out, c.micros / 1000, 3);
  } else if (c.micros != 0) {
    out += '.';
    append_digits(out, c.micros, 6);
  }
  out += 'Z';
}

}  // namespace awscoro::detail

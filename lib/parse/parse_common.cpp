#include "parse/parse_common.hpp"

#include <charconv>
#include <cstring>
#include <cmath>
#include <limits>
#include <utility>

#include <boost/json/parse.hpp>

#include "util/timestamp.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequal_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

int base64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// "2024-05-01T12:34:56.000Z" is already botocore's form but for the fraction: write it without
// the round trip through microseconds (the common case in XML bodies).
bool iso_utc_fast(std::string_view t, json::value& out) {
  if (t.size() < 20 || t.size() > 30 || t.back() != 'Z' || t[4] != '-' || t[7] != '-' || t[10] != 'T' ||
      t[13] != ':' || t[16] != ':')
    return false;
  auto digits = [&](std::size_t at, std::size_t n, unsigned lo, unsigned hi) {
    unsigned v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      v = v * 10 + unsigned(t[i] - '0');
    }
    return v >= lo && v <= hi;
  };
  if (!digits(0, 4, 1, 9999) || !digits(5, 2, 1, 12) || !digits(8, 2, 1, 31) || !digits(11, 2, 0, 23) ||
      !digits(14, 2, 0, 59) || !digits(17, 2, 0, 59))
    return false;
  char buf[32];
  std::memcpy(buf, t.data(), 19);
  std::size_t n = 19;
  if (t.size() > 20) {
    if (t[19] != '.') return false;
    auto frac = t.substr(20, t.size() - 21);
    if (frac.empty() || frac.size() > 9) return false;
    char f[6] = {'0', '0', '0', '0', '0', '0'};
    for (std::size_t i = 0; i < frac.size(); ++i) {
      if (frac[i] < '0' || frac[i] > '9') return false;
      if (i < 6) f[i] = frac[i];
    }
    bool micros_zero = f[3] == '0' && f[4] == '0' && f[5] == '0';
    bool all_zero = micros_zero && f[0] == '0' && f[1] == '0' && f[2] == '0';
    if (!all_zero) {
      buf[n++] = '.';
      std::size_t keep = micros_zero ? 3 : 6;
      std::memcpy(buf + n, f, keep);
      n += keep;
    }
  }
  buf[n++] = 'Z';
  out.emplace_string().assign(std::string_view(buf, n));
  return true;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  // Most bodies are ASCII: check eight bytes at a time before the full decoder.
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  s.remove_prefix(i);
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  auto const* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    std::uint32_t cp;
    if ((c & 0xe0) == 0xc0) extra = 1, cp = c & 0x1f;
    else if ((c & 0xf0) == 0xe0) extra = 2, cp = c & 0x0f;
    else if ((c & 0xf8) == 0xf0) extra = 3, cp = c & 0x07;
    else return false;
    if (end - p <= extra) return false;
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    p += extra + 1;
  }
  return true;
}

std::string_view serialized_name(service_model const& m, member_ref const& r) {
  if (!r.location_name.empty()) return r.location_name;
  auto const& t = m.target(r);
  if (!t.location_name.empty()) return t.location_name;
  return r.name;
}

std::string_view xml_member_name(service_model const& m, member_ref const& r) {
  auto const& t = m.target(r);
  if (t.type == shape_type::list && m.is_flattened(r)) {
    auto const& item = t.member;
    if (!item.location_name.empty()) return item.location_name;
    if (!m.target(item).location_name.empty()) return m.target(item).location_name;
  }
  return serialized_name(m, r);
}

bool is_json_value(service_model const& m, member_ref const& r) { return r.json_value || m.target(r).json_value; }

bool parse_float_text(std::string_view text, double& out) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (iequal_ascii(text, "nan")) {
    out = std::numeric_limits<double>::quiet_NaN();
  } else if (iequal_ascii(text, "inf") || iequal_ascii(text, "infinity")) {
    out = std::numeric_limits<double>::infinity();
  } else {
    if (text.empty() || text.front() == '+' || text.front() == '-') return false;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (p != text.data() + text.size()) return false;
    if (ec == std::errc::result_out_of_range) {
      // Python's float() saturates to infinity or zero rather than failing.
      out = std::strtod(std::string(text).c_str(), nullptr);
    } else if (ec != std::errc()) {
      return false;
    }
  }
  if (negative) out = -out;
  return true;
}

bool parse_int_text(std::string_view text, json::value& out) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.front() == '+' || text.front() == '-') return false;
  std::uint64_t u = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), u);
  if (ec != std::errc() || p != text.data() + text.size()) return false;
  if (!negative) {
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      out = static_cast<std::int64_t>(u);
    else
      out = u;
    return true;
  }
  if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1u) return false;
  out = u == static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1u
            ? std::numeric_limits<std::int64_t>::min()
            : -static_cast<std::int64_t>(u);
  return true;
}

bool lenient_base64_decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int bits = 0;
  int count = 0;
  for (unsigned char c : text) {
    if (c == '=') break;
    int v = base64_value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    ++count;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // A single leftover character cannot encode a byte: Python rejects it as incorrect padding.
  return count % 4 != 1;
}

bool scalar_from_text(service_model const& m, member_ref const& r, std::string_view text, text_flavor flavor,
                      parse_options const& options, bool in_header, json::value& out, std::string& why) {
  auto const& t = m.target(r);
  switch (t.type) {
    case shape_type::string:
      if (in_header && is_json_value(m, r)) {
        std::string decoded;
        if (!lenient_base64_decode(text, decoded)) {
          why = "header is not base64";
          return false;
        }
        json::error_code ec;
        out = json::parse(decoded, ec, out.storage());
        if (ec) {
          why = "header does not hold base64 JSON";
          return false;
        }
        return true;
      }
      out.emplace_string().assign(text);
      return true;
    case shape_type::boolean:
      out = flavor == text_flavor::rest_json && in_header ? iequal_ascii(text, "true") : text == "true";
      return true;
    case shape_type::integer:
    case shape_type::long_:
      if (!parse_int_text(text, out)) {
        why = "not an integer";
        return false;
      }
      return true;
    case shape_type::float_:
    case shape_type::double_: {
      double d;
      if (!parse_float_text(text, d)) {
        why = "not a number";
        return false;
      }
      out = d;
      return true;
    }
    case shape_type::timestamp: {
      if (options.raw_timestamps) {
        out.emplace_string().assign(text);
        return true;
      }
      if (iso_utc_fast(text, out)) return true;
      auto ts = parse_timestamp(trim(text));
      if (!ts) {
        why = "not a timestamp";
        return false;
      }
      out.emplace_string().assign(format_iso8601(*ts));
      return true;
    }
    case shape_type::blob: {
      std::string bytes;
      if (!lenient_base64_decode(text, bytes)) {
        why = "not base64";
        return false;
      }
      out.emplace_string().assign(bytes);
      return true;
    }
    case shape_type::bigdecimal:
    case shape_type::biginteger:
      out.emplace_string().assign(text);
      return true;
    case shape_type::list: {
      if (!in_header) break;
      // A list in a header is comma separated (RFC 7230); botocore splits on every comma.
      json::array items(out.storage());
      std::size_t start = 0;
      while (true) {
        auto comma = text.find(',', start);
        auto piece = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        json::value item(out.storage());
        if (!scalar_from_text(m, t.member, piece, flavor, options, true, item, why)) return false;
        items.push_back(std::move(item));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      out = std::move(items);
      return true;
    }
    default:
      break;
  }
  why = "a " + std::string(t.name) + " cannot be read from text";
  return false;
}

std::string body_excerpt(std::string_view body) {
  constexpr std::size_t limit = 80;
  std::string out;
  out.reserve(std::min(body.size(), limit) + 8);
  for (std::size_t i = 0; i < body.size() && i < limit; ++i) {
    auto c = static_cast<unsigned char>(body[i]);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c >= 0x7f) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (body.size() > limit) out += "...";
  return out;
}

std::string malformed_message(operation_model const& op, unsigned status, std::string_view what,
                              std::string_view body) {
  std::string msg = op.name;
  msg += ": HTTP ";
  msg += std::to_string(status);
  msg += ": ";
  msg += what;
  msg += " (body: '";
  msg += body_excerpt(body);
  msg += "')";
  return msg;
}

std::string_view http_reason_phrase(unsigned status) {
  static constexpr std::pair<unsigned, std::string_view> table[] = {
      {100, "Continue"}, {101, "Switching Protocols"}, {102, "Processing"}, {103, "Early Hints"},
      {200, "OK"}, {201, "Created"}, {202, "Accepted"}, {203, "Non-Authoritative Information"},
      {204, "No Content"}, {205, "Reset Content"}, {206, "Partial Content"}, {207, "Multi-Status"},
      {208, "Already Reported"}, {226, "IM Used"}, {300, "Multiple Choices"}, {301, "Moved Permanently"},
      {302, "Found"}, {303, "See Other"}, {304, "Not Modified"}, {305, "Use Proxy"},
      {307, "Temporary Redirect"}, {308, "Permanent Redirect"}, {400, "Bad Request"}, {401, "Unauthorized"},
      {402, "Payment Required"}, {403, "Forbidden"}, {404, "Not Found"}, {405, "Method Not Allowed"},
      {406, "Not Acceptable"}, {407, "Proxy Authentication Required"}, {408, "Request Timeout"},
      {409, "Conflict"}, {410, "Gone"}, {411, "Length Required"}, {412, "Precondition Failed"},
      {413, "Request Entity Too Large"}, {414, "Request-URI Too Long"}, {415, "Unsupported Media Type"},
      {416, "Requested Range Not Satisfiable"}, {417, "Expectation Failed"}, {418, "I'm a Teapot"},
      {421, "Misdirected Request"}, {422, "Unprocessable Entity"}, {423, "Locked"},
      {424, "Failed Dependency"}, {425, "Too Early"}, {426, "Upgrade Required"},
      {428, "Precondition Required"}, {429, "Too Many Requests"}, {431, "Request Header Fields Too Large"},
      {451, "Unavailable For Legal Reasons"}, {500, "Internal Server Error"}, {501, "Not Implemented"},
      {502, "Bad Gateway"}, {503, "Service Unavailable"}, {504, "Gateway Timeout"},
      {505, "HTTP Version Not Supported"}, {506, "Variant Also Negotiates"}, {507, "Insufficient Storage"},
      {508, "Loop Detected"}, {510, "Not Extended"}, {511, "Network Authentication Required"},
  };
  for (auto const& [code, text] : table)
    if (code == status) return text;
  return {};
}

}  // namespace awscoro::detail

#include "endpoint/rule_functions.hpp"

#include <new>
#include <vector>

namespace awscoro::detail {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_unreserved(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

char* allocate_chars(std::pmr::memory_resource& arena, std::size_t n) {
  return static_cast<char*>(arena.allocate(n == 0 ? 1 : n, 1));
}

constexpr char hex_digits[] = "0123456789ABCDEF";

// Writes `in` percent-encoded (unreserved bytes, and '/' when `keep_slash`, stay bare) to `out`;
// returns the end.
char* percent_encode_into(char* out, std::string_view in, bool keep_slash) {
  for (char c : in) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      *out++ = c;
    } else {
      auto const b = static_cast<unsigned char>(c);
      *out++ = '%';
      *out++ = hex_digits[b >> 4];
      *out++ = hex_digits[b & 0xF];
    }
  }
  return out;
}

// h16 groups separated by ':', an IPv4 address allowed as the last piece when `v4_last`; counts
// groups into `n` (an IPv4 address counts two).
bool ipv6_groups(std::string_view part, bool v4_last, int& n) {
  n = 0;
  if (part.empty()) return true;
  while (true) {
    auto colon = part.find(':');
    std::string_view piece = part.substr(0, colon);
    bool const last = colon == std::string_view::npos;
    if (last && v4_last && piece.find('.') != std::string_view::npos) {
      if (!is_ipv4_literal(piece)) return false;
      n += 2;
      return true;
    }
    if (piece.empty() || piece.size() > 4) return false;
    for (char c : piece)
      if (!is_hex(c)) return false;
    ++n;
    if (last) return true;
    part.remove_prefix(colon + 1);
  }
}

// RFC 3986 IPv6address (no brackets, no zone).
bool is_ipv6_address(std::string_view s) {
  auto const dc = s.find("::");
  int before = 0, after = 0;
  if (dc == std::string_view::npos) return ipv6_groups(s, true, before) && before == 8;
  if (s.find("::", dc + 1) != std::string_view::npos) return false;
  return ipv6_groups(s.substr(0, dc), false, before) && ipv6_groups(s.substr(dc + 2), true, after) &&
         before + after <= 7;
}

// An IPv6 address with an optional zone: '%' then unreserved characters or %XX escapes
// ("%25" is itself such an escape).
bool is_ipv6_with_zone(std::string_view s) {
  auto const pct = s.find('%');
  if (!is_ipv6_address(s.substr(0, pct))) return false;
  if (pct == std::string_view::npos) return true;
  std::string_view zone = s.substr(pct + 1);
  if (zone.empty()) return false;
  for (std::size_t i = 0; i < zone.size(); ++i) {
    char const c = zone[i];
    if (is_alnum(c) || c == '.' || c == '_' || c == '!' || c == '-' || c == '~') continue;
    if (c == '%' && i + 2 < zone.size() && is_hex(zone[i + 1]) && is_hex(zone[i + 2])) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

// What urlsplit accepts between brackets: an IPvFuture literal or an IPv6 address (optionally
// scoped), never an IPv4 address.
bool is_acceptable_bracketed_host(std::string_view h) {
  if (!h.empty() && h[0] == 'v') {
    std::size_t i = 1;
    while (i < h.size() && is_hex(h[i])) ++i;
    return i > 1 && i + 1 < h.size() && h[i] == '.';
  }
  auto const pct = h.find('%');
  if (pct != std::string_view::npos) {
    auto scope = h.substr(pct + 1);
    if (scope.empty() || scope.find('%') != std::string_view::npos) return false;
  }
  return is_ipv6_address(h.substr(0, pct));
}

bool is_host_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label)
    if (!is_alnum(c) && c != '-') return false;
  return true;
}

// botocore's normalize_url_path: "/" for an empty path, else RFC 3986 dot-segment removal that
// also drops empty segments, keeping a leading and (when anything remains) a trailing '/'.
// Then percent-encoded with '/' kept, and a '/' appended when missing.
std::string_view normalize_path(std::string_view path, std::pmr::memory_resource& arena) {
  if (path.empty()) return "/";
  // Kept segments, as [begin, end) offsets into `path`; '..' pops.
  std::pmr::vector<std::string_view> kept(&arena);
  std::size_t pos = 0;
  while (pos <= path.size()) {
    auto slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(pos, slash - pos);
    if (!seg.empty() && seg != ".") {
      if (seg == "..") {
        if (!kept.empty()) kept.pop_back();
      } else {
        kept.push_back(seg);
      }
    }
    pos = slash + 1;
  }
  bool const lead = path.front() == '/';
  bool const trail = path.back() == '/' && !kept.empty();
  std::size_t raw = 2;
  for (auto s : kept) raw += s.size() + 1;
  char* const buf = allocate_chars(arena, raw * 3 + 1);
  char* out = buf;
  if (lead) *out++ = '/';
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i) *out++ = '/';
    out = percent_encode_into(out, kept[i], true);
  }
  if (trail) *out++ = '/';
  if (out == buf || out[-1] != '/') *out++ = '/';
  return {buf, static_cast<std::size_t>(out - buf)};
}

}  // namespace

bool is_ipv4_literal(std::string_view host) {
  int groups = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t digits = 0;
    while (i < host.size() && is_digit(host[i]) && digits < 4) ++i, ++digits;
    if (digits == 0 || digits > 3) return false;
    if (++groups == 4) return i == host.size();
    if (i >= host.size() || host[i] != '.') return false;
    ++i;
  }
}

bool is_bracketed_ipv6_literal(std::string_view host) {
  if (host.size() < 2 || host.front() != '[' || host.back() != ']') return false;
  return is_ipv6_with_zone(host.substr(1, host.size() - 2));
}

std::optional<parsed_url> parse_url(std::string_view url, std::pmr::memory_resource& arena) {
  // urlsplit drops leading C0 controls and spaces, and tabs and line breaks anywhere.
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  bool const had_unsafe = url.find_first_of("\t\r\n") != std::string_view::npos;
  if (had_unsafe) {
    char* buf = allocate_chars(arena, url.size());
    std::size_t n = 0;
    for (char c : url)
      if (c != '\t' && c != '\r' && c != '\n') buf[n++] = c;
    url = {buf, n};
  }

  auto const colon = url.find(':');
  if (colon == 0 || colon == std::string_view::npos || !is_alpha(url[0])) return std::nullopt;
  std::string_view scheme = url.substr(0, colon);
  bool upper = false;
  for (char c : scheme) {
    if (!is_alnum(c) && c != '+' && c != '-' && c != '.') return std::nullopt;
    upper |= (c >= 'A' && c <= 'Z');
  }
  if (upper) {
    char* buf = allocate_chars(arena, scheme.size());
    for (std::size_t i = 0; i < scheme.size(); ++i)
      buf[i] = (scheme[i] >= 'A' && scheme[i] <= 'Z') ? static_cast<char>(scheme[i] - 'A' + 'a') : scheme[i];
    scheme = {buf, scheme.size()};
  }
  if (scheme != "http" && scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(colon + 1);

  std::string_view netloc;
  if (rest.starts_with("//")) {
    auto const end = rest.find_first_of("/?#", 2);
    netloc = rest.substr(2, end == std::string_view::npos ? std::string_view::npos : end - 2);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
    bool const open = netloc.find('[') != std::string_view::npos;
    bool const close = netloc.find(']') != std::string_view::npos;
    if (open != close) return std::nullopt;
    if (open) {
      auto inner = netloc.substr(netloc.find('[') + 1);
      inner = inner.substr(0, inner.find(']'));
      if (!is_acceptable_bracketed_host(inner)) return std::nullopt;
    }
  }
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    if (q + 1 < rest.size()) return std::nullopt;  // URLs with a query are not endpoints
    rest = rest.substr(0, q);
  }
  // urlparse moves ";params" of the last segment out of the path.
  if (auto semi = rest.find(';', rest.rfind('/') == std::string_view::npos ? 0 : rest.rfind('/'));
      semi != std::string_view::npos)
    rest = rest.substr(0, semi);

  // Host and port, as urlparse's hostname/port see them.
  std::string_view hostinfo = netloc;
  if (auto at = hostinfo.rfind('@'); at != std::string_view::npos) hostinfo.remove_prefix(at + 1);
  std::string_view hostname, port;
  if (auto br = hostinfo.find('['); br != std::string_view::npos) {
    auto bracketed = hostinfo.substr(br + 1);
    auto close = bracketed.find(']');
    hostname = bracketed.substr(0, close);
    if (close != std::string_view::npos) {
      auto after = bracketed.substr(close + 1);
      if (auto c = after.find(':'); c != std::string_view::npos) port = after.substr(c + 1);
    }
  } else {
    auto c = hostinfo.find(':');
    hostname = hostinfo.substr(0, c);
    if (c != std::string_view::npos) port = hostinfo.substr(c + 1);
  }
  if (!port.empty()) {
    std::uint32_t value = 0;
    for (char c : port) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
      if (value > 65535) return std::nullopt;
    }
  }
  if (hostname.empty()) return std::nullopt;

  parsed_url out;
  out.scheme = scheme;
  out.authority = netloc;
  out.path = rest;
  out.normalized_path = normalize_path(rest, arena);
  out.is_ip = is_ipv4_literal(hostname) || (!had_unsafe && is_ipv6_with_zone(hostname));
  return out;
}

std::optional<parsed_arn> parse_arn(std::string_view arn, std::pmr::memory_resource& arena) {
  if (!arn.starts_with("arn:")) return std::nullopt;
  std::string_view parts[5];
  std::string_view rest = arn;
  for (auto& part : parts) {
    auto c = rest.find(':');
    if (c == std::string_view::npos) return std::nullopt;
    part = rest.substr(0, c);
    rest.remove_prefix(c + 1);
  }
  if (parts[1].empty() || parts[2].empty() || rest.empty()) return std::nullopt;
  std::size_t n = 1;
  for (char c : rest) n += (c == ':' || c == '/');
  auto* ids = static_cast<std::string_view*>(arena.allocate(n * sizeof(std::string_view), alignof(std::string_view)));
  std::size_t k = 0, start = 0;
  for (std::size_t i = 0; i <= rest.size(); ++i) {
    if (i == rest.size() || rest[i] == ':' || rest[i] == '/') {
      new (&ids[k++]) std::string_view(rest.substr(start, i - start));
      start = i + 1;
    }
  }
  return parsed_arn{parts[1], parts[2], parts[3], parts[4], {ids, n}};
}

bool is_valid_host_label(std::string_view value, bool allow_subdomains) {
  if (!allow_subdomains) return is_host_label(value);
  while (true) {
    auto dot = value.find('.');
    if (!is_host_label(value.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    value.remove_prefix(dot + 1);
  }
}

bool is_virtual_hostable_s3_bucket(std::string_view value, bool allow_subdomains) {
  if (value.size() < 3 || is_ipv4_literal(value)) return false;
  for (char c : value)
    if (c >= 'A' && c <= 'Z') return false;
  return is_valid_host_label(value, allow_subdomains);
}

std::optional<std::string_view> substring(std::string_view value, std::int64_t start, std::int64_t stop,
                                          bool reverse) {
  auto const len = static_cast<std::int64_t>(value.size());
  if (start < 0 || start >= stop || len < stop) return std::nullopt;
  for (char c : value)
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
  if (reverse) return value.substr(static_cast<std::size_t>(len - stop), static_cast<std::size_t>(stop - start));
  return value.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(stop - start));
}

std::string_view uri_encode(std::string_view value, std::pmr::memory_resource& arena) {
  char* const buf = allocate_chars(arena, value.size() * 3);
  char* const end = percent_encode_into(buf, value, false);
  return {buf, static_cast<std::size_t>(end - buf)};
}

}  // namespace awscoro::detail

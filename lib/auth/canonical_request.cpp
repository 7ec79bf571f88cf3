#include "auth/canonical_request.hpp"

#include <algorithm>
#include <array>

#include "util/encoding.hpp"

namespace awscoro::detail {
namespace {

constexpr char hex_upper[] = "0123456789ABCDEF";

constexpr bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_escaped(std::string& out, unsigned char c) {
  if (is_unreserved(c)) {
    out += static_cast<char>(c);
  } else {
    out += '%';
    out += hex_upper[c >> 4];
    out += hex_upper[c & 15];
  }
}

// Decodes %XX and re-encodes every byte that is not unreserved, in one pass.
void append_requoted(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        append_escaped(out, static_cast<unsigned char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    append_escaped(out, static_cast<unsigned char>(c));
  }
}

// Byte length of the whitespace character at `i` (0 when there is none). Python's str.split(),
// which botocore uses to fold header values, splits on ASCII and Unicode whitespace alike.
std::size_t whitespace_at(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) ? 1 : 0;
  std::size_t left = s.size() - i;
  if (c == 0xc2 && left >= 2) return (b(i + 1) == 0x85 || b(i + 1) == 0xa0) ? 2 : 0;
  if (left < 3) return 0;
  unsigned char c1 = b(i + 1), c2 = b(i + 2);
  bool space = (c == 0xe1 && c1 == 0x9a && c2 == 0x80) ||                                    // U+1680
               (c == 0xe2 && c1 == 0x80 && (c2 <= 0x8a || c2 == 0xa8 || c2 == 0xa9 || c2 == 0xaf)) ||
               (c == 0xe2 && c1 == 0x81 && c2 == 0x9f) ||                                    // U+205F
               (c == 0xe3 && c1 == 0x80 && c2 == 0x80);                                      // U+3000
  if (space) return 3;
  return 0;
}

constexpr std::array<bool, 256> make_whitespace_starts() {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r', '\x1c', '\x1d', '\x1e', '\x1f'}) t[c] = true;
  for (unsigned c : {0xc2u, 0xe1u, 0xe2u, 0xe3u}) t[c] = true;
  return t;
}
constexpr auto may_start_whitespace = make_whitespace_starts();

constexpr std::array<std::string_view, 11> unsigned_headers = {
    "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
    "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id"};

}  // namespace

void append_canonical_uri(std::string& out, std::string_view path, bool normalize, bool encode,
                          canonical_scratch& scratch) {
  if (path.empty()) {
    out += '/';
    return;
  }
  if (!normalize) {
    if (encode)
      percent_encode_to(out, path, true);
    else
      out += path;
    return;
  }
  auto& segs = scratch.segments;
  segs.clear();
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segs.push_back(seg);
    }
    start = slash + 1;
  }
  if (path.front() == '/') out += '/';
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (i) out += '/';
    if (encode)
      percent_encode_to(out, segs[i], false);
    else
      out += segs[i];
  }
  if (path.back() == '/' && !segs.empty()) out += '/';
}

void append_canonical_query(std::string& out, std::string_view query, canonical_scratch& scratch) {
  auto& text = scratch.text;
  auto& pairs = scratch.pairs;
  text.clear();
  pairs.clear();
  auto take = [&](std::string_view part) {
    canonical_scratch::span s{static_cast<std::uint32_t>(text.size()), 0};
    append_requoted(text, part);
    s.size = static_cast<std::uint32_t>(text.size() - s.offset);
    return s;
  };
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    canonical_scratch::query_pair p;
    p.key = take(pair.substr(0, eq));
    p.value = eq == std::string_view::npos ? canonical_scratch::span{} : take(pair.substr(eq + 1));
    pairs.push_back(p);
  }
  std::sort(pairs.begin(), pairs.end(), [&](auto const& a, auto const& b) {
    int c = scratch.view(a.key).compare(scratch.view(b.key));
    return c != 0 ? c < 0 : scratch.view(a.value) < scratch.view(b.value);
  });
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i) out += '&';
    out += scratch.view(pairs[i].key);
    out += '=';
    out += scratch.view(pairs[i].value);
  }
}

bool is_unsigned_header(std::string_view lowercase_name) {
  return std::find(unsigned_headers.begin(), unsigned_headers.end(), lowercase_name) != unsigned_headers.end();
}

void append_trimmed_header_value(std::string& out, std::string_view value) {
  bool pending_space = false;
  bool any = false;
  std::size_t i = 0;
  while (i < value.size()) {
    if (std::size_t ws = whitespace_at(value, i)) {
      pending_space = true;
      i += ws;
      continue;
    }
    // Copy the whole run up to the next byte that may start whitespace.
    std::size_t end = i + 1;
    while (end < value.size() && !may_start_whitespace[static_cast<unsigned char>(value[end])]) ++end;
    if (pending_space && any) out += ' ';
    pending_space = false;
    any = true;
    out.append(value.data() + i, end - i);
    i = end;
  }
}

void append_canonical_headers(std::string& out, std::string& signed_headers, header_list const& headers,
                              canonical_scratch& scratch) {
  auto& text = scratch.text;
  auto& refs = scratch.headers;
  text.clear();
  refs.clear();
  for (auto const& [name, value] : headers) {
    canonical_scratch::span s{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(name.size())};
    text.append(name);
    for (char* c = text.data() + s.offset; c != text.data() + text.size(); ++c)
      if (*c >= 'A' && *c <= 'Z') *c = static_cast<char>(*c - 'A' + 'a');
    if (is_unsigned_header(scratch.view(s))) {
      text.resize(s.offset);
      continue;
    }
    refs.push_back({s, value});
  }
  // An insertion sort: stable, so repeated headers keep the order they were added in, and free of
  // the buffer std::stable_sort allocates, for the dozen headers a request has.
  for (std::size_t i = 1; i < refs.size(); ++i) {
    auto moving = refs[i];
    std::size_t j = i;
    for (; j > 0 && scratch.view(moving.name) < scratch.view(refs[j - 1].name); --j) refs[j] = refs[j - 1];
    refs[j] = moving;
  }
  signed_headers.clear();
  for (std::size_t i = 0; i < refs.size();) {
    std::string_view name = scratch.view(refs[i].name);
    if (i) signed_headers += ';';
    signed_headers += name;
    out += name;
    out += ':';
    append_trimmed_header_value(out, refs[i].value);
    for (++i; i < refs.size() && scratch.view(refs[i].name) == name; ++i) {
      out += ',';
      append_trimmed_header_value(out, refs[i].value);
    }
    out += '\n';
  }
}

void append_query_param(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += '&';
  percent_encode_to(out, key);
  out += '=';
  percent_encode_to(out, value);
}

void set_host_if_missing(http_request& request) {
  if (request.headers.contains("Host")) return;
  std::string host = request.authority();
  for (char& c : host)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  request.headers.set("Host", std::move(host));
}

}  // namespace awscoro::detail

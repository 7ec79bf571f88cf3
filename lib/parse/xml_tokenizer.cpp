#include "parse/xml_tokenizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "parse/parse_common.hpp"

namespace awscoro::detail {

namespace {

// True when `s` holds '&' or '\r': text that needs more than a copy. Eight bytes at a time.
bool needs_work(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has = [](std::uint64_t w, unsigned char b) {
    std::uint64_t y = w ^ (ones * b);
    return ((y - ones) & ~y & highs) != 0;
  };
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (has(w, '&') || has(w, '\r')) return true;
  }
  for (; i < s.size(); ++i)
    if (s[i] == '&' || s[i] == '\r') return true;
  return false;
}

bool has_any(std::string_view s, bool attribute) {
  for (char c : s)
    if (c == '&' || c == '\r' || (attribute && (c == '<' || c == '\t' || c == '\n'))) return true;
  return false;
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Character classes for names: bit 1 may start a name, bit 2 may continue one.
constexpr auto name_table = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
    bool more = start || (c >= '0' && c <= '9') || c == '-' || c == '.';
    t[static_cast<std::size_t>(c)] = static_cast<unsigned char>((start ? 1 : 0) | (more ? 2 : 0));
  }
  return t;
}();

bool name_start(char c) { return name_table[static_cast<unsigned char>(c)] & 1; }
bool name_char(char c) { return name_table[static_cast<unsigned char>(c)] & 2; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

bool xml_reader::fail(std::string msg) {
  if (error_.empty()) error_ = "malformed XML: " + std::move(msg);
  return false;
}

bool xml_reader::decode(std::string_view raw, std::string& out, bool attribute) {
  out.clear();
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    // Copy the plain run up to the next character that needs attention.
    std::size_t run_end = i;
    while (run_end < raw.size()) {
      char r = raw[run_end];
      if (r == '&' || r == '\r' || (attribute && (r == '\t' || r == '\n' || r == '<'))) break;
      ++run_end;
    }
    if (run_end > i) {
      out.append(raw.data() + i, run_end - i);
      i = run_end;
      if (i == raw.size()) break;
    }
    char c = raw[i];
    if (c == '&') {
      auto semi = raw.find(';', i + 1);
      if (semi == std::string_view::npos || semi - i > 12) return fail("unterminated entity reference");
      auto ent = raw.substr(i + 1, semi - i - 1);
      if (ent == "lt") out += '<';
      else if (ent == "gt") out += '>';
      else if (ent == "amp") out += '&';
      else if (ent == "quot") out += '"';
      else if (ent == "apos") out += '\'';
      else if (ent.size() > 1 && ent[0] == '#') {
        std::uint32_t cp = 0;
        bool hex = ent[1] == 'x';
        auto digits = ent.substr(hex ? 2 : 1);
        if (digits.empty()) return fail("bad character reference");
        for (char d : digits) {
          int v;
          if (d >= '0' && d <= '9') v = d - '0';
          else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
          else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
          else return fail("bad character reference");
          cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
          if (cp > 0x10ffff) return fail("character reference out of range");
        }
        if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || (cp < 0x20 && cp != 9 && cp != 10 && cp != 13))
          return fail("character reference to an invalid character");
        append_utf8(out, cp);
      } else {
        return fail("undefined entity &" + std::string(ent) + ";");
      }
      i = semi;
    } else if (c == '\r') {
      // Line ends are normalized to \n, as every XML parser does.
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      out += attribute ? ' ' : '\n';
    } else if (attribute && (c == '\t' || c == '\n')) {
      out += ' ';
    } else if (attribute && c == '<') {
      return fail("'<' in an attribute value");
    } else {
      out += c;
    }
  }
  return true;
}

bool xml_reader::text(std::string_view raw) {
  if (starts_.empty()) {
    for (char c : raw)
      if (!is_ws(c)) return fail(saw_root_ ? "text after the root element" : "text before the root element");
    return true;
  }
  if (!needs_work(raw)) {
    sink_.on_text(raw);
    return true;
  }
  if (!decode(raw, scratch_, false)) return false;
  sink_.on_text(scratch_);
  return true;
}

bool xml_reader::tag(std::string_view inner) {
  if (!inner.empty() && inner[0] == '/') {
    auto name = inner.substr(1);
    while (!name.empty() && is_ws(name.back())) name.remove_suffix(1);
    if (starts_.empty()) return fail("end tag </" + std::string(name) + "> without a start tag");
    std::string_view open(names_.data() + starts_.back(), names_.size() - starts_.back());
    if (name != open) return fail("mismatched tag </" + std::string(name) + ">, expected </" + std::string(open) + ">");
    names_.resize(starts_.back());
    starts_.pop_back();
    if (starts_.empty()) root_closed_ = true;
    sink_.on_end();
    return true;
  }
  bool self_closing = !inner.empty() && inner.back() == '/';
  if (self_closing) inner.remove_suffix(1);
  if (inner.empty() || !name_start(inner[0])) return fail("invalid element name");
  if (root_closed_) return fail("junk after the root element");
  std::size_t i = 1;
  while (i < inner.size() && name_char(inner[i])) ++i;
  auto name = inner.substr(0, i);
  if (i < inner.size() && !is_ws(inner[i])) return fail("invalid element name");

  attrs_.clear();
  bool needs_decode = false;
  while (true) {
    while (i < inner.size() && is_ws(inner[i])) ++i;
    if (i >= inner.size()) break;
    auto an_start = i;
    if (!name_start(inner[i])) return fail("invalid attribute in <" + std::string(name) + ">");
    while (i < inner.size() && name_char(inner[i])) ++i;
    auto an = inner.substr(an_start, i - an_start);
    while (i < inner.size() && is_ws(inner[i])) ++i;
    if (i >= inner.size() || inner[i] != '=') return fail("attribute without a value in <" + std::string(name) + ">");
    ++i;
    while (i < inner.size() && is_ws(inner[i])) ++i;
    if (i >= inner.size() || (inner[i] != '"' && inner[i] != '\'')) return fail("unquoted attribute value");
    char q = inner[i++];
    auto close = inner.find(q, i);
    if (close == std::string_view::npos) return fail("unterminated attribute value");
    auto raw = inner.substr(i, close - i);
    if (has_any(raw, true)) needs_decode = true;
    attrs_.push_back({an, raw});
    i = close + 1;
    if (i < inner.size() && !is_ws(inner[i])) return fail("attributes must be separated by whitespace");
  }
  if (needs_decode) {
    if (attr_values_.size() < attrs_.size()) attr_values_.resize(attrs_.size());
    for (std::size_t k = 0; k < attrs_.size(); ++k)
      if (!decode(attrs_[k].value, attr_values_[k], true)) return false;
    for (std::size_t k = 0; k < attrs_.size(); ++k) attrs_[k].value = attr_values_[k];
  }

  saw_root_ = true;
  starts_.push_back(static_cast<std::uint32_t>(names_.size()));
  names_.append(name);
  sink_.on_start(name, attrs_);
  if (self_closing && !stopped_) {
    names_.resize(starts_.back());
    starts_.pop_back();
    if (starts_.empty()) root_closed_ = true;
    sink_.on_end();
  }
  return true;
}

std::size_t xml_reader::run(char const* p, char const* end, bool last) {
  constexpr auto npos = std::string::npos;
  char const* start = p;
  auto starts_with = [&](char const* at, std::string_view s) {
    return static_cast<std::size_t>(end - at) >= s.size() && std::memcmp(at, s.data(), s.size()) == 0;
  };
  auto find = [&](char const* from, std::string_view s) -> char const* {
    std::string_view hay(from, static_cast<std::size_t>(end - from));
    auto at = hay.find(s);
    return at == std::string_view::npos ? nullptr : from + at;
  };
  while (p < end && !stopped_) {
    if (*p != '<') {
      auto const* lt = static_cast<char const*>(std::memchr(p, '<', static_cast<std::size_t>(end - p)));
      if (!lt) {
        if (!last) return static_cast<std::size_t>(p - start);
        if (!text(std::string_view(p, static_cast<std::size_t>(end - p)))) return npos;
        p = end;
        break;
      }
      if (!text(std::string_view(p, static_cast<std::size_t>(lt - p)))) return npos;
      p = lt;
      continue;
    }
    if (end - p < 2) {
      if (!last) break;
      fail("unclosed token");
      return npos;
    }
    if (p[1] == '!') {
      if (starts_with(p, "<!--")) {
        auto const* close = find(p + 4, "-->");
        if (!close) {
          if (!last) break;
          fail("unterminated comment");
          return npos;
        }
        p = close + 3;
        continue;
      }
      if (starts_with(p, "<![CDATA[")) {
        auto const* close = find(p + 9, "]]>");
        if (!close) {
          if (!last) break;
          fail("unterminated CDATA section");
          return npos;
        }
        if (starts_.empty()) {
          fail("CDATA outside the root element");
          return npos;
        }
        sink_.on_text(std::string_view(p + 9, static_cast<std::size_t>(close - p - 9)));
        p = close + 3;
        continue;
      }
      if (!last && end - p < 9) break;
      if (starts_with(p, "<!DOCTYPE")) fail("a DOCTYPE is not allowed in a response");
      else fail("invalid markup declaration");
      return npos;
    }
    if (p[1] == '?') {
      auto const* close = find(p + 2, "?>");
      if (!close) {
        if (!last) break;
        fail("unterminated processing instruction");
        return npos;
      }
      p = close + 2;
      continue;
    }
    // An element tag: find its '>' outside quoted attribute values.
    char const* q = p + 1;
    char quote = 0;
    if (auto const* gt = static_cast<char const*>(std::memchr(q, '>', static_cast<std::size_t>(end - q)))) {
      // Most tags have no attributes: take the first '>' when nothing before it is quoted.
      char const* c = q;
      while (c < gt && *c != '"' && *c != '\'' && *c != '<') ++c;
      if (c == gt) q = gt;
    }
    while (q < end) {
      char c = *q;
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      } else if (c == '<') {
        fail("'<' inside a tag");
        return npos;
      }
      ++q;
    }
    if (q == end) {
      if (!last) break;
      fail("unclosed tag");
      return npos;
    }
    if (!tag(std::string_view(p + 1, static_cast<std::size_t>(q - p - 1)))) return npos;
    p = q + 1;
  }
  return static_cast<std::size_t>(p - start);
}

// Validates each piece once, as it arrives, rather than token by token. A sequence cut by the
// end of a piece is finished with the next one.
bool xml_reader::check_utf8(std::string_view bytes, bool last) {
  if (!utf8_carry_.empty()) {
    std::size_t need = 0;
    auto lead = static_cast<unsigned char>(utf8_carry_[0]);
    need = (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : 4;
    auto take = std::min(bytes.size(), need - utf8_carry_.size());
    utf8_carry_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (utf8_carry_.size() < need) return !last || fail("invalid UTF-8");
    if (!valid_utf8(utf8_carry_)) return fail("invalid UTF-8");
    utf8_carry_.clear();
  }
  // Hold back a trailing incomplete sequence.
  std::size_t cut = bytes.size();
  for (std::size_t back = 1; back <= 3 && back <= bytes.size(); ++back) {
    auto c = static_cast<unsigned char>(bytes[bytes.size() - back]);
    if ((c & 0xc0) == 0x80) continue;  // a continuation byte: keep looking for the lead
    if (c >= 0xc0) {
      std::size_t len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
      if (len > back) cut = bytes.size() - back;
    }
    break;
  }
  if (!valid_utf8(bytes.substr(0, cut))) return fail("invalid UTF-8");
  utf8_carry_.assign(bytes.substr(cut));
  if (last && !utf8_carry_.empty()) return fail("invalid UTF-8");
  return true;
}

bool xml_reader::feed(std::string_view bytes, bool last) {
  if (!error_.empty()) return false;
  if (stopped_) return true;
  if (!check_utf8(bytes, last)) return false;
  std::size_t used;
  if (pending_.empty()) {
    used = run(bytes.data(), bytes.data() + bytes.size(), last);
    if (used == std::string::npos) return false;
    pending_.assign(bytes.substr(std::min(used, bytes.size())));
  } else {
    pending_.append(bytes);
    std::string buf = std::move(pending_);
    pending_.clear();
    used = run(buf.data(), buf.data() + buf.size(), last);
    if (used == std::string::npos) return false;
    pending_.assign(std::string_view(buf).substr(std::min(used, buf.size())));
  }
  if (stopped_) return true;
  if (!error_.empty()) return false;
  if (last) {
    if (!saw_root_) return fail("no element found");
    if (!starts_.empty() || !pending_.empty())
      return fail("the document ends inside <" + std::string(names_.data() + (starts_.empty() ? 0 : starts_.back()),
                                                            names_.size() - (starts_.empty() ? 0 : starts_.back())) +
                  ">");
  }
  return true;
}

}  // namespace awscoro::detail

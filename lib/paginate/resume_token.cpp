#include "paginate/resume_token.hpp"

#include <charconv>

#include <boost/json/parse.hpp>

#include "util/encoding.hpp"
#include "util/json_text.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point and advances i, or -1.
long next_code_point(std::string_view s, std::size_t& i) noexcept {
  auto const c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return -1;
  long cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    auto const cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((cc & 0xc0) != 0x80) return -1;
    cp = (cp << 6) | (cc & 0x3f);
  }
  static constexpr long min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  i += static_cast<std::size_t>(len);
  return cp;
}

// TokenEncoder._encode: bytes (strings that are not UTF-8) become base64 text; their paths are
// collected in order.
json::value encode_bytes(json::value const& v, json::array& path, json::array& encoded) {
  if (auto const* o = v.if_object()) {
    json::object copy;
    for (auto const& [k, e] : *o) {
      path.emplace_back(json::string(k));
      copy[k] = encode_bytes(e, path, encoded);
      path.pop_back();
    }
    return copy;
  }
  if (auto const* a = v.if_array()) {
    json::array copy;
    for (std::size_t i = 0; i < a->size(); ++i) {
      path.emplace_back(static_cast<std::int64_t>(i));
      copy.push_back(encode_bytes((*a)[i], path, encoded));
      path.pop_back();
    }
    return copy;
  }
  if (auto const* s = v.if_string(); s && !is_text_token(*s)) {
    encoded.push_back(path);
    return json::string(base64_encode(*s));
  }
  return v;
}

bool contains_bytes(json::value const& v) {
  if (auto const* o = v.if_object()) {
    for (auto const& [k, e] : *o)
      if (contains_bytes(e)) return true;
  } else if (auto const* a = v.if_array()) {
    for (auto const& e : *a)
      if (contains_bytes(e)) return true;
  } else if (auto const* s = v.if_string()) {
    return !is_text_token(*s);
  }
  return false;
}

// TokenDecoder._decode: each listed path holds base64 text that becomes bytes again.
bool decode_paths(json::object& token, json::value const& paths) {
  auto const* list = paths.if_array();
  if (!list) return false;
  for (auto const& p : *list) {
    auto const* steps = p.if_array();
    if (!steps || steps->empty()) return false;
    json::value* cur = nullptr;
    json::object* obj = &token;
    for (auto const& step : *steps) {
      if (step.is_string() && obj) {
        cur = obj->if_contains(step.get_string());
      } else if (step.is_int64() && cur && cur->is_array() && step.get_int64() >= 0 &&
                 static_cast<std::size_t>(step.get_int64()) < cur->get_array().size()) {
        cur = &cur->get_array()[static_cast<std::size_t>(step.get_int64())];
      } else {
        return false;
      }
      if (!cur) return false;
      obj = cur->if_object();
    }
    if (!cur->is_string()) return false;
    auto bytes = base64_decode(cur->get_string());
    if (!bytes) return false;
    *cur = json::string(*bytes);
  }
  return true;
}

// Python's int() on a token part, for the old "___" form.
bool parse_index(std::string_view s, std::int64_t& out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

bool is_text_token(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    if (next_code_point(s, i) < 0) return false;
  }
  return true;
}

std::string token_json_dumps(json::value const& v) {
  std::string out;
  append_json_value(out, v, json_spacing::python_default);
  return out;
}

std::string encode_resume_token(json::object const& token) {
  json::value const as_value(token);
  if (!contains_bytes(as_value)) return base64_encode(token_json_dumps(as_value));
  json::array path, encoded;
  json::value copy = encode_bytes(as_value, path, encoded);
  copy.get_object()["boto_encoded_keys"] = std::move(encoded);
  return base64_encode(token_json_dumps(copy));
}

bool decode_starting_token(std::string_view text, std::vector<std::string> const& input_tokens, starting_token& out,
                           std::string& error) {
  out = {};
  auto bad = [&](std::string why) {
    error = "bad StartingToken: " + why;
    return false;
  };
  std::string expected;
  for (auto const& t : input_tokens) expected += (expected.empty() ? "" : ", ") + t;

  if (auto bytes = base64_decode(text); bytes && is_text_token(*bytes)) {
    boost::system::error_code ec;
    json::value doc = json::parse(*bytes, ec);
    if (!ec) {
      if (!doc.is_object()) return bad("it decodes to JSON that is not an object");
      auto& obj = doc.get_object();
      if (auto const* keys = obj.if_contains("boto_encoded_keys")) {
        json::value paths = *keys;
        obj.erase("boto_encoded_keys");
        if (!decode_paths(obj, paths)) return bad("its boto_encoded_keys do not match its contents");
      }
      if (auto const* amount = obj.if_contains("boto_truncate_amount")) {
        if (!amount->is_int64() && !amount->is_uint64()) return bad("boto_truncate_amount is not an integer");
        auto const n = amount->to_number<std::int64_t>();
        if (n < 0) return bad("boto_truncate_amount is negative");
        out.truncate_amount = n;
        obj.erase("boto_truncate_amount");
      }
      for (auto const& [k, v] : obj) {
        bool known = false;
        for (auto const& t : input_tokens) known |= (t == k);
        if (!known) return bad("unexpected key \"" + std::string(k) + "\" (this paginator's tokens: " + expected + ")");
      }
      out.tokens = std::move(obj);
      return true;
    }
  }

  // The older form: parts joined by "___", optionally ending in an index.
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    auto const at = text.find("___", start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 3;
  }
  if (parts.size() == input_tokens.size() + 1) {
    std::int64_t index = 0;
    if (parse_index(parts.back(), index)) {
      parts.pop_back();
      out.truncate_amount = index < 0 ? 0 : index;
    } else {
      parts.assign(1, std::string(text));  // an opaque service token
    }
  }
  if (parts.size() > input_tokens.size())
    return bad("it is neither an awscoro/botocore token nor " + std::to_string(input_tokens.size()) +
               " service token(s) for " + expected);
  for (std::size_t i = 0; i < input_tokens.size(); ++i) {
    if (i < parts.size() && parts[i] != "None")
      out.tokens[input_tokens[i]] = parts[i];
    else
      out.tokens[input_tokens[i]] = nullptr;
  }
  return true;
}

}  // namespace awscoro::detail

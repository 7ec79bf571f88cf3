#include "auth/post_policy.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "auth/s3_hmac_signer.hpp"
#include "auth/sha256_context.hpp"
#include "auth/signing_key_cache.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

void append_escaped_code_unit(std::string& out, unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", v & 0xffffu);
  out += buf;
}

// Python's ensure_ascii string encoding: named escapes for the usual controls, \uXXXX (and
// surrogate pairs) for everything else outside printable ASCII.
void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      continue;
    }
    if (c < 0x80) {
      append_escaped_code_unit(out, c);
      continue;
    }
    // Decode one UTF-8 sequence; an invalid byte is escaped as itself.
    unsigned cp = 0;
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (extra == 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
      append_escaped_code_unit(out, c);
      continue;
    }
    cp = c & (extra == 3 ? 0x07u : extra == 2 ? 0x0fu : 0x1fu);
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3fu);
    i += static_cast<std::size_t>(extra);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      append_escaped_code_unit(out, 0xd800 + (cp >> 10));
      append_escaped_code_unit(out, 0xdc00 + (cp & 0x3ff));
    } else {
      append_escaped_code_unit(out, cp);
    }
  }
  out += '"';
}

// Python's repr of a float: the shortest digits that round-trip, fixed notation for exponents
// -4 .. 15 (with ".0" when whole), otherwise "1.5e-05" / "1e+16".
void append_python_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-Infinity" : "Infinity";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits += c;
  int exponent = std::stoi(std::string(sci.substr(e + 1)));
  if (negative) out += '-';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    } else {
      auto int_len = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out += digits;
        out.append(int_len - digits.size(), '0');
        out += ".0";
      } else {
        out.append(digits, 0, int_len);
        out += '.';
        out.append(digits, int_len);
      }
    }
    return;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1);
  }
  char exp[16];
  std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
  out += exp;
}

void append_value(std::string& out, json::value const& v) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: append_python_float(out, v.get_double()); break;
    case json::kind::string: append_string(out, v.get_string()); break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (auto const& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        append_value(out, e);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (auto const& [k, e] : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        append_string(out, k);
        out += ": ";
        append_value(out, e);
      }
      out += '}';
      break;
    }
  }
}

// The policy document: its expiration (ISO-8601, whole seconds) and the conditions.
std::string policy_text(post_policy_request const& post) {
  json::object policy;
  timestamp_us expires = post.now - post.now % 1000000 + post.expires_seconds * 1000000;
  policy["expiration"] = format_iso8601(expires);
  policy["conditions"] = post.conditions;
  return python_json_dumps(policy);
}

}  // namespace

std::string python_json_dumps(json::value const& v) {
  std::string out;
  append_value(out, v);
  return out;
}

std::string sign_post_policy_v4(post_policy_request& post, credentials const& creds, std::string_view region,
                                std::string_view service, signing_key_cache* cache, std::string* policy_json) {
  if (creds.access_key.empty() || creds.secret_key.empty())
    return "s3v4 presigned POST: the credentials have no access key or secret key";
  if (region.empty()) return "s3v4 presigned POST: no signing region";
  std::string amz_date = format_amz_date(post.now - post.now % 1000000);
  std::string date = amz_date.substr(0, 8);
  std::string scope = creds.access_key + "/" + date + "/" + std::string(region) + "/" + std::string(service) +
                      "/aws4_request";
  post.fields["x-amz-algorithm"] = "AWS4-HMAC-SHA256";
  post.fields["x-amz-credential"] = scope;
  post.fields["x-amz-date"] = amz_date;
  post.conditions.push_back(json::object{{"x-amz-algorithm", "AWS4-HMAC-SHA256"}});
  post.conditions.push_back(json::object{{"x-amz-credential", scope}});
  post.conditions.push_back(json::object{{"x-amz-date", amz_date}});
  if (!creds.token.empty()) {
    post.fields["x-amz-security-token"] = creds.token;
    post.conditions.push_back(json::object{{"x-amz-security-token", creds.token}});
  }
  std::string text = policy_text(post);
  std::string policy = base64_encode(text);
  signing_key_cache& keys = cache ? *cache : signing_key_cache::global();
  sha256_digest key = keys.get(creds.secret_key, date, region, service);
  post.fields["policy"] = policy;
  post.fields["x-amz-signature"] = hex_encode(as_view(hmac_sha256(as_view(key), policy)));
  if (policy_json) *policy_json = std::move(text);
  return {};
}

std::string sign_post_policy_v2(post_policy_request& post, credentials const& creds, std::string* policy_json) {
  if (creds.access_key.empty() || creds.secret_key.empty())
    return "s3 presigned POST: the credentials have no access key or secret key";
  post.fields["AWSAccessKeyId"] = creds.access_key;
  if (!creds.token.empty()) {
    post.fields["x-amz-security-token"] = creds.token;
    post.conditions.push_back(json::object{{"x-amz-security-token", creds.token}});
  }
  std::string text = policy_text(post);
  std::string policy = base64_encode(text);
  post.fields["policy"] = policy;
  post.fields["signature"] = hmac_sha1_base64(creds.secret_key, policy);
  if (policy_json) *policy_json = std::move(text);
  return {};
}

}  // namespace awscoro::detail

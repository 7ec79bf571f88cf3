// Conformance runner: conformance/cbor (README section 5). Each valid item is decoded with
// decode_cbor and compared exactly with its tagged expectation (integers through the CBOR
// argument, floats by bit pattern, lists and maps by length and content); each malformed item
// must be refused with an error message.
// Usage: conformance-cbor <conformance dir>
// A case's id is success-<n> or error-<n>, its position in the file from 0.
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "parse/cbor_decoder.hpp"
#include "parse/cbor_value.hpp"
#include "util/file_io.hpp"

namespace json = boost::json;
using awscoro::detail::cbor_member;
using awscoro::detail::cbor_value;

namespace {

constexpr std::size_t success_case_count = 151;
constexpr std::size_t error_case_count = 56;

using kind = cbor_value::kind;

// Boost.JSON reads integers below int64 as doubles, so the runner quotes every "uint" and
// "negint" number before parsing and reads the digits itself.
std::string quote_integers(std::string const& text) {
  static std::regex const integer(R"re(("(?:uint|negint)"\s*:\s*)(-?[0-9]+))re");
  return std::regex_replace(text, integer, "$1\"$2\"");
}

bool read_magnitude(std::string_view digits, std::uint64_t& out) {
  out = 0;
  if (digits.empty()) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    std::uint64_t d = std::uint64_t(c - '0');
    if (out > (UINT64_MAX - d) / 10) return false;
    out = out * 10 + d;
  }
  return true;
}

std::string describe(cbor_value const& v) {
  switch (v.type) {
    case kind::unsigned_int: return "uint " + std::to_string(v.number);
    case kind::negative_int: return "negint with argument " + std::to_string(v.number);
    case kind::bytes: return "bytestring of " + std::to_string(v.data.size()) + " bytes";
    case kind::text: return "string \"" + v.data + "\"";
    case kind::array: return "list of " + std::to_string(v.items.size());
    case kind::map: return "map of " + std::to_string(v.members.size());
    case kind::tag: return "tag " + std::to_string(v.number);
    case kind::floating: return "float" + std::to_string(v.float_width * 8) + " bits " + std::to_string(v.number);
    case kind::simple: return "simple " + std::to_string(v.number);
  }
  return "?";
}

bool matches(json::value const& expect, cbor_value const& got, std::string& why);

bool mismatch(std::string& why, json::value const& expect, cbor_value const& got) {
  why = "expected " + json::serialize(expect) + ", got " + describe(got);
  return false;
}

bool matches_float(json::value const& expect, unsigned width, cbor_value const& got, std::string& why) {
  if (got.type != kind::floating || !expect.is_number()) return mismatch(why, expect, got);
  auto bits = expect.to_number<std::uint64_t>();
  if (got.float_width == width) return got.number == bits || mismatch(why, expect, got);
  // A decoder may keep another width: then the value must be equal.
  double want = awscoro::detail::cbor_float_to_double(width, bits);
  double have = got.to_double();
  return (std::isnan(want) && std::isnan(have)) || want == have || mismatch(why, expect, got);
}

bool matches(json::value const& expect, cbor_value const& got, std::string& why) {
  auto const* obj = expect.if_object();
  if (!obj || obj->size() != 1) {
    why = "the expectation is not a one-key tagged value: " + json::serialize(expect);
    return false;
  }
  auto const& [type, value] = *obj->begin();
  if (type == "uint" || type == "negint") {
    std::string_view digits = value.as_string();
    bool negative = type == "negint";
    if (negative && !digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    std::uint64_t magnitude;
    if (!read_magnitude(digits, magnitude) || (negative && magnitude == 0)) {
      why = "unreadable expected integer " + json::serialize(value);
      return false;
    }
    if (!negative) return (got.type == kind::unsigned_int && got.number == magnitude) || mismatch(why, expect, got);
    return (got.type == kind::negative_int && got.number == magnitude - 1) || mismatch(why, expect, got);
  }
  if (type == "bool") {
    return (got.type == kind::simple && got.number == (value.as_bool() ? 21u : 20u)) || mismatch(why, expect, got);
  }
  if (type == "null") return got.is_null() || mismatch(why, expect, got);
  if (type == "undefined") return got.is_undefined() || mismatch(why, expect, got);
  if (type == "string") return (got.type == kind::text && got.data == value.as_string()) || mismatch(why, expect, got);
  if (type == "bytestring") {
    std::string bytes;
    for (auto const& b : value.as_array()) bytes.push_back(char(b.to_number<unsigned char>()));
    return (got.type == kind::bytes && got.data == bytes) || mismatch(why, expect, got);
  }
  if (type == "float32") return matches_float(value, 4, got, why);
  if (type == "float64") return matches_float(value, 8, got, why);
  if (type == "list") {
    auto const& items = value.as_array();
    if (got.type != kind::array || got.items.size() != items.size()) return mismatch(why, expect, got);
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!matches(items[i], got.items[i], why)) {
        why = "[" + std::to_string(i) + "]: " + why;
        return false;
      }
    }
    return true;
  }
  if (type == "map") {
    auto const& members = value.as_object();
    if (got.type != kind::map || got.members.size() != members.size()) return mismatch(why, expect, got);
    for (cbor_member const& m : got.members) {
      auto const* want = members.if_contains(m.key);
      if (!want) {
        why = "unexpected key \"" + m.key + "\"";
        return false;
      }
      if (!matches(*want, m.value, why)) {
        why = "{" + m.key + "}: " + why;
        return false;
      }
    }
    return true;
  }
  if (type == "tag") {
    auto const& tag = value.as_object();
    if (got.type != kind::tag || got.number != tag.at("id").to_number<std::uint64_t>() || got.items.size() != 1) {
      return mismatch(why, expect, got);
    }
    return matches(tag.at("value"), got.items.front(), why);
  }
  why = "unknown expectation type \"" + std::string(type) + "\"";
  return false;
}

bool hex_decode(std::string_view hex, std::string& out) {
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2) return false;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(char(hi * 16 + lo));
  }
  return true;
}

// Runs one case; on a mismatch fills `why`.
bool run_case(json::object const& tc, bool expect_error, std::string& why) {
  std::string input;
  if (!hex_decode(tc.at("input").as_string(), input)) {
    why = "the input is not hex";
    return false;
  }
  std::string error;
  auto decoded = awscoro::detail::decode_cbor(input, error);
  if (expect_error) {
    if (decoded) {
      why = "decoded to " + describe(*decoded) + ", expected an error";
      return false;
    }
    if (error.empty()) {
      why = "refused without an error message";
      return false;
    }
    return true;
  }
  if (!decoded) {
    why = "decode failed: " + error;
    return false;
  }
  return matches(tc.at("expect"), *decoded, why);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::printf("usage: conformance-cbor <conformance dir>\n");
    return 2;
  }
  auto known = awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);
  std::set<std::string> known_seen;
  awscoro::test::tally total;
  bool ok = true;
  struct suite {
    char const* file;
    char const* prefix;
    bool errors;
    std::size_t count;
  };
  for (suite const s : {suite{"decode-success-tests.json", "success", false, success_case_count},
                        suite{"decode-error-tests.json", "error", true, error_case_count}}) {
    std::string path = std::string(argv[1]) + "/cbor/" + s.file;
    std::string message;
    auto text = awscoro::detail::read_file(path, &message);
    if (!text) {
      std::printf("ERROR: cannot read %s: %s\n", path.c_str(), message.c_str());
      return 1;
    }
    boost::system::error_code ec;
    json::value doc = json::parse(quote_integers(*text), ec);
    if (ec || !doc.is_array()) {
      std::printf("ERROR: %s: not a JSON array of cases\n", path.c_str());
      return 1;
    }
    auto const& cases = doc.get_array();
    if (cases.size() != s.count) {
      std::printf("ERROR: %s has %zu cases; the README says %zu\n", s.file, cases.size(), s.count);
      ok = false;
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
      auto const& tc = cases[i].as_object();
      std::string id = std::string(s.prefix) + "-" + std::to_string(i);
      std::string description(tc.at("description").as_string());
      std::string why;
      bool passed = run_case(tc, s.errors, why);
      if (known.count(id)) known_seen.insert(id);
      awscoro::test::record_case(total, known, id, passed, why, id + " (" + description + ")");
    }
  }
  for (auto const& [id, reason] : known) {
    if (!known_seen.count(id)) {
      std::printf("ERROR: known_failures.txt lists %s, which is no case\n", id.c_str());
      ok = false;
    }
  }
  total.print("cbor");
  return ok && total.failed == 0 ? 0 : 1;
}

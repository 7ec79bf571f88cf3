// The CBOR decoder against the conformance vectors (conformance/cbor), through a document-typed
// shape so every item is kept as it is decoded, and the rpcv2 CBOR parse of a shaped body.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "parse/json_body_reader.hpp"
#include "parse/parser.hpp"
#include "parse/value_builder.hpp"
#include "test_models.hpp"
#include "util/encoding.hpp"

namespace json = boost::json;
using namespace awscoro::detail;

namespace {

std::string read_text(std::filesystem::path const& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string unhex(std::string_view h) {
  std::string out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out += static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16));
  return out;
}

std::shared_ptr<service_model const> document_model() {
  static auto m = awscoro::test::inline_model(R"({"metadata": {"protocol": "smithy-rpc-v2-cbor"},
      "shapes": {"Doc": {"type": "structure", "members": {}, "document": true}}})");
  return m;
}

// The expected tagged value as the builder gives it: bytes as a string, floats as doubles.
bool matches(json::value const& expect, json::value const& got) {
  auto const& [kind, v] = *expect.as_object().begin();
  if (kind == "uint" || kind == "negint") {
    if (got.is_int64() && v.is_int64()) return got.get_int64() == v.get_int64();
    if (got.is_uint64() && v.is_uint64()) return got.get_uint64() == v.get_uint64();
    if (got.is_double()) return got.get_double() == v.to_number<double>();
    return false;
  }
  if (kind == "bool") return got == v;
  if (kind == "string") return got == v;
  if (kind == "null") return got.is_null();
  if (kind == "bytestring") {
    if (!got.is_string()) return false;
    auto const& arr = v.as_array();
    auto const& s = got.get_string();
    if (s.size() != arr.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (static_cast<unsigned char>(s[i]) != arr[i].to_number<unsigned>()) return false;
    return true;
  }
  if (kind == "float32" || kind == "float64") {
    double want;
    if (kind == "float32") {
      auto bits = static_cast<std::uint32_t>(v.to_number<std::uint64_t>());
      float f;
      std::memcpy(&f, &bits, 4);
      want = f;
    } else {
      auto bits = v.to_number<std::uint64_t>();
      std::memcpy(&want, &bits, 8);
    }
    if (!got.is_double()) return false;
    if (std::isnan(want)) return std::isnan(got.get_double());
    return got.get_double() == want;
  }
  if (kind == "list") {
    if (!got.is_array() || got.get_array().size() != v.as_array().size()) return false;
    for (std::size_t i = 0; i < v.as_array().size(); ++i)
      if (!matches(v.as_array()[i], got.get_array()[i])) return false;
    return true;
  }
  if (kind == "map") {
    if (!got.is_object() || got.get_object().size() != v.as_object().size()) return false;
    for (auto const& [k, item] : v.as_object()) {
      auto const* g = got.get_object().if_contains(k);
      if (!g || !matches(item, *g)) return false;
    }
    return true;
  }
  return false;
}

bool decode(std::string const& bytes, json::value& out, std::size_t piece = 0) {
  auto m = document_model();
  parse_options opts;
  value_builder b(*m, opts, value_builder::flavor::cbor, 0);
  cbor_body_reader r(b);
  bool ok = true;
  if (piece == 0) {
    ok = r.feed(bytes, true);
  } else {
    for (std::size_t i = 0; ok && i < bytes.size(); i += piece) ok = r.feed(std::string_view(bytes).substr(i, piece), false);
    ok = ok && r.feed({}, true);
  }
  if (ok) out = b.result();
  return ok;
}

std::filesystem::path cbor_dir() { return std::filesystem::path(AWSCORO_SOURCE_ROOT) / ".." / "shared" / "conformance" / "cbor"; }

}  // namespace

TEST_CASE("CBOR decode-success vectors, whole and byte by byte") {
  auto cases = json::parse(read_text(cbor_dir() / "decode-success-tests.json")).as_array();
  REQUIRE(cases.size() == 151);
  int checked = 0;
  for (auto const& c : cases) {
    std::string desc(c.at("description").as_string());
    // Tags other than 1 (epoch time) are refused, as botocore refuses them.
    if (desc.rfind("tag", 0) == 0) continue;
    auto bytes = unhex(c.at("input").as_string());
    INFO(desc);
    json::value whole, split;
    REQUIRE(decode(bytes, whole));
    CHECK(matches(c.at("expect"), whole));
    REQUIRE(decode(bytes, split, 1));
    CHECK(split == whole);
    ++checked;
  }
  CHECK(checked > 130);
}

TEST_CASE("CBOR decode-error vectors all fail") {
  auto cases = json::parse(read_text(cbor_dir() / "decode-error-tests.json")).as_array();
  REQUIRE(cases.size() == 56);
  for (auto const& c : cases) {
    INFO(std::string(c.at("description").as_string()));
    json::value out;
    CHECK_FALSE(decode(unhex(c.at("input").as_string()), out));
  }
}

TEST_CASE("CBOR refuses deep nesting and huge declared lengths without allocating them") {
  json::value out;
  CHECK_FALSE(decode(std::string(70, '\x81') + '\x01', out));
  CHECK_FALSE(decode(unhex("5bffffffffffffffff00"), out));
  CHECK_FALSE(decode(unhex("7f6161ff00"), out));  // trailing data
}

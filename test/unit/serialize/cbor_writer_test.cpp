#include <limits>
#include <string>

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include "serialize/cbor_writer.hpp"
#include "util/encoding.hpp"

using namespace awscoro::detail;

namespace {
template <class F>
std::string hex(F&& f) {
  std::string out;
  f(out);
  return hex_encode(out);
}
}  // namespace

TEST_CASE("CBOR heads use the shortest argument") {
  CHECK(hex([](auto& o) { cbor::append_uint(o, 0); }) == "00");
  CHECK(hex([](auto& o) { cbor::append_uint(o, 23); }) == "17");
  CHECK(hex([](auto& o) { cbor::append_uint(o, 24); }) == "1818");
  CHECK(hex([](auto& o) { cbor::append_uint(o, 256); }) == "190100");
  CHECK(hex([](auto& o) { cbor::append_uint(o, 65536); }) == "1a00010000");
  CHECK(hex([](auto& o) { cbor::append_uint(o, 4294967296ull); }) == "1b0000000100000000");
  CHECK(hex([](auto& o) { cbor::append_int(o, -1); }) == "20");
  CHECK(hex([](auto& o) { cbor::append_int(o, -500); }) == "3901f3");
  CHECK(hex([](auto& o) { cbor::append_int(o, std::numeric_limits<std::int64_t>::min()); }) == "3b7fffffffffffffff");
}

TEST_CASE("CBOR strings, floats and specials") {
  CHECK(hex([](auto& o) { cbor::append_text(o, "abc"); }) == "63616263");
  CHECK(hex([](auto& o) { cbor::append_bytes(o, "ab"); }) == "426162");
  CHECK(hex([](auto& o) { cbor::append_float32(o, 7.625f); }) == "fa40f40000");
  CHECK(hex([](auto& o) { cbor::append_float64(o, 1.1); }) == "fb3ff199999999999a");
  CHECK(hex([](auto& o) { cbor::append_float64(o, std::numeric_limits<double>::quiet_NaN()); }) == "f97e00");
  CHECK(hex([](auto& o) { cbor::append_float32(o, std::numeric_limits<float>::infinity()); }) == "f97c00");
  CHECK(hex([](auto& o) { cbor::append_float64(o, -std::numeric_limits<double>::infinity()); }) == "f9fc00");
  CHECK(hex([](auto& o) { cbor::append_bool(o, true); }) == "f5");
  CHECK(hex([](auto& o) { cbor::append_json(o, boost::json::parse(R"({"a": [1, null, false]})")); }) ==
        "a161618301f6f4");
}

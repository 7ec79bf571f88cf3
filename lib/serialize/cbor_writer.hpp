// A small CBOR (RFC 8949) encoder appending to a byte string: definite lengths, shortest heads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

namespace awscoro::detail::cbor {

enum major : std::uint8_t {
  unsigned_int = 0,
  negative_int = 1,
  byte_string = 2,
  text_string = 3,
  array = 4,
  map = 5,
  tag = 6,
  simple = 7,
};

// The initial byte and the shortest argument encoding of `value`.
void append_head(std::string& out, major m, std::uint64_t value);
void append_int(std::string& out, std::int64_t v);
void append_uint(std::string& out, std::uint64_t v);
void append_text(std::string& out, std::string_view s);
void append_bytes(std::string& out, std::string_view s);
void append_bool(std::string& out, bool b);
void append_null(std::string& out);
// NaN and the infinities are written as half-precision floats, as botocore does.
void append_float32(std::string& out, float f);
void append_float64(std::string& out, double d);
// A shapeless JSON value (documents): numbers keep their kind, doubles as float64.
void append_json(std::string& out, boost::json::value const& v);

}  // namespace awscoro::detail::cbor

// A CBOR item decoded without a shape, holding everything the wire can say: integers from -2^64
// to 2^64-1, byte and text strings, floats with their width, tags, and simple values (false,
// true, null, undefined, unassigned ones). For tools and tests that look at raw CBOR; responses
// are parsed shape-first by cbor_body_reader instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace awscoro::detail {

struct cbor_member;

struct cbor_value {
  enum class kind : std::uint8_t { unsigned_int, negative_int, bytes, text, array, map, tag, floating, simple };

  kind type = kind::simple;
  // unsigned_int: the value; negative_int: the argument (the value is -1 - number); tag: the tag
  // number; floating: the IEEE-754 bit pattern; simple: 20 false, 21 true, 22 null, 23 undefined.
  std::uint64_t number = 22;
  unsigned float_width = 0;     // floating: 2, 4 or 8 bytes as written
  std::string data;             // bytes, text
  std::vector<cbor_value> items;  // array: the elements; tag: the one tagged item
  std::vector<cbor_member> members;  // map, in wire order (keys are text)

  bool is_null() const { return type == kind::simple && number == 22; }
  bool is_undefined() const { return type == kind::simple && number == 23; }
  // floating as a double (exact for every width).
  double to_double() const;
};

struct cbor_member {
  std::string key;
  cbor_value value;
};

// Decodes one complete CBOR item. Malformed, truncated or trailing input gives nullopt with
// `error` saying what is wrong; the limits are cbor_decoder's.
std::optional<cbor_value> decode_cbor(std::string_view bytes, std::string& error);

}  // namespace awscoro::detail

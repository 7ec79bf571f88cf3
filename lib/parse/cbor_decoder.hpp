// The CBOR (RFC 8949) wire decoder: bytes in, item events out, no values built.
//
// The response parser (cbor_body_reader, into a shape-directed value_builder) and the shape-free
// decode (cbor_value.hpp) both consume these events, so well-formedness is checked in one place:
// heads and lengths, indefinite lengths and their chunks, break markers, UTF-8 of text strings,
// text map keys, nesting depth (tags included) and truncation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace awscoro::detail {

// What a decoded item is. Numbers come as the wire has them: the consumer decides how to hold
// values outside int64 and whether a float's width matters. Returning false stops the decode
// with error() as its reason.
class cbor_events {
 public:
  virtual ~cbor_events() = default;
  virtual bool begin_map() = 0;
  virtual bool key(std::string_view text) = 0;
  virtual bool end_map() = 0;
  virtual bool begin_array() = 0;
  virtual bool end_array() = 0;
  virtual bool text(std::string_view s) = 0;
  virtual bool bytes(std::string_view b) = 0;
  virtual bool unsigned_int(std::uint64_t v) = 0;
  // The value is -1 - argument, which reaches -2^64.
  virtual bool negative_int(std::uint64_t argument) = 0;
  // `width` is 2, 4 or 8 bytes; `bits` is the IEEE-754 pattern of that width.
  virtual bool floating(unsigned width, std::uint64_t bits) = 0;
  // 20 false, 21 true, 22 null, 23 undefined; others are unassigned simple values.
  virtual bool simple(std::uint8_t value) = 0;
  // Applies to the next item.
  virtual bool tag(std::uint64_t number) = 0;
  virtual std::string const& error() const = 0;
};

// Decodes one CBOR item, fed in any number of pieces split at any byte; an incomplete item waits
// for the next piece. Declared lengths are never allocated up front.
class cbor_decoder {
 public:
  explicit cbor_decoder(cbor_events& events);
  ~cbor_decoder();
  cbor_decoder(cbor_decoder const&) = delete;
  cbor_decoder& operator=(cbor_decoder const&) = delete;

  // False on malformed input, data after the item, a truncated item once `last` is set, or an
  // event the consumer refused: see error().
  bool feed(std::string_view bytes, bool last);
  std::string const& error() const { return error_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::string error_;
};

// The IEEE-754 half, single or double precision pattern as a double (exact for all three).
double cbor_float_to_double(unsigned width, std::uint64_t bits);

}  // namespace awscoro::detail

// Feeds a JSON body, in any number of pieces, to a value_builder through Boost.JSON's SAX
// basic_parser: no DOM is built. Invalid UTF-8, nesting deeper than 64 levels and truncated
// documents are errors.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace awscoro::detail {

class value_builder;

class json_body_reader {
 public:
  explicit json_body_reader(value_builder& builder);
  ~json_body_reader();
  json_body_reader(json_body_reader const&) = delete;
  json_body_reader& operator=(json_body_reader const&) = delete;

  // False on malformed input or a value the shape refuses: see error().
  bool feed(std::string_view bytes, bool last);
  std::string const& error() const { return error_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::string error_;
};

// Feeds a CBOR body (RFC 8949) to a value_builder. Items may be split across pieces at any byte;
// incomplete items wait for the next piece. Declared lengths are never allocated up front.
class cbor_body_reader {
 public:
  explicit cbor_body_reader(value_builder& builder);
  ~cbor_body_reader();
  cbor_body_reader(cbor_body_reader const&) = delete;
  cbor_body_reader& operator=(cbor_body_reader const&) = delete;

  bool feed(std::string_view bytes, bool last);
  std::string const& error() const { return error_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::string error_;
};

}  // namespace awscoro::detail

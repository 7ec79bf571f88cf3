// Reads a response body as the value of one shape, piece by piece as it arrives: JSON through
// Boost.JSON's SAX parser, CBOR through the CBOR decoder (both into a value_builder), XML through
// xml_body_parser. Nothing is kept of a piece once it is fed, so a body of any size is read in
// the memory of its result.
//
// A body with nothing in it (for XML: nothing but whitespace) reads as an empty structure, as
// botocore's parsers read it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "model/service_model.hpp"
#include "parse/parser.hpp"
#include "parse/xml_body_parser.hpp"

namespace awscoro::detail {

enum class body_format : std::uint8_t { json, rest_json, cbor, xml };

class shape_body_reader {
 public:
  // `spec` says how XML is read (root shape, query result wrapper, metadata, S3's error-root
  // check); the other formats use only spec.root. Results are allocated from `storage`.
  shape_body_reader(service_model const& model, parse_options const& options, body_format format,
                    xml_parse_spec const& spec, boost::json::storage_ptr storage);
  ~shape_body_reader();
  shape_body_reader(shape_body_reader const&) = delete;
  shape_body_reader& operator=(shape_body_reader const&) = delete;

  // False once the body has failed to parse (later pieces are ignored): see error().
  bool feed(std::string_view piece);
  // Ends the body. False when it is truncated or did not parse.
  bool finish();

  std::string const& error() const { return error_; }
  // XML only: the root was a bare <Error> (with spec.stop_at_error_root), or the body is not
  // well-formed XML.
  bool found_error_root() const;
  bool malformed_xml() const;

  // After finish(): the shape's value ({} for an empty body) and, for query and ec2 bodies, the
  // ResponseMetadata read from it.
  boost::json::value& result() { return result_; }
  boost::json::object& metadata() { return metadata_; }

 private:
  struct readers;
  bool start();

  service_model const& model_;
  parse_options const& options_;
  body_format format_;
  xml_parse_spec spec_;
  boost::json::storage_ptr storage_;
  std::unique_ptr<readers> readers_;  // made at the first byte of content
  std::string leading_space_;         // XML whitespace before the first content byte
  boost::json::value result_;
  boost::json::object metadata_;
  std::string error_;
  bool failed_ = false;
};

}  // namespace awscoro::detail

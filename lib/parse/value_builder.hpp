// Builds a parsed result from a stream of JSON or CBOR value events, directed by a shape.
//
// The JSON reader (Boost.JSON basic_parser) and the CBOR decoder both drive this builder, so
// neither body becomes a document tree first: each value is converted by its member's type
// (blobs decoded, timestamps normalized, NaN/Infinity read) as it arrives, and members the shape
// does not know are skipped. With no shape, the builder keeps only the top-level string fields
// of an object: what error parsing needs (__type, message, code).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "model/service_model.hpp"
#include "parse/parser.hpp"

namespace awscoro::detail {

class value_builder {
 public:
  // botocore's JSON parsers read member names from locationName and report unknown union
  // members; its CBOR parser uses member names and drops null map values.
  enum class flavor : std::uint8_t { json, rest_json, cbor };

  // Results are allocated from `storage` (the caller's resource, so they move out without a copy).
  value_builder(service_model const& model, parse_options const& options, flavor f, shape_id root,
                boost::json::storage_ptr storage = {});
  ~value_builder();
  value_builder(value_builder const&) = delete;
  value_builder& operator=(value_builder const&) = delete;

  bool begin_object();
  bool key(std::string_view k);
  bool end_object();
  bool begin_array();
  bool end_array();
  bool string(std::string_view s);
  bool bytes(std::string_view b);
  bool int64(std::int64_t v);
  bool uint64(std::uint64_t v);
  bool dbl(double v);
  bool boolean(bool v);
  bool null();
  bool tag(std::uint64_t t);

  std::string const& error() const { return error_; }
  // True once a complete top-level value was read.
  bool done() const { return done_; }
  // The root value (an object for structure shapes).
  boost::json::value& result() { return result_; }
  // Without a shape: the top-level string fields of the root object.
  boost::json::object& top_fields() { return top_fields_; }

  struct frame;

 private:
  struct target {
    member_ref const* ref = nullptr;  // null: the root shape
    shape_id shape = no_shape;
    enum class how : std::uint8_t { value, skip, document, collect } mode = how::value;
  };
  target current();
  bool scalar(boost::json::value v, bool is_string_kind);
  bool deliver(boost::json::value&& v);
  bool fail(std::string msg);
  bool note_value_start(bool null_value);
  bool push(frame&& f);

  service_model const& model_;
  parse_options const& options_;
  flavor flavor_;
  shape_id root_;
  boost::json::storage_ptr sp_;
  std::vector<frame> frames_;
  boost::json::value result_;
  boost::json::object top_fields_;
  std::string error_;
  bool has_tag_ = false;
  bool done_ = false;
};

}  // namespace awscoro::detail

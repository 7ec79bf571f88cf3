// Shape-directed XML body parsing on the SAX events of xml_reader: elements are matched against the
// output shape as they arrive and the result object is built directly, with no document tree.
// Bytes may be fed in any number of pieces.
//
// Modes, after botocore's XML parsers (parsers.py):
//  - shape: the root element (or the query `resultWrapper` child of it) is a structure;
//    ResponseMetadata (query) or requestId (ec2) children of the root are collected on the side.
//  - modeled error: the structure sits under <ErrorResponse><Error> (query, rest-xml),
//    <Response><Errors><Error> (ec2), or is the root itself (S3's bare <Error>).
//  - generic: every element becomes a dict of its children or its text (botocore's
//    _replace_nodes), for error bodies read before the error shape is known.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "model/service_model.hpp"
#include "parse/parser.hpp"
#include "parse/xml_tokenizer.hpp"

namespace awscoro::detail {

struct xml_parse_spec {
  enum class mode_t : std::uint8_t { shape, modeled_error, generic } mode = mode_t::shape;
  shape_id root = no_shape;        // shape and modeled_error modes
  std::string_view result_wrapper;  // query: the root's child holding the output
  enum class metadata_t : std::uint8_t { none, query, ec2 } metadata = metadata_t::none;
  bool ec2_errors = false;          // modeled_error: <Response><Errors><Error>
  bool stop_at_error_root = false;  // S3: stop when the root element is a bare <Error>
};

class xml_body_parser : private xml_sink {
 public:
  // Results are allocated from `storage` (the caller's resource, so they move out without a copy).
  xml_body_parser(service_model const& model, parse_options const& options, xml_parse_spec const& spec,
                  boost::json::storage_ptr storage = {});
  ~xml_body_parser();
  xml_body_parser(xml_body_parser const&) = delete;
  xml_body_parser& operator=(xml_body_parser const&) = delete;

  // Feeds the next piece of the body; `last` on the final piece. False on malformed input or a
  // body that does not fit the shape: see error().
  bool feed(std::string_view bytes, bool last);

  std::string const& error() const { return error_; }
  // The root element was a bare <Error> (only with stop_at_error_root).
  bool found_error_root() const { return found_error_root_; }
  // The body is not well-formed XML (as opposed to XML that does not fit the shape).
  bool malformed_xml() const { return malformed_xml_; }
  // True once a root element was seen.
  bool saw_root() const { return saw_root_; }
  // The root element's name (generic mode keeps it for S3's check).
  std::string const& root_name() const { return root_name_; }

  // Shape and modeled_error modes: the structure (empty object when the body held none).
  // Generic mode: the root's children as a dict (or its text).
  boost::json::value& result() { return result_; }
  // ResponseMetadata read from the body (query, ec2).
  boost::json::object& metadata() { return metadata_; }

  struct frame;

 private:
  using attr_span = std::span<xml_attribute const>;
  void on_start(std::string_view qname, attr_span attrs) override;
  void on_end() override;
  void on_text(std::string_view text) override;
  void fail(std::string msg);

  void push_for_member(member_ref const& ref, int slot, bool flat, attr_span attrs);
  void push_value_frame(member_ref const& ref, int slot, attr_span attrs);
  // The response metadata elements the protocol carries (query's ResponseMetadata, ec2's
  // requestId), wherever they may stand; false when `name` is not one of them.
  bool push_metadata_frame(std::string_view name);
  void push_structure(shape_id id, int slot, attr_span attrs);
  void deliver(boost::json::value&& v, frame& child);

  service_model const& model_;
  parse_options const& options_;
  xml_parse_spec spec_;
  // The XML names of a structure's members, worked out once per shape and parse.
  std::vector<std::string_view> const& member_names(shape_id id);

  boost::json::storage_ptr sp_;
  std::vector<std::pair<shape_id, std::vector<std::string_view>>> names_;
  xml_reader reader_;
  // Frames are reused from one element to the next: no allocation once the stack is warm.
  struct frame_stack {
    std::vector<frame> v;
    std::size_t n = 0;
    boost::json::storage_ptr sp;
    frame& push(int kind);
    void pop() { --n; }
    frame& back();
    frame& operator[](std::size_t i);
    bool empty() const { return n == 0; }
    std::size_t size() const { return n; }
  };
  frame_stack frames_;
  std::size_t skip_depth_ = 0;
  std::string text_;
  std::string error_;
  std::string root_name_;
  boost::json::value result_;
  boost::json::object metadata_;
  bool saw_root_ = false;
  bool found_error_root_ = false;
  bool malformed_xml_ = false;
  bool stopped_ = false;
};

}  // namespace awscoro::detail

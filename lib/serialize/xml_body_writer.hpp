// Shape-directed XML bodies for rest-xml, written straight into the request body with
// botocore's element naming: a member's locationName, else its target shape's, else the member
// name; list items "member" and map entries "entry"/"key"/"value" unless renamed; flattened
// lists and maps repeat the member's element; xmlAttribute members become attributes of their
// structure; xmlNamespace becomes an xmlns (or xmlns:prefix) attribute.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "serialize/serialize_context.hpp"

namespace awscoro::detail {

class xml_body_writer {
 public:
  xml_body_writer(serialize_context& ctx, std::string& out) : ctx_(ctx), out_(out) {}

  // What an element takes from the member reference that leads to it (merged with its target
  // shape as botocore merges them).
  struct node_traits {
    shape const* target = nullptr;
    xml_namespace_ref ns;
    std::string_view timestamp_format;
    bool flattened = false;
  };
  node_traits traits_of(member_ref const& ref) const;

  // Writes the input structure as the root element `name`, leaving out members bound to a
  // header, the URI or the query string.
  bool write_input(std::string_view name, node_traits const& traits, boost::json::object const& params);
  // Writes a payload member's value as the root element `name`.
  bool write_payload(std::string_view name, node_traits const& traits, boost::json::value const& v);

 private:
  bool write_node(std::string_view name, node_traits const& traits, boost::json::value const& v);
  bool write_structure(std::string_view name, node_traits const& traits, boost::json::object const& params,
                       bool body_members_only);
  bool write_list(std::string_view name, node_traits const& traits, boost::json::array const& items);
  bool write_map(std::string_view name, node_traits const& traits, boost::json::object const& entries);
  bool write_scalar(std::string_view name, node_traits const& traits, boost::json::value const& v);
  void write_text_element(std::string_view name, xml_namespace_ref const& ns, std::string_view text);

  void open(std::string_view name);
  void attribute(std::string_view name, std::string_view value);
  void namespace_attribute(xml_namespace_ref const& ns);
  void end_open_tag();
  void close(std::string_view name);

  serialize_context& ctx_;
  std::string& out_;
  std::string scratch_;
  bool tag_open_ = false;  // "<name attrs" written, '>' not yet
};

}  // namespace awscoro::detail

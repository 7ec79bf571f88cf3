#include "serialize/xml_body_writer.hpp"

#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>

#include "serialize/scalar_text.hpp"
#include "serialize/xml_text.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

xml_body_writer::node_traits xml_body_writer::traits_of(member_ref const& ref) const {
  return {&ctx_.model.target(ref), xml_namespace_of(ctx_.model, ref), ctx_.model.timestamp_format(ref),
          ctx_.model.is_flattened(ref)};
}

void xml_body_writer::open(std::string_view name) {
  end_open_tag();
  out_ += '<';
  out_ += name;
  tag_open_ = true;
}

void xml_body_writer::attribute(std::string_view name, std::string_view value) {
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  append_xml_attribute(out_, value);
  out_ += '"';
}

void xml_body_writer::namespace_attribute(xml_namespace_ref const& ns) {
  if (ns.uri.empty()) return;
  out_ += " xmlns";
  if (!ns.prefix.empty()) {
    out_ += ':';
    out_ += ns.prefix;
  }
  out_ += "=\"";
  append_xml_attribute(out_, ns.uri);
  out_ += '"';
}

void xml_body_writer::end_open_tag() {
  if (tag_open_) out_ += '>';
  tag_open_ = false;
}

void xml_body_writer::close(std::string_view name) {
  if (tag_open_) {
    out_ += " />";  // ElementTree's form of an empty element
    tag_open_ = false;
    return;
  }
  out_ += "</";
  out_ += name;
  out_ += '>';
}

bool xml_body_writer::write_input(std::string_view name, node_traits const& traits, json::object const& params) {
  return write_structure(name, traits, params, true);
}

bool xml_body_writer::write_payload(std::string_view name, node_traits const& traits, json::value const& v) {
  return write_node(name, traits, v);
}

bool xml_body_writer::write_node(std::string_view name, node_traits const& traits, json::value const& v) {
  switch (traits.target->type) {
    case shape_type::structure:
      if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
      return write_structure(name, traits, v.get_object(), false);
    case shape_type::list:
      if (!v.is_array()) return ctx_.fail("expected an array, got " + std::string(describe_kind(v)));
      return write_list(name, traits, v.get_array());
    case shape_type::map:
      if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
      return write_map(name, traits, v.get_object());
    default:
      return write_scalar(name, traits, v);
  }
}

bool xml_body_writer::write_structure(std::string_view name, node_traits const& traits, json::object const& params,
                                      bool body_members_only) {
  auto const& s = *traits.target;
  auto included = [&](member_ref const& ref) { return !body_members_only || ref.location == member_location::body; };

  open(name);
  // Attributes belong to the open tag, whatever the order of the params: the structure's own
  // namespace, xmlAttribute members, and the namespace of a flattened list (botocore puts it on
  // the list's parent, since a flattened list has no element of its own). A name set twice keeps
  // its first place and its last value, as a dict would.
  struct attr {
    bool is_namespace;
    std::string_view name;  // the attribute name, or the namespace prefix
    std::string_view value;
  };
  boost::container::small_vector<attr, 4> attrs;
  auto set_attr = [&](bool is_namespace, std::string_view n, std::string_view value) {
    for (auto& a : attrs)
      if (a.is_namespace == is_namespace && a.name == n) {
        a.value = value;
        return;
      }
    attrs.push_back({is_namespace, n, value});
  };
  if (!traits.ns.uri.empty()) set_attr(true, traits.ns.prefix, traits.ns.uri);
  for (auto const& [key, v] : params) {
    if (v.is_null()) continue;
    int i = s.find_member(key);
    if (i < 0) continue;
    auto const& ref = s.members[static_cast<std::size_t>(i)];
    if (!included(ref)) continue;
    if (ref.xml_attribute) {
      if (!v.is_string()) {
        ctx_.fail("an XML attribute must be a string, got " + std::string(describe_kind(v)));
        return ctx_.fail_in(key);
      }
      set_attr(false, serialized_name_or(ctx_.model, ref, ref.name), v.get_string());
    } else if (ctx_.model.target(ref).type == shape_type::list && ctx_.model.is_flattened(ref)) {
      auto ns = xml_namespace_of(ctx_.model, ref);
      if (!ns.uri.empty()) set_attr(true, ns.prefix, ns.uri);
    }
  }
  for (auto const& a : attrs) {
    if (a.is_namespace) namespace_attribute({a.value, a.name});
    else attribute(a.name, a.value);
  }

  for (auto const& [key, v] : params) {
    if (v.is_null()) continue;
    int i = s.find_member(key);
    if (i < 0) continue;
    auto const& ref = s.members[static_cast<std::size_t>(i)];
    if (!included(ref) || ref.xml_attribute) continue;
    if (!write_node(serialized_name_or(ctx_.model, ref, ref.name), traits_of(ref), v)) return ctx_.fail_in(key);
  }
  close(name);
  return true;
}

bool xml_body_writer::write_list(std::string_view name, node_traits const& traits, json::array const& items) {
  auto const& member = traits.target->member;
  auto item_traits = traits_of(member);
  std::string_view item_name = name;
  if (!traits.flattened) {
    item_name = serialized_name_or(ctx_.model, member, "member");
    open(name);
    namespace_attribute(traits.ns);
  }
  std::size_t i = 0;
  for (auto const& item : items) {
    if (!write_node(item_name, item_traits, item)) return ctx_.fail_at(i);
    ++i;
  }
  if (!traits.flattened) close(name);
  return true;
}

bool xml_body_writer::write_map(std::string_view name, node_traits const& traits, json::object const& entries) {
  auto const& s = *traits.target;
  auto key_traits = traits_of(s.key);
  auto value_traits = traits_of(s.value);
  auto key_name = serialized_name_or(ctx_.model, s.key, "key");
  auto value_name = serialized_name_or(ctx_.model, s.value, "value");
  std::string_view entry_name = traits.flattened ? name : std::string_view("entry");
  if (!traits.flattened) {
    open(name);
    namespace_attribute(traits.ns);
  }
  for (auto const& [k, v] : entries) {
    open(entry_name);
    write_text_element(key_name, key_traits.ns, k);
    if (!write_node(value_name, value_traits, v)) return ctx_.fail_in(k);
    close(entry_name);
  }
  if (!traits.flattened) close(name);
  return true;
}

bool xml_body_writer::write_scalar(std::string_view name, node_traits const& traits, json::value const& v) {
  if (v.is_object() || v.is_array())
    return ctx_.fail("expected a scalar value, got " + std::string(describe_kind(v)));
  scratch_.clear();
  auto const& s = *traits.target;
  if (s.type == shape_type::timestamp) {
    timestamp_us t;
    if (!read_timestamp(ctx_, v, t)) return false;
    append_timestamp(scratch_, t, timestamp_format_from(traits.timestamp_format, timestamp_format::iso8601),
                     ctx_.precision);
  } else if (s.type == shape_type::blob && v.is_string()) {
    scratch_ = base64_encode(v.get_string());
  } else if (v.is_null()) {
    scratch_ = "None";
  } else {
    append_plain_text(scratch_, v);
  }
  write_text_element(name, traits.ns, scratch_);
  return true;
}

void xml_body_writer::write_text_element(std::string_view name, xml_namespace_ref const& ns, std::string_view text) {
  open(name);
  namespace_attribute(ns);
  if (!text.empty()) {
    end_open_tag();
    append_xml_text(out_, text);
  }
  close(name);
}

}  // namespace awscoro::detail

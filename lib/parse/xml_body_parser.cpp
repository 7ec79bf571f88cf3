#include "parse/xml_body_parser.hpp"

#include <cstring>
#include <utility>

#include <boost/json/serialize.hpp>

#include "parse/parse_common.hpp"

namespace awscoro::detail {
namespace json = boost::json;

enum class xml_frame_kind : std::uint8_t {
  structure,
  list,
  map,
  entry,
  scalar,
  generic,
  query_root,   // the root when the output sits in a resultWrapper child
  error_root,   // <ErrorResponse> or ec2's <Response>
  ec2_errors,   // ec2's <Errors>
  metadata,     // query <ResponseMetadata>: a dict of child texts
};

// Which slot of the parent a frame fills.
enum : int {
  slot_result = -1,
  slot_metadata = -2,
  slot_entry_key = -3,
  slot_entry_value = -4,
  slot_request_id = -5,  // ec2 requestId
  slot_item = -6,
};

struct xml_body_parser::frame {
  explicit frame(json::storage_ptr const& sp) : value(sp), entry_value(sp) {}
  void reset(xml_frame_kind k) {
    kind = k;
    slot = -1;
    flat = children = root_struct = has_key = false;
    ref = nullptr;
    shape = no_shape;
    value.emplace_null();
    name.clear();
    entry_value.emplace_null();
    union_tags.clear();
    seen = 0;
    hint = 0;
  }

  xml_frame_kind kind = xml_frame_kind::generic;
  int slot = slot_result;       // member index in the parent structure, or one of the slots above
  bool flat = false;            // one element of a flattened list or map member
  bool children = false;        // a child element was seen (text collection stops)
  bool root_struct = false;     // the output structure is the root element itself
  member_ref const* ref = nullptr;  // scalar, list, map, entry: what the element holds
  shape_id shape = no_shape;    // structure
  json::value value;
  std::string name;             // generic: element name; entry: key text
  bool has_key = false;
  json::value entry_value;
  std::vector<std::string> union_tags;  // unions only: distinct child element names
  std::uint64_t seen = 0;               // structure: members 0..63 already set
  std::size_t hint = 0;                 // structure: where the next member lookup starts
};

xml_body_parser::frame& xml_body_parser::frame_stack::push(int kind) {
  if (n == v.size()) v.emplace_back(sp);
  auto& f = v[n++];
  f.reset(static_cast<xml_frame_kind>(kind));
  return f;
}

xml_body_parser::frame& xml_body_parser::frame_stack::back() { return v[n - 1]; }
xml_body_parser::frame& xml_body_parser::frame_stack::operator[](std::size_t i) { return v[i]; }

namespace {

std::string_view local_name(std::string_view n) {
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

}  // namespace

xml_body_parser::xml_body_parser(service_model const& model, parse_options const& options, xml_parse_spec const& spec,
                                 json::storage_ptr storage)
    : model_(model), options_(options), spec_(spec), sp_(std::move(storage)), reader_(*this), result_(sp_) {
  frames_.sp = sp_;
  frames_.v.reserve(16);
  if (spec_.mode != xml_parse_spec::mode_t::generic) result_.emplace_object();
}

xml_body_parser::~xml_body_parser() = default;

std::vector<std::string_view> const& xml_body_parser::member_names(shape_id id) {
  for (auto const& [sid, names] : names_)
    if (sid == id) return names;
  auto const& s = model_.at(id);
  std::vector<std::string_view> names;
  names.reserve(s.members.size());
  for (auto const& m : s.members) {
    bool body = !(m.location == member_location::header || m.location == member_location::headers ||
                  m.location == member_location::status_code || m.event_header || m.xml_attribute);
    // A name no element can have marks a member that is never read from an element.
    names.push_back(body ? xml_member_name(model_, m) : std::string_view("<"));
  }
  names_.emplace_back(id, std::move(names));
  return names_.back().second;
}

void xml_body_parser::fail(std::string msg) {
  if (error_.empty()) error_ = std::move(msg);
  stopped_ = true;
  reader_.stop();
}

bool xml_body_parser::feed(std::string_view bytes, bool last) {
  if (stopped_) return found_error_root_ && error_.empty();
  bool ok = reader_.feed(bytes, last);
  if (!error_.empty()) return false;
  if (found_error_root_) return true;
  if (!ok) {
    malformed_xml_ = true;
    error_ = reader_.error();
    return false;
  }
  return true;
}

void xml_body_parser::push_structure(shape_id id, int slot, attr_span attrs) {
  auto& f = frames_.push(int(xml_frame_kind::structure));
  f.slot = slot;
  f.shape = id;
  auto const& s = model_.at(id);
  f.value.emplace_object().reserve(s.members.size());
  // Attribute members come from the element's own attributes. A name with a prefix
  // ("xsi:type") matches a prefixed attribute of the same local name, as botocore reads them.
  for (auto const& m : s.members) {
    if (!m.xml_attribute) continue;
    auto want = serialized_name(model_, m);
    auto colon = want.find(':');
    for (auto const& a : attrs) {
      std::string_view an = a.name;
      bool match;
      if (colon == std::string_view::npos) {
        match = an == want;
      } else {
        auto ac = an.find(':');
        match = ac != std::string_view::npos && an.substr(ac + 1) == want.substr(colon + 1);
      }
      if (match) {
        f.value.get_object().insert_or_assign(m.name, json::string(a.value, sp_));
        break;
      }
    }
  }
}

void xml_body_parser::push_value_frame(member_ref const& ref, int slot, attr_span attrs) {
  auto const& t = model_.target(ref);
  switch (t.type) {
    case shape_type::structure:
      push_structure(ref.target, slot, attrs);
      return;
    case shape_type::list: {
      auto& f = frames_.push(int(xml_frame_kind::list));
      f.slot = slot;
      f.ref = &ref;
      f.value.emplace_array();
      return;
    }
    case shape_type::map: {
      auto& f = frames_.push(int(xml_frame_kind::map));
      f.slot = slot;
      f.ref = &ref;
      f.value.emplace_object();
      return;
    }
    default: {
      auto& f = frames_.push(int(xml_frame_kind::scalar));
      f.slot = slot;
      f.ref = &ref;
      text_.clear();
      return;
    }
  }
}

// A structure member's element: a flattened list contributes one item per element, a flattened
// map one entry per element; anything else is the member's whole value.
void xml_body_parser::push_for_member(member_ref const& ref, int slot, bool flat, attr_span attrs) {
  auto const& t = model_.target(ref);
  if (flat && t.type == shape_type::list) {
    push_value_frame(t.member, slot, attrs);
    frames_.back().flat = true;
    return;
  }
  if (flat && t.type == shape_type::map) {
    auto& f = frames_.push(int(xml_frame_kind::entry));
    f.slot = slot;
    f.ref = &ref;
    f.flat = true;
    return;
  }
  push_value_frame(ref, slot, attrs);
}

bool xml_body_parser::push_metadata_frame(std::string_view name) {
  if (spec_.metadata == xml_parse_spec::metadata_t::query && name == "ResponseMetadata") {
    auto& f = frames_.push(int(xml_frame_kind::metadata));
    f.slot = slot_metadata;
    f.value.emplace_object();
    return true;
  }
  if (spec_.metadata == xml_parse_spec::metadata_t::ec2 && name == "requestId") {
    auto& f = frames_.push(int(xml_frame_kind::generic));
    f.slot = slot_request_id;
    text_.clear();
    return true;
  }
  return false;
}

void xml_body_parser::on_start(std::string_view qname, attr_span attrs) {
  if (skip_depth_ > 0) {
    if (frames_.size() + ++skip_depth_ > max_parse_depth) fail("XML nested deeper than 64 elements");
    return;
  }
  if (frames_.size() >= max_parse_depth) {
    fail("XML nested deeper than 64 elements");
    return;
  }
  auto name = local_name(qname);
  using mode_t = xml_parse_spec::mode_t;

  if (frames_.empty()) {
    if (saw_root_) {  // the reader refuses a second root; kept for safety
      ++skip_depth_;
      return;
    }
    saw_root_ = true;
    if (spec_.stop_at_error_root && qname == "Error") {
      bool has_xmlns = false;
      for (auto const& a : attrs)
        if (a.name == "xmlns") has_xmlns = true;
      if (!has_xmlns) {
        found_error_root_ = true;
        stopped_ = true;
        reader_.stop();
        return;
      }
    }
    if (spec_.mode == mode_t::generic) {
      root_name_ = std::string(qname);
      auto& f = frames_.push(int(xml_frame_kind::generic));
      f.name = std::string(name);
      text_.clear();
      return;
    }
    if (spec_.mode == mode_t::modeled_error) {
      if (spec_.ec2_errors || name == "ErrorResponse") {
        frames_.push(int(xml_frame_kind::error_root));
        return;
      }
      push_structure(spec_.root, slot_result, attrs);
      return;
    }
    if (spec_.root == no_shape || !spec_.result_wrapper.empty()) {
      frames_.push(int(xml_frame_kind::query_root));
      return;
    }
    push_structure(spec_.root, slot_result, attrs);
    frames_.back().root_struct = true;
    return;
  }

  auto& top = frames_.back();
  top.children = true;
  switch (top.kind) {
    case xml_frame_kind::structure: {
      auto const& s = model_.at(top.shape);
      if (s.union_) {
        bool seen = false;
        for (auto const& t : top.union_tags)
          if (t == name) seen = true;
        if (!seen) top.union_tags.emplace_back(name);
      }
      // Elements usually come in member order: start after the last match.
      auto const& names = member_names(top.shape);
      auto const count = s.members.size();
      for (std::size_t k = 0; k < count; ++k) {
        std::size_t i = top.hint + k;
        if (i >= count) i -= count;
        if (names[i] != name) continue;
        auto const& m = s.members[i];
        top.hint = i + 1;
        bool flat = model_.is_flattened(m) &&
                    (model_.target(m).type == shape_type::list || model_.target(m).type == shape_type::map);
        // A repeated element for a member that is not a flattened collection: the first wins,
        // as botocore reads the first of repeated nodes.
        if (!flat) {
          if (i < 64) {
            if (top.seen & (std::uint64_t(1) << i)) break;
            top.seen |= std::uint64_t(1) << i;
          } else if (top.value.get_object().contains(m.name)) {
            break;
          }
        }
        push_for_member(m, static_cast<int>(i), flat, attrs);
        return;
      }
      if (top.root_struct) {
        if (push_metadata_frame(name)) return;
      }
      ++skip_depth_;
      return;
    }
    case xml_frame_kind::list: {
      auto const& t = model_.target(*top.ref);
      push_value_frame(t.member, slot_item, attrs);
      return;
    }
    case xml_frame_kind::map: {
      auto& f = frames_.push(int(xml_frame_kind::entry));
      f.slot = slot_item;
      f.ref = top.ref;
      return;
    }
    case xml_frame_kind::entry: {
      auto const& map = model_.target(*top.ref);
      auto key_name = serialized_name(model_, map.key);
      auto value_name = serialized_name(model_, map.value);
      if (map.key.location_name.empty() && model_.target(map.key).location_name.empty()) key_name = "key";
      if (map.value.location_name.empty() && model_.target(map.value).location_name.empty()) value_name = "value";
      if (name == key_name) {
        push_value_frame(map.key, slot_entry_key, attrs);
      } else if (name == value_name) {
        push_value_frame(map.value, slot_entry_value, attrs);
      } else {
        fail("unknown tag <" + std::string(name) + "> in a map entry of " + model_.target(*top.ref).name);
      }
      return;
    }
    case xml_frame_kind::generic: {
      if (!top.value.is_object()) top.value.emplace_object();
      auto& f = frames_.push(int(xml_frame_kind::generic));
      f.name = std::string(name);
      text_.clear();
      return;
    }
    case xml_frame_kind::metadata: {
      auto& f = frames_.push(int(xml_frame_kind::generic));
      f.name = std::string(name);
      f.slot = slot_metadata;
      text_.clear();
      return;
    }
    case xml_frame_kind::query_root: {
      if (!spec_.result_wrapper.empty() && spec_.root != no_shape && name == spec_.result_wrapper &&
          !top.has_key) {
        top.has_key = true;
        push_structure(spec_.root, slot_result, attrs);
        return;
      }
      if (push_metadata_frame(name)) return;
      ++skip_depth_;
      return;
    }
    case xml_frame_kind::error_root: {
      if (spec_.ec2_errors && name == "Errors") {
        frames_.push(int(xml_frame_kind::ec2_errors));
        return;
      }
      if (!spec_.ec2_errors && name == "Error" && !top.has_key) {
        top.has_key = true;
        push_structure(spec_.root, slot_result, attrs);
        return;
      }
      ++skip_depth_;
      return;
    }
    case xml_frame_kind::ec2_errors: {
      if (name == "Error" && !frames_[frames_.size() - 2].has_key) {
        frames_[frames_.size() - 2].has_key = true;
        push_structure(spec_.root, slot_result, attrs);
        return;
      }
      ++skip_depth_;
      return;
    }
    case xml_frame_kind::scalar:
      ++skip_depth_;
      return;
  }
}

void xml_body_parser::on_text(std::string_view text) {
  if (skip_depth_ > 0 || frames_.empty()) return;
  auto const& top = frames_.back();
  if ((top.kind == xml_frame_kind::scalar || top.kind == xml_frame_kind::generic) && !top.children)
    text_.append(text);
}

void xml_body_parser::on_end() {
  if (skip_depth_ > 0) {
    --skip_depth_;
    return;
  }
  if (frames_.empty()) return;
  frame& f = frames_.back();
  frames_.pop();
  json::value v(sp_);
  switch (f.kind) {
    case xml_frame_kind::scalar: {
      std::string why;
      if (!scalar_from_text(model_, *f.ref, text_, text_flavor::xml, options_, false, v, why)) {
        fail("member " + f.ref->name + " (" + model_.target(*f.ref).name + "): " + why + ": '" +
             body_excerpt(text_) + "'");
        return;
      }
      text_.clear();
      break;
    }
    case xml_frame_kind::generic:
      if (f.children) {
        v = std::move(f.value);
      } else if (text_.empty()) {
        v = nullptr;  // an empty element's text is None in botocore
      } else {
        v.emplace_string().assign(text_);
      }
      text_.clear();
      break;
    case xml_frame_kind::structure: {
      auto const& s = model_.at(f.shape);
      if (s.union_) {
        if (f.union_tags.size() != 1) {
          fail("Invalid service response: " + s.name + " must have one and only one member set.");
          return;
        }
        bool known = false;
        for (auto const& m : s.members)
          if (serialized_name(model_, m) == f.union_tags.front()) known = true;
        if (!known) {
          json::object unknown;
          unknown["SDK_UNKNOWN_MEMBER"] = json::object{{"name", f.union_tags.front()}};
          f.value = std::move(unknown);
        }
      }
      v = std::move(f.value);
      break;
    }
    case xml_frame_kind::entry: {
      if (!f.has_key) return;  // an entry without a key adds nothing
      if (f.flat) {
        // Deliver the entry straight into the parent structure's map member.
        auto& parent = frames_.back();
        auto const& member = model_.at(parent.shape).members[static_cast<std::size_t>(f.slot)];
        auto& obj = parent.value.get_object();
        auto* slot = obj.if_contains(member.name);
        if (!slot || !slot->is_object()) {
          slot = &obj[member.name];
          slot->emplace_object();
        }
        slot->get_object().insert_or_assign(f.name, std::move(f.entry_value));
        return;
      }
      frames_.back().value.get_object().insert_or_assign(f.name, std::move(f.entry_value));
      return;
    }
    case xml_frame_kind::list:
    case xml_frame_kind::map:
    case xml_frame_kind::metadata:
      v = std::move(f.value);
      break;
    case xml_frame_kind::query_root:
    case xml_frame_kind::error_root:
    case xml_frame_kind::ec2_errors:
      return;
  }
  deliver(std::move(v), f);
}

void xml_body_parser::deliver(json::value&& v, frame& child) {
  if (frames_.empty()) {
    if (child.slot == slot_metadata) {
      metadata_ = std::move(v.get_object());
    } else if (child.slot == slot_request_id) {
      if (v.is_string()) metadata_["RequestId"] = std::move(v);
    } else {
      result_ = std::move(v);
    }
    return;
  }
  auto& parent = frames_.back();
  switch (child.slot) {
    case slot_metadata:
      if (parent.kind == xml_frame_kind::metadata) {
        parent.value.get_object().emplace(child.name, std::move(v));
      } else {
        metadata_ = std::move(v.get_object());
      }
      return;
    case slot_request_id:
      metadata_["RequestId"] = v.is_string() ? std::move(v) : json::value(json::string());
      return;
    case slot_entry_key:
      if (v.is_string()) {
        parent.name = std::string(v.get_string());
      } else {
        parent.name = json::serialize(v);
      }
      parent.has_key = true;
      return;
    case slot_entry_value:
      parent.entry_value = std::move(v);
      return;
    case slot_item:
      if (parent.kind == xml_frame_kind::list) parent.value.get_array().push_back(std::move(v));
      return;
    case slot_result:
      if (parent.kind == xml_frame_kind::generic) {
        parent.value.get_object().emplace(child.name, std::move(v));
      } else {
        result_ = std::move(v);
      }
      return;
    default:
      break;
  }
  // A structure member.
  auto const& member = model_.at(parent.shape).members[static_cast<std::size_t>(child.slot)];
  auto& obj = parent.value.get_object();
  if (child.flat) {
    auto* slot = obj.if_contains(member.name);
    if (!slot || !slot->is_array()) {
      slot = &obj[member.name];
      slot->emplace_array();
    }
    slot->get_array().push_back(std::move(v));
    return;
  }
  obj.emplace(member.name, std::move(v));
}

}  // namespace awscoro::detail

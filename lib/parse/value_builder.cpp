#include "parse/value_builder.hpp"

#include <cmath>
#include <utility>

#include "parse/parse_common.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {
namespace json = boost::json;

struct value_builder::frame {
  enum class kind : std::uint8_t { structure, list, map, document_object, document_array, skip, collect };
  frame(kind k, json::storage_ptr const& sp) : kind_(k), value(sp) {}
  kind kind_;
  shape_id shape = no_shape;        // structure
  member_ref const* ref = nullptr;  // list, map: the container's reference
  json::value value;
  int pending = -1;                 // structure: the member the next value fills, -1 for none
  std::string key;                  // map, document_object, collect: the pending key
  bool counts = false;              // union: the pending key counts as a set member
  bool union_known = false;
  unsigned union_count = 0;
  std::string union_tag;
};

value_builder::value_builder(service_model const& model, parse_options const& options, flavor f, shape_id root,
                             json::storage_ptr storage)
    : model_(model), options_(options), flavor_(f), root_(root), sp_(std::move(storage)), result_(sp_) {
  frames_.reserve(16);
  result_.emplace_object();
}

value_builder::~value_builder() = default;

bool value_builder::fail(std::string msg) {
  if (error_.empty()) error_ = std::move(msg);
  return false;
}

bool value_builder::push(frame&& f) {
  if (frames_.size() >= max_parse_depth) return fail("body nested deeper than 64 levels");
  frames_.push_back(std::move(f));
  return true;
}

value_builder::target value_builder::current() {
  target t;
  if (frames_.empty()) {
    if (root_ == no_shape) {
      t.mode = target::how::collect;
    } else {
      t.shape = root_;
      if (model_.at(t.shape).document) t.mode = target::how::document;
    }
    return t;
  }
  auto& top = frames_.back();
  switch (top.kind_) {
    case frame::kind::structure:
      if (top.pending < 0) {
        t.mode = target::how::skip;
      } else {
        t.ref = &model_.at(top.shape).members[static_cast<std::size_t>(top.pending)];
        t.shape = t.ref->target;
      }
      break;
    case frame::kind::list:
      t.ref = &model_.target(*top.ref).member;
      t.shape = t.ref->target;
      break;
    case frame::kind::map:
      t.ref = &model_.target(*top.ref).value;
      t.shape = t.ref->target;
      break;
    case frame::kind::document_object:
    case frame::kind::document_array:
      t.mode = target::how::document;
      break;
    case frame::kind::skip:
    case frame::kind::collect:
      t.mode = target::how::skip;
      break;
  }
  if (t.mode == target::how::value && model_.at(t.shape).document) t.mode = target::how::document;
  return t;
}

// A union must have exactly one member set; botocore counts every non-null key but __type.
bool value_builder::note_value_start(bool null_value) {
  if (frames_.empty() || null_value) return true;
  auto& top = frames_.back();
  if (top.kind_ == frame::kind::structure && top.counts) {
    top.counts = false;
    if (top.union_count++ == 0) {
      top.union_tag = top.key;
      top.union_known = top.pending >= 0;
    }
  }
  return true;
}

bool value_builder::begin_object() {
  if (has_tag_) return fail("a CBOR tag before a map");
  auto t = current();
  note_value_start(false);
  switch (t.mode) {
    case target::how::skip:
      return push(frame(frame::kind::skip, sp_));
    case target::how::collect:
      return push(frame(frame::kind::collect, sp_));
    case target::how::document: {
      frame f(frame::kind::document_object, sp_);
      f.value.emplace_object();
      return push(std::move(f));
    }
    case target::how::value:
      break;
  }
  auto const& s = model_.at(t.shape);
  if (s.type == shape_type::structure) {
    frame f(frame::kind::structure, sp_);
    f.shape = t.shape;
    f.value.emplace_object();
    return push(std::move(f));
  }
  if (s.type == shape_type::map && t.ref) {
    frame f(frame::kind::map, sp_);
    f.ref = t.ref;
    f.value.emplace_object();
    return push(std::move(f));
  }
  return fail("expected a " + s.name + " value" + (t.ref ? " for " + t.ref->name : std::string()) +
              ", got an object");
}

bool value_builder::begin_array() {
  if (has_tag_) return fail("a CBOR tag before an array");
  auto t = current();
  note_value_start(false);
  switch (t.mode) {
    case target::how::skip:
    case target::how::collect:
      return push(frame(frame::kind::skip, sp_));
    case target::how::document: {
      frame f(frame::kind::document_array, sp_);
      f.value.emplace_array();
      return push(std::move(f));
    }
    case target::how::value:
      break;
  }
  auto const& s = model_.at(t.shape);
  if (s.type == shape_type::list && t.ref) {
    frame f(frame::kind::list, sp_);
    f.ref = t.ref;
    f.value.emplace_array();
    return push(std::move(f));
  }
  return fail("expected a " + s.name + " value" + (t.ref ? " for " + t.ref->name : std::string()) +
              ", got an array");
}

bool value_builder::key(std::string_view k) {
  if (frames_.empty()) return fail("a key outside an object");
  auto& top = frames_.back();
  switch (top.kind_) {
    case frame::kind::structure: {
      auto const& s = model_.at(top.shape);
      top.pending = -1;
      for (std::size_t i = 0; i < s.members.size(); ++i) {
        auto const& m = s.members[i];
        if (m.location == member_location::header || m.location == member_location::headers ||
            m.location == member_location::status_code)
          continue;
        std::string_view wire = flavor_ == flavor::cbor ? std::string_view(m.name) : serialized_name(model_, m);
        if (wire == k) {
          top.pending = static_cast<int>(i);
          break;
        }
      }
      if (s.union_) {
        top.counts = k != "__type";
        top.key.assign(k);
      }
      return true;
    }
    case frame::kind::map:
    case frame::kind::document_object:
    case frame::kind::collect:
      top.key.assign(k);
      return true;
    default:
      return true;
  }
}

bool value_builder::deliver(json::value&& v) {
  if (frames_.empty()) {
    result_ = std::move(v);
    done_ = true;
    return true;
  }
  auto& top = frames_.back();
  switch (top.kind_) {
    case frame::kind::structure:
      if (top.pending >= 0) {
        auto const& m = model_.at(top.shape).members[static_cast<std::size_t>(top.pending)];
        top.value.get_object().insert_or_assign(m.name, std::move(v));
        top.pending = -1;
      }
      return true;
    case frame::kind::list:
    case frame::kind::document_array:
      top.value.get_array().push_back(std::move(v));
      return true;
    case frame::kind::map:
    case frame::kind::document_object:
      top.value.get_object().insert_or_assign(top.key, std::move(v));
      return true;
    case frame::kind::collect:
      if (v.is_string()) top_fields_.insert_or_assign(top.key, std::move(v));
      return true;
    case frame::kind::skip:
      return true;
  }
  return true;
}

bool value_builder::end_object() { return end_array(); }

bool value_builder::end_array() {
  if (frames_.empty()) return fail("unbalanced end of a container");
  frame f = std::move(frames_.back());
  frames_.pop_back();
  switch (f.kind_) {
    case frame::kind::skip:
      return true;
    case frame::kind::collect:
      done_ = frames_.empty();
      return true;
    case frame::kind::structure: {
      auto const& s = model_.at(f.shape);
      if (s.union_) {
        if (f.union_count != 1)
          return fail("Invalid service response: " + s.name + " must have one and only one member set.");
        if (!f.union_known && flavor_ != flavor::cbor) {
          json::object unknown;
          unknown["SDK_UNKNOWN_MEMBER"] = json::object{{"name", f.union_tag}};
          return deliver(std::move(unknown));
        }
      }
      return deliver(std::move(f.value));
    }
    default:
      return deliver(std::move(f.value));
  }
}

bool value_builder::null() {
  if (has_tag_) return fail("a CBOR tag before null");
  if (frames_.empty()) {
    result_.emplace_null();  // callers read a null body as an empty result
    done_ = true;
    return true;
  }
  auto& top = frames_.back();
  switch (top.kind_) {
    case frame::kind::structure:
      top.pending = -1;  // a null member is not set
      top.counts = false;
      return true;
    case frame::kind::map:
      if (flavor_ == flavor::cbor) return true;  // botocore's CBOR decoder drops null map values
      return deliver(nullptr);
    case frame::kind::skip:
    case frame::kind::collect:
      return true;
    default:
      return deliver(nullptr);
  }
}

bool value_builder::tag(std::uint64_t t) {
  if (has_tag_) return fail("nested CBOR tags");
  if (t != 1) return fail("unsupported CBOR tag " + std::to_string(t));
  has_tag_ = true;
  return true;
}

namespace {

bool number_as_double(json::value const& v, double& d) {
  if (v.is_int64()) d = static_cast<double>(v.get_int64());
  else if (v.is_uint64()) d = static_cast<double>(v.get_uint64());
  else if (v.is_double()) d = v.get_double();
  else return false;
  return true;
}

bool epoch_to_value(json::value const& v, json::value& out) {
  if (v.is_int64()) {
    if (v.get_int64() > 253402300799 || v.get_int64() < -62135596800) return false;
    out.emplace_string().assign(format_iso8601(v.get_int64() * 1000000));
    return true;
  }
  double d;
  if (!number_as_double(v, d) || !std::isfinite(d) || std::fabs(d) > 1e13) return false;
  out.emplace_string().assign(format_iso8601(static_cast<timestamp_us>(std::llround(d * 1e6))));
  return true;
}

}  // namespace

bool value_builder::scalar(json::value v, bool) {
  auto t = current();
  note_value_start(false);
  if (has_tag_) {
    has_tag_ = false;
    if (!v.is_number()) return fail("CBOR tag 1 (epoch time) on a value that is not a number");
    if (t.mode != target::how::value) return deliver(std::move(v));
    if (options_.raw_timestamps) return deliver(std::move(v));
    json::value ts(sp_);
    if (!epoch_to_value(v, ts)) return fail("epoch time out of range");
    return deliver(std::move(ts));
  }
  switch (t.mode) {
    case target::how::skip:
    case target::how::collect:
      if (!frames_.empty() && frames_.back().kind_ == frame::kind::collect) return deliver(std::move(v));
      if (frames_.empty()) done_ = true;
      return true;
    case target::how::document:
      return deliver(std::move(v));
    case target::how::value:
      break;
  }
  if (!t.ref) {
    done_ = true;
    return fail("expected a JSON object for " + model_.at(t.shape).name);
  }
  auto const& s = model_.at(t.shape);
  auto mismatch = [&](char const* what) {
    return fail("member " + t.ref->name + " (" + s.name + "): " + what);
  };
  switch (s.type) {
    case shape_type::structure:
    case shape_type::list:
    case shape_type::map:
      return mismatch("expected a container, got a scalar");
    case shape_type::blob:
      if (v.is_string() && flavor_ != flavor::cbor) {
        std::string bytes;
        if (!lenient_base64_decode(v.get_string(), bytes)) return mismatch("not base64");
        return deliver(json::string(bytes, sp_));
      }
      return deliver(std::move(v));
    case shape_type::timestamp: {
      if (options_.raw_timestamps) return deliver(std::move(v));
      if (v.is_string()) {
        auto ts = parse_timestamp(v.get_string());
        if (!ts) return mismatch("not a timestamp");
        return deliver(json::string(format_iso8601(*ts), sp_));
      }
      json::value ts(sp_);
      if (!epoch_to_value(v, ts)) return mismatch("not a timestamp");
      return deliver(std::move(ts));
    }
    case shape_type::float_:
    case shape_type::double_: {
      double d;
      if (number_as_double(v, d)) return deliver(d);
      if (v.is_string()) {
        if (!parse_float_text(v.get_string(), d)) return mismatch("not a number");
        return deliver(d);
      }
      return deliver(std::move(v));
    }
    case shape_type::integer:
    case shape_type::long_:
      if (v.is_double() && !std::isfinite(v.get_double())) return mismatch("number out of range");
      if (v.is_string() && flavor_ == flavor::rest_json) {
        json::value n(sp_);
        if (!parse_int_text(v.get_string(), n)) return mismatch("not an integer");
        return deliver(std::move(n));
      }
      return deliver(std::move(v));
    case shape_type::boolean:
      if (v.is_string() && flavor_ == flavor::rest_json) {
        auto sv = std::string_view(v.get_string());
        return deliver(sv.size() == 4 && (sv[0] | 0x20) == 't' && (sv[1] | 0x20) == 'r' && (sv[2] | 0x20) == 'u' &&
                       (sv[3] | 0x20) == 'e');
      }
      return deliver(std::move(v));
    default:
      return deliver(std::move(v));
  }
}

bool value_builder::string(std::string_view s) { return scalar(json::string(s, sp_), true); }

bool value_builder::bytes(std::string_view b) {
  // A CBOR byte string is already raw: only a blob member takes it as is.
  auto t = current();
  if (!has_tag_ && t.mode == target::how::value && t.ref && model_.at(t.shape).type == shape_type::blob) {
    note_value_start(false);
    return deliver(json::string(b, sp_));
  }
  return scalar(json::string(b, sp_), true);
}

bool value_builder::int64(std::int64_t v) { return scalar(v, false); }
bool value_builder::uint64(std::uint64_t v) { return scalar(v, false); }
bool value_builder::dbl(double v) { return scalar(v, false); }
bool value_builder::boolean(bool v) { return scalar(v, false); }

}  // namespace awscoro::detail

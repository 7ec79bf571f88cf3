#include "serialize/json_body_writer.hpp"

#include <cmath>

#include <boost/json/value.hpp>

#include "util/json_text.hpp"
#include "serialize/scalar_text.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

bool json_body_writer::write_structure(shape const& s, json::object const& params, bool body_members_only) {
  out_ += '{';
  bool first = true;
  for (auto const& [key, v] : params) {
    if (v.is_null()) continue;
    int i = s.find_member(key);
    if (i < 0) continue;
    auto const& ref = s.members[static_cast<std::size_t>(i)];
    if (body_members_only && ref.location != member_location::body) continue;
    if (!first) out_ += ", ";
    first = false;
    append_json_string(out_, serialized_name_or(ctx_.model, ref, ref.name));
    out_ += ": ";
    if (!write_value(ref, v)) return ctx_.fail_in(key);
  }
  out_ += '}';
  return true;
}

bool json_body_writer::write_value(member_ref const& ref, json::value const& v) {
  auto const& s = ctx_.model.target(ref);
  if (v.is_null()) {
    out_ += "null";
    return true;
  }
  switch (s.type) {
    case shape_type::structure:
      if (s.document) {
        append_json_value(out_, v, json_spacing::python_default);
        return true;
      }
      if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
      return write_structure(s, v.get_object(), false);
    case shape_type::list: {
      if (!v.is_array()) return ctx_.fail("expected an array, got " + std::string(describe_kind(v)));
      out_ += '[';
      std::size_t i = 0;
      for (auto const& item : v.get_array()) {
        if (i) out_ += ", ";
        if (!write_value(s.member, item)) return ctx_.fail_at(i);
        ++i;
      }
      out_ += ']';
      return true;
    }
    case shape_type::map: {
      if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
      out_ += '{';
      bool first = true;
      for (auto const& [k, item] : v.get_object()) {
        if (!first) out_ += ", ";
        first = false;
        append_json_string(out_, k);
        out_ += ": ";
        if (!write_value(s.value, item)) return ctx_.fail_in(k);
      }
      out_ += '}';
      return true;
    }
    case shape_type::timestamp: {
      timestamp_us t;
      if (!read_timestamp(ctx_, v, t)) return false;
      auto f = timestamp_format_from(ctx_.model.timestamp_format(ref), timestamp_format::unix_seconds);
      if (f == timestamp_format::unix_seconds) {
        append_timestamp(out_, t, f, ctx_.precision);
      } else {
        out_ += '"';
        append_timestamp(out_, t, f, ctx_.precision);
        out_ += '"';
      }
      return true;
    }
    case shape_type::blob:
      if (v.is_string()) {
        out_ += '"';
        out_ += base64_encode(v.get_string());
        out_ += '"';
        return true;
      }
      break;
    case shape_type::float_:
    case shape_type::double_:
      if (v.is_double() && !std::isfinite(v.get_double())) {
        out_ += '"';
        append_plain_text(out_, v);
        out_ += '"';
        return true;
      }
      break;
    default:
      break;
  }
  if (v.is_object() || v.is_array())
    return ctx_.fail("expected a scalar value, got " + std::string(describe_kind(v)));
  append_json_value(out_, v, json_spacing::python_default);
  return true;
}

}  // namespace awscoro::detail

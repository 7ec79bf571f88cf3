#include "serialize/scalar_text.hpp"

#include <boost/json/value.hpp>

#include "util/python_float.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

bool read_timestamp(serialize_context& ctx, json::value const& v, timestamp_us& out) {
  if (auto t = timestamp_from_json(v)) {
    out = *t;
    return true;
  }
  if (v.is_string()) return ctx.fail("not a timestamp: \"" + std::string(v.get_string()) + "\"");
  return ctx.fail("expected a timestamp, got " + std::string(describe_kind(v)));
}

void append_plain_text(std::string& out, json::value const& v) {
  switch (v.kind()) {
    case json::kind::string: out += v.get_string(); return;
    case json::kind::int64: append_decimal(out, v.get_int64()); return;
    case json::kind::uint64: append_decimal(out, v.get_uint64()); return;
    case json::kind::double_: append_json_float(out, v.get_double()); return;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
    default: return;
  }
}

bool append_scalar_text(std::string& out, serialize_context& ctx, member_ref const& ref, json::value const& v,
                        timestamp_format default_format, blob_text blobs) {
  if (v.is_object() || v.is_array() || v.is_null())
    return ctx.fail("expected a scalar value, got " + std::string(describe_kind(v)));
  auto const& target = ctx.model.target(ref);
  switch (target.type) {
    case shape_type::timestamp: {
      timestamp_us t;
      if (!read_timestamp(ctx, v, t)) return false;
      append_timestamp(out, t, timestamp_format_from(ctx.model.timestamp_format(ref), default_format), ctx.precision);
      return true;
    }
    case shape_type::blob:
      if (v.is_string()) {
        if (blobs == blob_text::base64) out += base64_encode(v.get_string());
        else out += v.get_string();
        return true;
      }
      break;
    default:
      break;
  }
  append_plain_text(out, v);
  return true;
}

}  // namespace awscoro::detail

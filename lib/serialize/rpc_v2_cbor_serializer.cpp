// The smithy-rpc-v2-cbor protocol: POST /service/<targetPrefix>/operation/<Operation> with the
// input as a CBOR map (no body when the operation has no input). Timestamps are tag 1 over
// epoch seconds; floats are single precision, doubles double; NaN and the infinities half
// precision.
#include <cmath>

#include <boost/json/value.hpp>

#include "serialize/cbor_writer.hpp"
#include "serialize/protocol_serializers.hpp"
#include "serialize/scalar_text.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

class cbor_body_writer {
 public:
  cbor_body_writer(serialize_context& ctx, std::string& out) : ctx_(ctx), out_(out) {}

  bool structure(shape const& s, json::object const& params) {
    std::size_t count = 0;
    for (auto const& [key, v] : params)
      if (!v.is_null() && s.find_member(key) >= 0) ++count;
    cbor::append_head(out_, cbor::map, count);
    for (auto const& [key, v] : params) {
      if (v.is_null()) continue;
      int i = s.find_member(key);
      if (i < 0) continue;
      auto const& ref = s.members[static_cast<std::size_t>(i)];
      cbor::append_text(out_, serialized_name_or(ctx_.model, ref, ref.name));
      if (!value(ref, v)) return ctx_.fail_in(key);
    }
    return true;
  }

  bool value(member_ref const& ref, json::value const& v) {
    auto const& s = ctx_.model.target(ref);
    if (v.is_null()) {
      cbor::append_null(out_);
      return true;
    }
    switch (s.type) {
      case shape_type::structure:
        if (s.document) {
          cbor::append_json(out_, v);
          return true;
        }
        if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
        return structure(s, v.get_object());
      case shape_type::list: {
        if (!v.is_array()) return ctx_.fail("expected an array, got " + std::string(describe_kind(v)));
        auto const& items = v.get_array();
        cbor::append_head(out_, cbor::array, items.size());
        std::size_t i = 0;
        for (auto const& item : items) {
          if (!value(s.member, item)) return ctx_.fail_at(i);
          ++i;
        }
        return true;
      }
      case shape_type::map: {
        if (!v.is_object()) return ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
        auto const& entries = v.get_object();
        cbor::append_head(out_, cbor::map, entries.size());
        for (auto const& [k, item] : entries) {
          cbor::append_text(out_, k);
          if (!value(s.value, item)) return ctx_.fail_in(k);
        }
        return true;
      }
      case shape_type::timestamp: {
        timestamp_us t;
        if (!read_timestamp(ctx_, v, t)) return false;
        cbor::append_head(out_, cbor::tag, 1);
        std::int64_t secs = t / 1'000'000 - (t % 1'000'000 < 0 ? 1 : 0);
        cbor::append_int(out_, secs);
        return true;
      }
      case shape_type::blob:
        if (!v.is_string()) break;
        cbor::append_bytes(out_, v.get_string());
        return true;
      case shape_type::float_:
      case shape_type::double_: {
        double d;
        if (v.is_string()) {
          auto str = v.get_string();
          if (str == "NaN") d = std::nan("");
          else if (str == "Infinity") d = HUGE_VAL;
          else if (str == "-Infinity") d = -HUGE_VAL;
          else break;
        } else if (v.is_number()) {
          d = v.to_number<double>();
        } else {
          break;
        }
        if (s.type == shape_type::float_) cbor::append_float32(out_, static_cast<float>(d));
        else cbor::append_float64(out_, d);
        return true;
      }
      default:
        break;
    }
    if (v.is_object() || v.is_array())
      return ctx_.fail("expected a scalar value, got " + std::string(describe_kind(v)));
    cbor::append_json(out_, v);
    return true;
  }

 private:
  serialize_context& ctx_;
  std::string& out_;
};

}  // namespace

bool serialize_rpc_v2_cbor(serialize_context& ctx, json::object const& params, http_request& req) {
  auto const& md = ctx.model.metadata;
  req.method = "POST";
  req.path.clear();
  req.path += "/service/";
  req.path += md.target_prefix;
  req.path += "/operation/";
  req.path += ctx.op.name;
  if (ctx.op.input != no_shape) {
    req.body.reserve(128);
    cbor_body_writer w(ctx, req.body);
    if (!w.structure(ctx.model.at(ctx.op.input), params)) return false;
  }
  req.headers.set("smithy-protocol", "rpc-v2-cbor");
  if (md.aws_query_compatible) req.headers.set("x-amzn-query-mode", "true");
  char const* media = ctx.op.has_event_stream_output(ctx.model) ? "application/vnd.amazon.eventstream"
                                                                 : "application/cbor";
  req.headers.set("Accept", media);
  if (!req.body.empty()) req.headers.set("Content-Type", media);
  return true;
}

}  // namespace awscoro::detail

#include "serialize/event_stream_encoder.hpp"

#include <boost/json/value.hpp>

#include "serialize/json_body_writer.hpp"
#include "serialize/serialize_context.hpp"
#include "util/crypto.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

namespace json = boost::json;

namespace {

void put_be(std::string& out, std::uint64_t v, std::size_t n) {
  for (std::size_t i = n; i-- > 0;) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool append_header(std::string& out, event_header const& h, std::string& error) {
  if (h.name.empty() || h.name.size() > 255) {
    error = "event stream: header name must be 1 to 255 bytes: '" + h.name.substr(0, 64) + "'";
    return false;
  }
  out += static_cast<char>(h.name.size());
  out += h.name;
  out += static_cast<char>(h.type);
  auto u = static_cast<std::uint64_t>(h.number);
  switch (h.type) {
    case event_header_type::bool_true:
    case event_header_type::bool_false: break;
    case event_header_type::byte: put_be(out, u, 1); break;
    case event_header_type::short_: put_be(out, u, 2); break;
    case event_header_type::integer: put_be(out, u, 4); break;
    case event_header_type::long_:
    case event_header_type::timestamp: put_be(out, u, 8); break;
    case event_header_type::byte_array:
    case event_header_type::string:
      if (h.bytes.size() > 0xffff) {
        error = "event stream: header " + h.name + " value exceeds 65535 bytes";
        return false;
      }
      put_be(out, h.bytes.size(), 2);
      out += h.bytes;
      break;
    case event_header_type::uuid:
      if (h.bytes.size() != 16) {
        error = "event stream: header " + h.name + " uuid must be 16 bytes";
        return false;
      }
      out += h.bytes;
      break;
  }
  return true;
}

event_header text_header(std::string name, std::string_view value) {
  event_header h;
  h.name = std::move(name);
  h.type = event_header_type::string;
  h.bytes.assign(value);
  return h;
}

// An eventheader member's value as a header of the matching wire type.
bool header_of(service_model const& model, member_ref const& m, json::value const& v, event_header& h,
               std::string& error) {
  h.name = m.name;
  auto const& t = model.target(m);
  switch (t.type) {
    case shape_type::boolean:
      if (!v.is_bool()) break;
      h.type = v.get_bool() ? event_header_type::bool_true : event_header_type::bool_false;
      return true;
    case shape_type::integer:
      if (!v.is_int64() && !v.is_uint64()) break;
      h.type = event_header_type::integer;
      h.number = v.to_number<std::int64_t>();
      return true;
    case shape_type::long_:
      if (!v.is_int64() && !v.is_uint64()) break;
      h.type = event_header_type::long_;
      h.number = v.to_number<std::int64_t>();
      return true;
    case shape_type::blob:
    case shape_type::string:
      if (!v.is_string()) break;
      h.type = t.type == shape_type::blob ? event_header_type::byte_array : event_header_type::string;
      h.bytes.assign(v.get_string());
      return true;
    case shape_type::timestamp: {
      auto ts = timestamp_from_json(v);
      if (!ts) break;
      h.type = event_header_type::timestamp;
      h.number = *ts / 1000;
      return true;
    }
    default: break;
  }
  error = "event stream: header member " + m.name + " has a value of the wrong type";
  return false;
}

bool json_body(service_model const& model, operation_model const& op, member_ref const* ref, shape const& s,
               json::object const& params, std::string& out, std::string& error) {
  if (model.protocol != "json" && model.protocol != "rest-json") {
    error = "event stream: structured event payloads are not supported for protocol " + model.protocol;
    return false;
  }
  serialize_context ctx{model, op};
  json_body_writer w(ctx, out);
  bool ok = ref ? w.write_value(*ref, json::value(params)) : w.write_structure(s, params, false);
  if (!ok) error = "event stream: " + ctx.error_path + ": " + ctx.error_detail;
  return ok;
}

}  // namespace

bool encode_event_frame(std::span<event_header const> headers, std::string_view payload, std::string& out,
                        std::string& error) {
  std::string block;
  for (auto const& h : headers)
    if (!append_header(block, h, error)) return false;
  if (block.size() > event_max_headers_length) {
    error = "event stream: headers exceed " + std::to_string(event_max_headers_length) + " bytes";
    return false;
  }
  if (payload.size() > event_max_payload_length) {
    error = "event stream: payload exceeds " + std::to_string(event_max_payload_length) + " bytes";
    return false;
  }
  auto start = out.size();
  std::size_t total = event_prelude_length + block.size() + payload.size() + 4;
  put_be(out, total, 4);
  put_be(out, block.size(), 4);
  put_be(out, crc32_of(std::string_view(out).substr(start, 8)), 4);
  out += block;
  out += payload;
  put_be(out, crc32_of(std::string_view(out).substr(start)), 4);
  return true;
}

bool encode_input_event(service_model const& model, operation_model const& op, shape_id stream_shape,
                        json::object const& event, std::string& out, std::string& error) {
  if (event.size() != 1 || !event.begin()->value().is_object()) {
    error = "event stream: an input event must be an object with exactly one member naming the event";
    return false;
  }
  auto const& stream = model.at(stream_shape);
  std::string_view name = event.begin()->key();
  int i = stream.find_member(name);
  if (i < 0) {
    error = "event stream: " + stream.name + " has no event named " + std::string(name);
    return false;
  }
  auto const& ev_shape = model.target(stream.members[static_cast<std::size_t>(i)]);
  auto const& params = event.begin()->value().get_object();

  std::vector<event_header> headers;
  headers.push_back(text_header(":message-type", "event"));
  headers.push_back(text_header(":event-type", name));
  std::string payload;
  std::string content_type;
  member_ref const* payload_member = nullptr;
  for (auto const& m : ev_shape.members)
    if (m.event_payload) payload_member = &m;
  for (auto const& m : ev_shape.members) {
    if (!m.event_header) continue;
    auto const* v = params.if_contains(m.name);
    if (!v) continue;
    event_header h;
    if (!header_of(model, m, *v, h, error)) return false;
    headers.push_back(std::move(h));
  }
  bool json_protocol = model.protocol == "json" || model.protocol == "rest-json";
  if (payload_member) {
    auto const& t = model.target(*payload_member);
    auto const* v = params.if_contains(payload_member->name);
    if (t.type == shape_type::blob || t.type == shape_type::string) {
      if (v && !v->is_string()) {
        error = "event stream: payload member " + payload_member->name + " must be a string";
        return false;
      }
      if (v) payload.assign(v->get_string());
      content_type = t.type == shape_type::blob ? "application/octet-stream" : "text/plain";
    } else if (v) {
      if (!v->is_object()) {
        error = "event stream: payload member " + payload_member->name + " must be an object";
        return false;
      }
      if (!json_body(model, op, payload_member, t, v->get_object(), payload, error)) return false;
      content_type = "application/json";
    }
  } else {
    json::object body;
    for (auto const& m : ev_shape.members)
      if (!m.event_header)
        if (auto const* v = params.if_contains(m.name)) body[m.name] = *v;
    if (!body.empty() || json_protocol) {
      if (!json_body(model, op, nullptr, ev_shape, body, payload, error)) return false;
      content_type = "application/json";
    }
  }
  if (!content_type.empty()) headers.insert(headers.begin() + 2, text_header(":content-type", content_type));
  return encode_event_frame(headers, payload, out, error);
}

}  // namespace awscoro::detail

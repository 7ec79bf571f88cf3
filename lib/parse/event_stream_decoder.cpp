#include "parse/event_stream_decoder.hpp"

#include <cstdio>

#include <boost/json/value.hpp>

#include "parse/json_body_reader.hpp"
#include "parse/value_builder.hpp"
#include "parse/xml_body_parser.hpp"
#include "util/crypto.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

namespace json = boost::json;

namespace {

std::uint32_t crc(std::string_view bytes) { return crc32_of(bytes); }

std::uint64_t be(std::string_view b, std::size_t at, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

std::string hex32(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// Reads the header block; false with `error` on a truncated or unknown header.
bool decode_headers(std::string_view b, std::vector<event_header>& out, std::string& error) {
  std::size_t i = 0;
  auto need = [&](std::size_t n) {
    if (b.size() - i >= n) return true;
    error = "event stream: truncated header block";
    return false;
  };
  while (i < b.size()) {
    event_header h;
    std::size_t name_len = static_cast<unsigned char>(b[i++]);
    if (name_len == 0) {
      error = "event stream: empty header name";
      return false;
    }
    if (!need(name_len + 1)) return false;
    h.name.assign(b.substr(i, name_len));
    i += name_len;
    auto t = static_cast<unsigned char>(b[i++]);
    if (t > 9) {
      error = "event stream: unknown header value type " + std::to_string(t) + " for header " + h.name;
      return false;
    }
    h.type = static_cast<event_header_type>(t);
    auto signed_of = [&](std::size_t n) {
      std::uint64_t u = be(b, i, n);
      // Sign-extend the n-byte two's-complement value.
      if (n < 8 && (u >> (8 * n - 1)) & 1) u |= ~std::uint64_t{0} << (8 * n);
      i += n;
      return static_cast<std::int64_t>(u);
    };
    switch (h.type) {
      case event_header_type::bool_true: h.number = 1; break;
      case event_header_type::bool_false: h.number = 0; break;
      case event_header_type::byte:
        if (!need(1)) return false;
        h.number = signed_of(1);
        break;
      case event_header_type::short_:
        if (!need(2)) return false;
        h.number = signed_of(2);
        break;
      case event_header_type::integer:
        if (!need(4)) return false;
        h.number = signed_of(4);
        break;
      case event_header_type::long_:
      case event_header_type::timestamp:
        if (!need(8)) return false;
        h.number = signed_of(8);
        break;
      case event_header_type::byte_array:
      case event_header_type::string: {
        if (!need(2)) return false;
        auto n = static_cast<std::size_t>(be(b, i, 2));
        i += 2;
        if (!need(n)) return false;
        h.bytes.assign(b.substr(i, n));
        i += n;
        break;
      }
      case event_header_type::uuid:
        if (!need(16)) return false;
        h.bytes.assign(b.substr(i, 16));
        i += 16;
        break;
    }
    out.push_back(std::move(h));
  }
  return true;
}

// Checks the prelude of a frame starting at `f` (12 bytes available); returns the total length.
bool check_prelude(std::string_view f, std::uint32_t& total, std::uint32_t& headers, std::string& error) {
  total = static_cast<std::uint32_t>(be(f, 0, 4));
  headers = static_cast<std::uint32_t>(be(f, 4, 4));
  auto expected = static_cast<std::uint32_t>(be(f, 8, 4));
  auto actual = crc(f.substr(0, 8));
  if (expected != actual) {
    error = "event stream: prelude CRC mismatch (expected " + hex32(expected) + ", computed " + hex32(actual) + ")";
    return false;
  }
  if (headers > event_max_headers_length) {
    error = "event stream: header length " + std::to_string(headers) + " exceeds " +
            std::to_string(event_max_headers_length);
    return false;
  }
  if (total < event_prelude_length + 4 + headers) {
    error = "event stream: total length " + std::to_string(total) + " too small for " + std::to_string(headers) +
            " bytes of headers";
    return false;
  }
  if (total - event_prelude_length - 4 - headers > event_max_payload_length) {
    error = "event stream: payload length exceeds " + std::to_string(event_max_payload_length);
    return false;
  }
  return true;
}

bool decode_checked_frame(std::string_view f, std::uint32_t headers_len, event_message& out, std::string& error) {
  auto expected = static_cast<std::uint32_t>(be(f, f.size() - 4, 4));
  auto actual = crc(f.substr(0, f.size() - 4));
  if (expected != actual) {
    error = "event stream: message CRC mismatch (expected " + hex32(expected) + ", computed " + hex32(actual) + ")";
    return false;
  }
  out.headers.clear();
  if (!decode_headers(f.substr(event_prelude_length, headers_len), out.headers, error)) return false;
  auto payload_at = event_prelude_length + headers_len;
  out.payload.assign(f.substr(payload_at, f.size() - 4 - payload_at));
  return true;
}

}  // namespace

json::value event_header::to_json() const {
  switch (type) {
    case event_header_type::bool_true:
    case event_header_type::bool_false: return json::value(number != 0);
    case event_header_type::byte_array:
    case event_header_type::string: return json::value(json::string_view(bytes));
    case event_header_type::uuid: {
      static constexpr char digits[] = "0123456789abcdef";
      std::string s;
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        auto c = static_cast<unsigned char>(bytes[i]);
        s += digits[c >> 4];
        s += digits[c & 15];
      }
      return json::value(json::string_view(s));
    }
    default: return json::value(number);
  }
}

event_header const* event_message::find(std::string_view name) const {
  for (auto const& h : headers)
    if (h.name == name) return &h;
  return nullptr;
}

std::string_view event_message::header_text(std::string_view name) const {
  auto const* h = find(name);
  if (!h || (h->type != event_header_type::string && h->type != event_header_type::byte_array)) return {};
  return h->bytes;
}

void event_stream_decoder::feed(std::string_view bytes) {
  if (failed_) return;
  // Drop what was consumed before growing, so the buffer holds at most one partial frame plus
  // the new piece.
  if (consumed_ > 0) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  buffer_.append(bytes);
}

event_stream_decoder::status event_stream_decoder::fail(std::string msg) {
  failed_ = true;
  error_ = std::move(msg);
  return status::error;
}

event_stream_decoder::status event_stream_decoder::next(event_message& out) {
  if (failed_) return status::error;
  std::string_view rest = std::string_view(buffer_).substr(consumed_);
  if (rest.size() < event_prelude_length) return status::need_more;
  std::uint32_t total = 0, headers = 0;
  std::string why;
  // The prelude is checked as soon as it arrives, so a corrupt length never makes the decoder
  // wait for (or buffer) bytes that will not come.
  if (!check_prelude(rest, total, headers, why)) return fail(std::move(why));
  if (rest.size() < total) return status::need_more;
  if (!decode_checked_frame(rest.substr(0, total), headers, out, why)) return fail(std::move(why));
  consumed_ += total;
  return status::message;
}

bool decode_event_frame(std::string_view frame, event_message& out, std::string& error) {
  if (frame.size() < event_prelude_length + 4) {
    error = "event stream: frame of " + std::to_string(frame.size()) + " bytes is shorter than 16";
    return false;
  }
  std::uint32_t total = 0, headers = 0;
  if (!check_prelude(frame, total, headers, error)) return false;
  if (total != frame.size()) {
    error = "event stream: frame length " + std::to_string(frame.size()) + " differs from its prelude's " +
            std::to_string(total);
    return false;
  }
  return decode_checked_frame(frame, headers, out, error);
}

bool parse_event_payload(service_model const& model, shape_id shape, std::string_view payload, json::object& out,
                         std::string& error) {
  static parse_options const options{};
  out.clear();
  if (payload.empty()) return true;
  json::value v;
  auto const& p = model.protocol;
  if (p == "rest-xml" || p == "query" || p == "ec2") {
    xml_parse_spec spec;
    spec.root = shape;
    xml_body_parser x(model, options, spec);
    if (!x.feed(payload, true)) {
      error = x.error();
      return false;
    }
    v = std::move(x.result());
  } else if (p == "smithy-rpc-v2-cbor") {
    value_builder b(model, options, value_builder::flavor::cbor, shape);
    cbor_body_reader r(b);
    if (!r.feed(payload, true)) {
      error = r.error();
      return false;
    }
    v = std::move(b.result());
  } else {
    value_builder b(model, options, p == "json" ? value_builder::flavor::json : value_builder::flavor::rest_json,
                    shape);
    json_body_reader r(b);
    if (!r.feed(payload, true)) {
      error = r.error();
      return false;
    }
    v = std::move(b.result());
  }
  if (v.is_object()) out = std::move(v.get_object());
  return true;
}

namespace {

// An event structure: eventheader members from headers, then the eventpayload member (raw
// bytes, text or a parsed body), or, with none, the whole payload as the structure's body.
bool parse_event_structure(service_model const& model, shape_id id, event_message const& msg, json::object& out,
                           std::string& error) {
  auto const& s = model.at(id);
  for (auto const& m : s.members) {
    if (!m.event_header) continue;
    auto const* h = msg.find(m.name);
    if (!h) continue;
    if (model.target(m).type == shape_type::timestamp) {
      // Header timestamps are epoch milliseconds.
      out[m.name] = format_iso8601(h->number * 1000);
    } else {
      out[m.name] = h->to_json();
    }
  }
  for (auto const& m : s.members) {
    if (!m.event_payload) continue;
    auto const& t = model.target(m);
    if (t.type == shape_type::blob || t.type == shape_type::string) {
      out[m.name] = json::string(msg.payload);
      return true;
    }
    json::object body;
    if (!parse_event_payload(model, m.target, msg.payload, body, error)) return false;
    out[m.name] = std::move(body);
    return true;
  }
  json::object body;
  if (!parse_event_payload(model, id, msg.payload, body, error)) return false;
  for (auto& [k, v] : body) out.insert_or_assign(k, std::move(v));
  return true;
}

}  // namespace

bool parse_event_message(service_model const& model, shape_id stream_shape, event_message const& msg,
                         parsed_event& out, std::string& error) {
  out = parsed_event{};
  auto const& stream = model.at(stream_shape);
  auto message_type = msg.header_text(":message-type");
  if (message_type == "event" || message_type.empty()) {
    out.kind = parsed_event::kind_t::event;
    out.event_type = std::string(msg.header_text(":event-type"));
    int i = stream.find_member(out.event_type);
    if (i < 0) return true;  // an event this model does not know: botocore yields {}
    json::object ev;
    if (!parse_event_structure(model, stream.members[static_cast<std::size_t>(i)].target, msg, ev, error))
      return false;
    out.value[out.event_type] = std::move(ev);
    return true;
  }
  json::object err;
  if (message_type == "exception") {
    out.kind = parsed_event::kind_t::exception;
    out.event_type = std::string(msg.header_text(":exception-type"));
    int i = stream.find_member(out.event_type);
    json::object body;
    if (i >= 0) {
      auto const& m = stream.members[static_cast<std::size_t>(i)];
      if (!parse_event_payload(model, m.target, msg.payload, body, error)) return false;
    }
    std::string message;
    if (auto const* v = body.if_contains("Message"); v && v->is_string()) message = v->get_string();
    else if (auto const* w = body.if_contains("message"); w && w->is_string()) message = w->get_string();
    err["Code"] = out.event_type;
    err["Message"] = message;
    out.value["Error"] = std::move(err);
    if (i >= 0) out.value[out.event_type] = std::move(body);
    return true;
  }
  if (message_type == "error") {
    out.kind = parsed_event::kind_t::error;
    out.event_type = std::string(msg.header_text(":error-code"));
    err["Code"] = out.event_type;
    err["Message"] = std::string(msg.header_text(":error-message"));
    out.value["Error"] = std::move(err);
    return true;
  }
  out.kind = parsed_event::kind_t::unknown;
  return true;
}

}  // namespace awscoro::detail

#include "model/service_model_codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "util/binary_codec.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// Smallest encoding of one item, for bounding counts read from the file.
constexpr std::size_t min_string_bytes = 4;
constexpr std::size_t min_member_bytes = 40;
constexpr std::size_t min_shape_bytes = 60;
constexpr std::size_t min_operation_bytes = 60;

void put_strings(binary_writer& out, std::vector<std::string> const& v) {
  out.u32(static_cast<std::uint32_t>(v.size()));
  for (auto const& s : v) out.str(s);
}

std::vector<std::string> get_strings(binary_reader& in) {
  std::vector<std::string> v(in.count(min_string_bytes));
  for (auto& s : v) s = in.str();
  return v;
}

void put_optional(binary_writer& out, std::optional<double> v) {
  out.boolean(v.has_value());
  if (v) out.f64(*v);
}

std::optional<double> get_optional(binary_reader& in) {
  if (!in.boolean()) return std::nullopt;
  return in.f64();
}

// The few JSON-valued operation fields stay JSON: they are small and read rarely.
void put_object(binary_writer& out, json::object const& o) { out.str(o.empty() ? std::string() : json::serialize(o)); }

json::object get_object(binary_reader& in) {
  auto text = in.str();
  if (text.empty() || !in.ok()) return {};
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    in.fail();
    return {};
  }
  return std::move(v.get_object());
}

template <class Enum>
Enum get_enum(binary_reader& in, Enum last) {
  auto v = in.u8();
  if (v > static_cast<std::uint8_t>(last)) in.fail();
  return static_cast<Enum>(v);
}

void put_member(binary_writer& out, member_ref const& m) {
  out.str(m.name);
  out.u32(m.target);
  out.u8(static_cast<std::uint8_t>(m.location));
  out.str(m.location_name);
  out.str(m.query_name);
  out.str(m.xml_namespace_uri);
  out.str(m.xml_namespace_prefix);
  out.str(m.timestamp_format);
  out.str(m.context_param);
  out.u8(m.flattened ? (*m.flattened ? 2 : 1) : 0);
  for (bool b : {m.xml_attribute, m.json_value, m.host_label, m.idempotency_token, m.streaming, m.event_payload,
                 m.event_header, m.required, m.deprecated})
    out.boolean(b);
}

void get_member(binary_reader& in, member_ref& m) {
  m.name = in.str();
  m.target = in.u32();
  m.location = get_enum(in, member_location::status_code);
  m.location_name = in.str();
  m.query_name = in.str();
  m.xml_namespace_uri = in.str();
  m.xml_namespace_prefix = in.str();
  m.timestamp_format = in.str();
  m.context_param = in.str();
  switch (in.u8()) {
    case 0: m.flattened.reset(); break;
    case 1: m.flattened = false; break;
    case 2: m.flattened = true; break;
    default: in.fail();
  }
  for (bool* b : {&m.xml_attribute, &m.json_value, &m.host_label, &m.idempotency_token, &m.streaming,
                  &m.event_payload, &m.event_header, &m.required, &m.deprecated})
    *b = in.boolean();
}

void put_shape(binary_writer& out, shape const& s) {
  out.str(s.name);
  out.u8(static_cast<std::uint8_t>(s.type));
  out.u32(static_cast<std::uint32_t>(s.members.size()));
  for (auto const& m : s.members) put_member(out, m);
  put_member(out, s.member);
  put_member(out, s.key);
  put_member(out, s.value);
  put_strings(out, s.enum_values);
  put_optional(out, s.min);
  put_optional(out, s.max);
  out.str(s.pattern);
  out.str(s.payload);
  out.i32(s.payload_index);
  out.str(s.location_name);
  out.str(s.xml_namespace_uri);
  out.str(s.xml_namespace_prefix);
  out.str(s.timestamp_format);
  out.str(s.error_code);
  out.i32(s.error_http_status);
  for (bool b : {s.error_sender_fault, s.flattened, s.streaming, s.requires_length, s.exception, s.fault,
                 s.event_stream, s.event, s.union_, s.document, s.sensitive, s.json_value, s.retryable,
                 s.retryable_throttling})
    out.boolean(b);
}

void get_shape(binary_reader& in, shape& s) {
  s.name = in.str();
  s.type = get_enum(in, shape_type::biginteger);
  s.members.resize(in.count(min_member_bytes));
  for (auto& m : s.members) get_member(in, m);
  get_member(in, s.member);
  get_member(in, s.key);
  get_member(in, s.value);
  s.enum_values = get_strings(in);
  s.min = get_optional(in);
  s.max = get_optional(in);
  s.pattern = in.str();
  s.payload = in.str();
  s.payload_index = in.i32();
  s.location_name = in.str();
  s.xml_namespace_uri = in.str();
  s.xml_namespace_prefix = in.str();
  s.timestamp_format = in.str();
  s.error_code = in.str();
  s.error_http_status = in.i32();
  for (bool* b : {&s.error_sender_fault, &s.flattened, &s.streaming, &s.requires_length, &s.exception, &s.fault,
                  &s.event_stream, &s.event, &s.union_, &s.document, &s.sensitive, &s.json_value, &s.retryable,
                  &s.retryable_throttling})
    *b = in.boolean();
}

void put_operation(binary_writer& out, operation_model const& op) {
  for (auto const* s : {&op.name, &op.wire_name, &op.http_method, &op.request_uri, &op.auth_path}) out.str(*s);
  out.i32(op.response_code);
  out.u32(op.input);
  out.u32(op.output);
  out.str(op.input_location_name);
  out.str(op.input_xml_namespace_uri);
  out.str(op.output_result_wrapper);
  out.u32(static_cast<std::uint32_t>(op.errors.size()));
  for (auto e : op.errors) out.u32(e);
  out.str(op.host_prefix);
  out.str(op.auth_type);
  put_strings(out, op.auth);
  for (bool b : {op.http_checksum_required, op.deprecated, op.unsigned_payload, op.endpoint_discovery,
                 op.endpoint_discovery_required, op.endpoint_operation})
    out.boolean(b);
  put_strings(out, op.request_compression);
  for (auto const* o : {&op.http_checksum, &op.static_context_params, &op.operation_context_params, &op.raw_extra})
    put_object(out, *o);
}

void get_operation(binary_reader& in, operation_model& op) {
  for (auto* s : {&op.name, &op.wire_name, &op.http_method, &op.request_uri, &op.auth_path}) *s = in.str();
  op.response_code = in.i32();
  op.input = in.u32();
  op.output = in.u32();
  op.input_location_name = in.str();
  op.input_xml_namespace_uri = in.str();
  op.output_result_wrapper = in.str();
  op.errors.resize(in.count(sizeof(shape_id)));
  for (auto& e : op.errors) e = in.u32();
  op.host_prefix = in.str();
  op.auth_type = in.str();
  op.auth = get_strings(in);
  for (bool* b : {&op.http_checksum_required, &op.deprecated, &op.unsigned_payload, &op.endpoint_discovery,
                  &op.endpoint_discovery_required, &op.endpoint_operation})
    *b = in.boolean();
  op.request_compression = get_strings(in);
  for (auto* o : {&op.http_checksum, &op.static_context_params, &op.operation_context_params, &op.raw_extra})
    *o = get_object(in);
}

void put_metadata(binary_writer& out, service_metadata const& md) {
  for (auto const* s : {&md.api_version, &md.endpoint_prefix, &md.signing_name, &md.service_id, &md.service_full_name,
                        &md.protocol, &md.json_version, &md.target_prefix, &md.signature_version,
                        &md.global_endpoint, &md.uid, &md.xml_namespace, &md.checksum_format})
    out.str(*s);
  put_strings(out, md.protocols);
  put_strings(out, md.auth);
  out.boolean(md.aws_query_compatible);
  put_strings(out, md.client_context_params);
}

void get_metadata(binary_reader& in, service_metadata& md) {
  for (auto* s : {&md.api_version, &md.endpoint_prefix, &md.signing_name, &md.service_id, &md.service_full_name,
                  &md.protocol, &md.json_version, &md.target_prefix, &md.signature_version, &md.global_endpoint,
                  &md.uid, &md.xml_namespace, &md.checksum_format})
    *s = in.str();
  md.protocols = get_strings(in);
  md.auth = get_strings(in);
  md.aws_query_compatible = in.boolean();
  md.client_context_params = get_strings(in);
}

// Every index the runtime follows without checking must point inside the model.
bool indexes_valid(service_model const& m) {
  auto const n = m.shapes.size();
  auto in_range = [n](shape_id id) { return id < n; };
  auto optional = [n](shape_id id) { return id == no_shape || id < n; };
  for (auto const& s : m.shapes) {
    for (auto const& mem : s.members)
      if (!in_range(mem.target)) return false;
    if (s.payload_index < -1 || s.payload_index >= static_cast<int>(s.members.size())) return false;
    if (s.type == shape_type::list && !in_range(s.member.target)) return false;
    if (s.type == shape_type::map && (!in_range(s.key.target) || !in_range(s.value.target))) return false;
    if (!optional(s.member.target) || !optional(s.key.target) || !optional(s.value.target)) return false;
  }
  for (auto const& op : m.operations) {
    if (!optional(op.input) || !optional(op.output)) return false;
    for (auto e : op.errors)
      if (!in_range(e)) return false;
  }
  return true;
}

}  // namespace

std::string encode_service_model(service_model const& model) {
  binary_writer out;
  out.u32(service_model_format_version);
  out.str(model.service_name);
  out.str(model.protocol);
  put_metadata(out, model.metadata);
  out.u32(static_cast<std::uint32_t>(model.shapes.size()));
  for (auto const& s : model.shapes) put_shape(out, s);
  out.u32(static_cast<std::uint32_t>(model.operations.size()));
  for (auto const& op : model.operations) put_operation(out, op);
  return out.take();
}

std::shared_ptr<service_model const> decode_service_model(std::string_view bytes) {
  binary_reader in(bytes);
  if (in.u32() != service_model_format_version) return nullptr;
  auto m = std::make_shared<service_model>();
  m->service_name = in.str();
  m->protocol = in.str();
  get_metadata(in, m->metadata);
  m->shapes.resize(in.count(min_shape_bytes));
  for (auto& s : m->shapes) get_shape(in, s);
  m->operations.resize(in.count(min_operation_bytes));
  for (auto& op : m->operations) get_operation(in, op);
  if (!in.ok() || !in.at_end() || !indexes_valid(*m)) return nullptr;
  m->rebuild_indexes();
  return m;
}

}  // namespace awscoro::detail

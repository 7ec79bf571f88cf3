#include "compiled_equality.hpp"

#include <boost/json/serialize.hpp>

#include <sstream>

namespace awscoro::detail::testing {

namespace {

// Collects the first difference; later comparisons are skipped once one is found.
class differ {
 public:
  template <class T>
  void field(std::string const& where, T const& a, T const& b) {
    if (!found_.empty() || a == b) return;
    std::ostringstream s;
    s << where << ": ";
    describe(s, a);
    s << " != ";
    describe(s, b);
    found_ = s.str();
  }
  void size(std::string const& where, std::size_t a, std::size_t b) { field(where + " size", a, b); }
  bool done() const { return !found_.empty(); }
  std::string result() const { return found_; }

 private:
  template <class T>
  static void describe(std::ostringstream& s, T const& v) {
    if constexpr (requires { s << v; })
      s << v;
    else if constexpr (requires { boost::json::serialize(v); })
      s << boost::json::serialize(v);
    else
      s << "(value)";
  }
  std::string found_;
};

void compare(differ& d, std::string const& at, member_ref const& a, member_ref const& b) {
  d.field(at + ".name", a.name, b.name);
  d.field(at + ".target", a.target, b.target);
  d.field(at + ".location", static_cast<int>(a.location), static_cast<int>(b.location));
  d.field(at + ".location_name", a.location_name, b.location_name);
  d.field(at + ".query_name", a.query_name, b.query_name);
  d.field(at + ".xml_namespace_uri", a.xml_namespace_uri, b.xml_namespace_uri);
  d.field(at + ".xml_namespace_prefix", a.xml_namespace_prefix, b.xml_namespace_prefix);
  d.field(at + ".timestamp_format", a.timestamp_format, b.timestamp_format);
  d.field(at + ".context_param", a.context_param, b.context_param);
  d.field(at + ".flattened set", a.flattened.has_value(), b.flattened.has_value());
  d.field(at + ".flattened", a.flattened.value_or(false), b.flattened.value_or(false));
  d.field(at + ".xml_attribute", a.xml_attribute, b.xml_attribute);
  d.field(at + ".json_value", a.json_value, b.json_value);
  d.field(at + ".host_label", a.host_label, b.host_label);
  d.field(at + ".idempotency_token", a.idempotency_token, b.idempotency_token);
  d.field(at + ".streaming", a.streaming, b.streaming);
  d.field(at + ".event_payload", a.event_payload, b.event_payload);
  d.field(at + ".event_header", a.event_header, b.event_header);
  d.field(at + ".required", a.required, b.required);
  d.field(at + ".deprecated", a.deprecated, b.deprecated);
}

void compare(differ& d, std::string const& at, shape const& a, shape const& b) {
  d.field(at + ".name", a.name, b.name);
  d.field(at + ".type", static_cast<int>(a.type), static_cast<int>(b.type));
  d.size(at + ".members", a.members.size(), b.members.size());
  for (std::size_t i = 0; i < a.members.size() && !d.done(); ++i)
    compare(d, at + ".members[" + std::to_string(i) + "]", a.members[i], b.members[i]);
  compare(d, at + ".member", a.member, b.member);
  compare(d, at + ".key", a.key, b.key);
  compare(d, at + ".value", a.value, b.value);
  d.field(at + ".enum_values", a.enum_values.size(), b.enum_values.size());
  for (std::size_t i = 0; i < a.enum_values.size() && !d.done(); ++i)
    d.field(at + ".enum_values[" + std::to_string(i) + "]", a.enum_values[i], b.enum_values[i]);
  d.field(at + ".min set", a.min.has_value(), b.min.has_value());
  d.field(at + ".min", a.min.value_or(0), b.min.value_or(0));
  d.field(at + ".max set", a.max.has_value(), b.max.has_value());
  d.field(at + ".max", a.max.value_or(0), b.max.value_or(0));
  d.field(at + ".pattern", a.pattern, b.pattern);
  d.field(at + ".payload", a.payload, b.payload);
  d.field(at + ".payload_index", a.payload_index, b.payload_index);
  d.field(at + ".location_name", a.location_name, b.location_name);
  d.field(at + ".xml_namespace_uri", a.xml_namespace_uri, b.xml_namespace_uri);
  d.field(at + ".xml_namespace_prefix", a.xml_namespace_prefix, b.xml_namespace_prefix);
  d.field(at + ".timestamp_format", a.timestamp_format, b.timestamp_format);
  d.field(at + ".error_code", a.error_code, b.error_code);
  d.field(at + ".error_http_status", a.error_http_status, b.error_http_status);
  d.field(at + ".error_sender_fault", a.error_sender_fault, b.error_sender_fault);
  d.field(at + ".flattened", a.flattened, b.flattened);
  d.field(at + ".streaming", a.streaming, b.streaming);
  d.field(at + ".requires_length", a.requires_length, b.requires_length);
  d.field(at + ".exception", a.exception, b.exception);
  d.field(at + ".fault", a.fault, b.fault);
  d.field(at + ".event_stream", a.event_stream, b.event_stream);
  d.field(at + ".event", a.event, b.event);
  d.field(at + ".union_", a.union_, b.union_);
  d.field(at + ".document", a.document, b.document);
  d.field(at + ".sensitive", a.sensitive, b.sensitive);
  d.field(at + ".json_value", a.json_value, b.json_value);
  d.field(at + ".retryable", a.retryable, b.retryable);
  d.field(at + ".retryable_throttling", a.retryable_throttling, b.retryable_throttling);
}

void compare(differ& d, std::string const& at, operation_model const& a, operation_model const& b) {
  d.field(at + ".name", a.name, b.name);
  d.field(at + ".wire_name", a.wire_name, b.wire_name);
  d.field(at + ".http_method", a.http_method, b.http_method);
  d.field(at + ".request_uri", a.request_uri, b.request_uri);
  d.field(at + ".auth_path", a.auth_path, b.auth_path);
  d.field(at + ".response_code", a.response_code, b.response_code);
  d.field(at + ".input", a.input, b.input);
  d.field(at + ".output", a.output, b.output);
  d.field(at + ".input_location_name", a.input_location_name, b.input_location_name);
  d.field(at + ".input_xml_namespace_uri", a.input_xml_namespace_uri, b.input_xml_namespace_uri);
  d.field(at + ".output_result_wrapper", a.output_result_wrapper, b.output_result_wrapper);
  d.field(at + ".errors", a.errors == b.errors, true);
  d.field(at + ".host_prefix", a.host_prefix, b.host_prefix);
  d.field(at + ".auth_type", a.auth_type, b.auth_type);
  d.field(at + ".auth", a.auth == b.auth, true);
  d.field(at + ".http_checksum_required", a.http_checksum_required, b.http_checksum_required);
  d.field(at + ".deprecated", a.deprecated, b.deprecated);
  d.field(at + ".unsigned_payload", a.unsigned_payload, b.unsigned_payload);
  d.field(at + ".endpoint_discovery", a.endpoint_discovery, b.endpoint_discovery);
  d.field(at + ".endpoint_discovery_required", a.endpoint_discovery_required, b.endpoint_discovery_required);
  d.field(at + ".endpoint_operation", a.endpoint_operation, b.endpoint_operation);
  d.field(at + ".request_compression", a.request_compression == b.request_compression, true);
  d.field(at + ".http_checksum", a.http_checksum, b.http_checksum);
  d.field(at + ".static_context_params", a.static_context_params, b.static_context_params);
  d.field(at + ".operation_context_params", a.operation_context_params, b.operation_context_params);
  d.field(at + ".raw_extra", a.raw_extra, b.raw_extra);
}

void compare(differ& d, std::string const& at, rule_value const& a, rule_value const& b) {
  d.field(at + " kind", static_cast<int>(a.type), static_cast<int>(b.type));
  if (d.done()) return;
  switch (a.type) {
    case rule_value::kind::none: break;
    case rule_value::kind::boolean: d.field(at, a.boolean, b.boolean); break;
    case rule_value::kind::integer: d.field(at, a.integer, b.integer); break;
    case rule_value::kind::string: d.field(at, a.string, b.string); break;
    case rule_value::kind::array:
      d.size(at, a.count, b.count);
      for (std::uint32_t i = 0; i < a.count && !d.done(); ++i)
        compare(d, at + "[" + std::to_string(i) + "]", a.items[i], b.items[i]);
      break;
    case rule_value::kind::object:
      d.size(at, a.count, b.count);
      for (std::uint32_t i = 0; i < a.count && !d.done(); ++i) {
        d.field(at + " key " + std::to_string(i), a.fields[i].key, b.fields[i].key);
        compare(d, at + "." + std::string(a.fields[i].key), a.fields[i].value, b.fields[i].value);
      }
      break;
  }
}

void compare(differ& d, std::string const& at, rule_expr const& a, rule_expr const& b) {
  d.field(at + ".type", static_cast<int>(a.type), static_cast<int>(b.type));
  d.field(at + ".index", a.index, b.index);
  compare(d, at + ".literal", a.literal, b.literal);
}

void compare(differ& d, std::string const& at, property_node const& a, property_node const& b) {
  d.field(at + ".type", static_cast<int>(a.type), static_cast<int>(b.type));
  d.field(at + ".literal", a.literal, b.literal);
  d.field(at + ".templ", a.templ, b.templ);
  d.field(at + ".keys", a.keys == b.keys, true);
  d.size(at + ".items", a.items.size(), b.items.size());
  for (std::size_t i = 0; i < a.items.size() && !d.done(); ++i)
    compare(d, at + "[" + std::to_string(i) + "]", a.items[i], b.items[i]);
}

// Compares two arrays item by item with `each(differ&, where, a, b)`.
template <class T, class F>
void compare_all(differ& d, std::string const& at, std::vector<T> const& a, std::vector<T> const& b, F each) {
  d.size(at, a.size(), b.size());
  for (std::size_t i = 0; i < a.size() && !d.done(); ++i) each(d, at + "[" + std::to_string(i) + "]", a[i], b[i]);
}

}  // namespace

std::string service_model_difference(service_model const& a, service_model const& b) {
  differ d;
  d.field("service_name", a.service_name, b.service_name);
  d.field("protocol", a.protocol, b.protocol);
  auto const& x = a.metadata;
  auto const& y = b.metadata;
  d.field("api_version", x.api_version, y.api_version);
  d.field("endpoint_prefix", x.endpoint_prefix, y.endpoint_prefix);
  d.field("signing_name", x.signing_name, y.signing_name);
  d.field("service_id", x.service_id, y.service_id);
  d.field("service_full_name", x.service_full_name, y.service_full_name);
  d.field("metadata.protocol", x.protocol, y.protocol);
  d.field("protocols", x.protocols == y.protocols, true);
  d.field("json_version", x.json_version, y.json_version);
  d.field("target_prefix", x.target_prefix, y.target_prefix);
  d.field("signature_version", x.signature_version, y.signature_version);
  d.field("metadata.auth", x.auth == y.auth, true);
  d.field("global_endpoint", x.global_endpoint, y.global_endpoint);
  d.field("uid", x.uid, y.uid);
  d.field("xml_namespace", x.xml_namespace, y.xml_namespace);
  d.field("checksum_format", x.checksum_format, y.checksum_format);
  d.field("aws_query_compatible", x.aws_query_compatible, y.aws_query_compatible);
  d.field("client_context_params", x.client_context_params == y.client_context_params, true);
  compare_all(d, "shapes", a.shapes, b.shapes, [](differ& dd, std::string const& at, auto const& p, auto const& q) {
    compare(dd, at + " " + p.name, p, q);
  });
  compare_all(d, "operations", a.operations, b.operations,
              [](differ& dd, std::string const& at, auto const& p, auto const& q) { compare(dd, at + " " + p.name, p, q); });
  // The lookups rebuilt after decoding must answer like the compiled ones.
  for (auto const& s : a.shapes) d.field("find_shape " + s.name, a.find_shape(s.name), b.find_shape(s.name));
  for (auto const& op : a.operations)
    d.field("find_operation " + op.name, a.find_operation(op.name) - a.operations.data(),
            b.find_operation(op.name) - b.operations.data());
  return d.result();
}

std::string rule_set_difference(rule_set const& a, rule_set const& b) {
  differ d;
  d.field("version", a.version(), b.version());
  d.field("slot_count", a.slot_count(), b.slot_count());
  d.field("top_rule_count", a.top_rule_count(), b.top_rule_count());
  compare_all(d, "parameters", a.parameters(), b.parameters(),
              [](differ& dd, std::string const& at, rule_parameter const& p, rule_parameter const& q) {
                dd.field(at + ".name", p.name, q.name);
                dd.field(at + ".type", static_cast<int>(p.type), static_cast<int>(q.type));
                dd.field(at + ".built_in", p.built_in, q.built_in);
                dd.field(at + ".required", p.required, q.required);
                dd.field(at + ".deprecated", p.deprecated, q.deprecated);
                compare(dd, at + ".default", p.default_value, q.default_value);
              });
  compare_all(d, "rules", a.rules(), b.rules(), [](differ& dd, std::string const& at, rule_node const& p, rule_node const& q) {
    dd.field(at + ".type", static_cast<int>(p.type), static_cast<int>(q.type));
    dd.field(at + ".first_condition", p.first_condition, q.first_condition);
    dd.field(at + ".condition_count", p.condition_count, q.condition_count);
    dd.field(at + ".first_child", p.first_child, q.first_child);
    dd.field(at + ".child_count", p.child_count, q.child_count);
    dd.field(at + ".payload", p.payload, q.payload);
  });
  d.field("conditions", a.conditions() == b.conditions(), true);
  compare_all(d, "calls", a.calls(), b.calls(), [](differ& dd, std::string const& at, rule_call const& p, rule_call const& q) {
    dd.field(at + ".fn", static_cast<int>(p.fn), static_cast<int>(q.fn));
    dd.field(at + ".fast", static_cast<int>(p.fast), static_cast<int>(q.fast));
    dd.field(at + ".fast_bool", p.fast_bool, q.fast_bool);
    dd.field(at + ".fast_slot", p.fast_slot, q.fast_slot);
    dd.field(at + ".first_arg", p.first_arg, q.first_arg);
    dd.field(at + ".arg_count", p.arg_count, q.arg_count);
    dd.field(at + ".assign", p.assign, q.assign);
    dd.field(at + ".first_step", p.first_step, q.first_step);
    dd.field(at + ".step_count", p.step_count, q.step_count);
  });
  compare_all(d, "exprs", a.exprs(), b.exprs(), [](differ& dd, std::string const& at, rule_expr const& p, rule_expr const& q) {
    compare(dd, at, p, q);
  });
  compare_all(d, "steps", a.steps(), b.steps(), [](differ& dd, std::string const& at, attr_step const& p, attr_step const& q) {
    dd.field(at + ".key", p.key, q.key);
    dd.field(at + ".index", p.index, q.index);
  });
  compare_all(d, "template_parts", a.template_parts(), b.template_parts(),
              [](differ& dd, std::string const& at, template_part const& p, template_part const& q) {
                dd.field(at + ".literal", p.literal, q.literal);
                dd.field(at + ".slot", p.slot, q.slot);
                dd.field(at + ".first_step", p.first_step, q.first_step);
                dd.field(at + ".step_count", p.step_count, q.step_count);
              });
  compare_all(d, "templates", a.templates(), b.templates(),
              [](differ& dd, std::string const& at, rule_template const& p, rule_template const& q) {
                dd.field(at + ".first_part", p.first_part, q.first_part);
                dd.field(at + ".part_count", p.part_count, q.part_count);
              });
  compare_all(d, "endpoints", a.endpoints(), b.endpoints(),
              [](differ& dd, std::string const& at, rule_endpoint const& p, rule_endpoint const& q) {
                compare(dd, at + ".url", p.url, q.url);
                dd.size(at + ".headers", p.headers.size(), q.headers.size());
                for (std::size_t i = 0; i < p.headers.size() && !dd.done(); ++i) {
                  auto const where = at + ".headers[" + std::to_string(i) + "]";
                  dd.field(where + ".name", p.headers[i].first, q.headers[i].first);
                  compare_all(dd, where, p.headers[i].second, q.headers[i].second,
                              [](differ& d3, std::string const& w, rule_expr const& x, rule_expr const& y) {
                                compare(d3, w, x, y);
                              });
                }
                compare(dd, at + ".properties", p.properties, q.properties);
              });
  return d.result();
}

}  // namespace awscoro::detail::testing

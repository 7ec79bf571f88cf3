#include "model/service_model.hpp"

#include <algorithm>
#include <array>

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// botocore's preference when a model lists several protocols (utils.py's
// PRIORITY_ORDERED_SUPPORTED_PROTOCOLS): a fixed order, not the model's list order.
constexpr std::array<std::string_view, 6> protocol_priority = {"json",  "rest-json", "rest-xml",
                                                              "smithy-rpc-v2-cbor", "query", "ec2"};

std::string get_string(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_string()) return std::string(v->get_string());
  return {};
}

bool get_bool(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_bool()) return v->get_bool();
  return false;
}

std::optional<double> get_number(json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  if (v->is_double()) return v->get_double();
  return std::nullopt;
}

json::object get_object(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_object()) return v->get_object();
  return {};
}

std::vector<std::string> get_strings(json::object const& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto const* v = o.if_contains(key); v && v->is_array())
    for (auto const& e : v->get_array())
      if (e.is_string()) out.emplace_back(e.get_string());
  return out;
}

std::optional<shape_type> parse_type(std::string_view t) {
  static constexpr std::pair<std::string_view, shape_type> table[] = {
      {"structure", shape_type::structure}, {"list", shape_type::list},
      {"map", shape_type::map},             {"string", shape_type::string},
      {"integer", shape_type::integer},     {"long", shape_type::long_},
      {"float", shape_type::float_},        {"double", shape_type::double_},
      {"boolean", shape_type::boolean},     {"blob", shape_type::blob},
      {"timestamp", shape_type::timestamp}, {"bigdecimal", shape_type::bigdecimal},
      {"biginteger", shape_type::biginteger}, {"byte", shape_type::integer},
      {"short", shape_type::integer},       {"character", shape_type::string},
  };
  for (auto const& [name, type] : table)
    if (name == t) return type;
  return std::nullopt;
}

member_location parse_location(std::string_view l) {
  if (l == "header") return member_location::header;
  if (l == "headers") return member_location::headers;
  if (l == "querystring") return member_location::querystring;
  if (l == "uri") return member_location::uri;
  if (l == "statusCode") return member_location::status_code;
  return member_location::body;
}

class compiler {
 public:
  compiler(service_model& m, std::string* err) : m_(m), err_(err) {}

  bool fail(std::string msg) {
    if (err_) *err_ = std::move(msg);
    return false;
  }

  bool resolve(json::object const& ref, std::string const& context, shape_id& out) {
    auto name = get_string(ref, "shape");
    if (name.empty()) return fail(context + ": reference without a \"shape\"");
    out = m_.find_shape(name);
    if (out == no_shape) return fail(context + ": unknown shape \"" + name + "\"");
    return true;
  }

  bool member(json::object const& ref, std::string name, std::string const& context, member_ref& out) {
    out.name = std::move(name);
    if (!resolve(ref, context, out.target)) return false;
    out.location = parse_location(get_string(ref, "location"));
    out.location_name = get_string(ref, "locationName");
    out.query_name = get_string(ref, "queryName");
    if (auto const* ns = ref.if_contains("xmlNamespace")) {
      if (ns->is_object()) {
        out.xml_namespace_uri = get_string(ns->get_object(), "uri");
        out.xml_namespace_prefix = get_string(ns->get_object(), "prefix");
      } else if (ns->is_string()) {
        out.xml_namespace_uri = std::string(ns->get_string());
      }
    }
    out.timestamp_format = get_string(ref, "timestampFormat");
    if (auto const* f = ref.if_contains("flattened"); f && f->is_bool()) out.flattened = f->get_bool();
    out.xml_attribute = get_bool(ref, "xmlAttribute");
    out.json_value = get_bool(ref, "jsonvalue");
    out.host_label = get_bool(ref, "hostLabel");
    out.idempotency_token = get_bool(ref, "idempotencyToken");
    out.streaming = get_bool(ref, "streaming");
    out.event_payload = get_bool(ref, "eventpayload");
    out.event_header = get_bool(ref, "eventheader");
    out.deprecated = get_bool(ref, "deprecated");
    if (auto const* cp = ref.if_contains("contextParam"); cp && cp->is_object())
      out.context_param = get_string(cp->get_object(), "name");
    return true;
  }

  bool shape_body(json::object const& def, shape& s) {
    auto type_name = get_string(def, "type");
    auto type = parse_type(type_name);
    if (!type) return fail("shape \"" + s.name + "\": unknown type \"" + type_name + "\"");
    s.type = *type;
    s.enum_values = get_strings(def, "enum");
    s.min = get_number(def, "min");
    s.max = get_number(def, "max");
    s.pattern = get_string(def, "pattern");
    s.location_name = get_string(def, "locationName");
    if (auto const* ns = def.if_contains("xmlNamespace"); ns && ns->is_object()) {
      s.xml_namespace_uri = get_string(ns->get_object(), "uri");
      s.xml_namespace_prefix = get_string(ns->get_object(), "prefix");
    } else if (ns && ns->is_string()) {
      s.xml_namespace_uri = std::string(ns->get_string());
    }
    s.timestamp_format = get_string(def, "timestampFormat");
    s.flattened = get_bool(def, "flattened");
    s.streaming = get_bool(def, "streaming");
    s.requires_length = get_bool(def, "requiresLength");
    s.exception = get_bool(def, "exception");
    s.fault = get_bool(def, "fault");
    s.event_stream = get_bool(def, "eventstream");
    s.event = get_bool(def, "event");
    s.union_ = get_bool(def, "union");
    s.document = get_bool(def, "document");
    s.sensitive = get_bool(def, "sensitive");
    s.json_value = get_bool(def, "jsonvalue");
    if (auto const* r = def.if_contains("retryable"); r && r->is_object()) {
      s.retryable = true;
      s.retryable_throttling = get_bool(r->get_object(), "throttling");
    }
    s.error_code = s.name;
    if (auto const* e = def.if_contains("error"); e && e->is_object()) {
      auto const& eo = e->get_object();
      if (auto code = get_string(eo, "code"); !code.empty()) s.error_code = code;
      if (auto st = get_number(eo, "httpStatusCode")) s.error_http_status = static_cast<int>(*st);
      s.error_sender_fault = get_bool(eo, "senderFault");
    }
    std::string const context = "shape \"" + s.name + "\"";
    switch (s.type) {
      case shape_type::structure: {
        auto required = get_strings(def, "required");
        if (auto const* ms = def.if_contains("members"); ms && ms->is_object()) {
          s.members.reserve(ms->get_object().size());
          for (auto const& [name, ref] : ms->get_object()) {
            if (!ref.is_object()) return fail(context + ": member \"" + std::string(name) + "\" is not an object");
            member_ref mr;
            if (!member(ref.get_object(), std::string(name), context + " member \"" + std::string(name) + "\"", mr))
              return false;
            mr.required = std::find(required.begin(), required.end(), mr.name) != required.end();
            s.members.push_back(std::move(mr));
          }
        }
        s.payload = get_string(def, "payload");
        if (!s.payload.empty()) {
          s.payload_index = s.find_member(s.payload);
          if (s.payload_index < 0) return fail(context + ": payload names no member: \"" + s.payload + "\"");
        }
        break;
      }
      case shape_type::list: {
        auto const* ref = def.if_contains("member");
        if (!ref || !ref->is_object()) return fail(context + ": list without \"member\"");
        if (!member(ref->get_object(), "member", context + " member", s.member)) return false;
        break;
      }
      case shape_type::map: {
        auto const* k = def.if_contains("key");
        auto const* v = def.if_contains("value");
        if (!k || !k->is_object() || !v || !v->is_object()) return fail(context + ": map without key or value");
        if (!member(k->get_object(), "key", context + " key", s.key)) return false;
        if (!member(v->get_object(), "value", context + " value", s.value)) return false;
        break;
      }
      default:
        break;
    }
    return true;
  }

  bool operation(std::string_view name, json::object const& def, operation_model& op) {
    std::string const context = "operation \"" + std::string(name) + "\"";
    // botocore's OperationModel: the model's key is the name callers use; "name" is the wire
    // name, which differs for a few services (CloudFront's "GetDistribution2020_05_31").
    op.name = std::string(name);
    op.wire_name = get_string(def, "name");
    if (op.wire_name.empty()) op.wire_name = op.name;
    if (auto const* http = def.if_contains("http"); http && http->is_object()) {
      auto const& h = http->get_object();
      if (auto method = get_string(h, "method"); !method.empty()) op.http_method = method;
      if (auto uri = get_string(h, "requestUri"); !uri.empty()) op.request_uri = uri;
      if (auto rc = get_number(h, "responseCode")) op.response_code = static_cast<int>(*rc);
    }
    if (auto const* in = def.if_contains("input"); in && in->is_object()) {
      if (!resolve(in->get_object(), context + " input", op.input)) return false;
      op.input_location_name = get_string(in->get_object(), "locationName");
      if (auto const* ns = in->get_object().if_contains("xmlNamespace"); ns && ns->is_object())
        op.input_xml_namespace_uri = get_string(ns->get_object(), "uri");
      else if (ns && ns->is_string())
        op.input_xml_namespace_uri = std::string(ns->get_string());
    }
    if (auto const* out = def.if_contains("output"); out && out->is_object()) {
      if (!resolve(out->get_object(), context + " output", op.output)) return false;
      op.output_result_wrapper = get_string(out->get_object(), "resultWrapper");
    }
    if (auto const* errs = def.if_contains("errors"); errs && errs->is_array()) {
      for (auto const& e : errs->get_array()) {
        shape_id id;
        if (!e.is_object() || !resolve(e.get_object(), context + " error", id)) return false;
        op.errors.push_back(id);
      }
    }
    if (auto const* ep = def.if_contains("endpoint"); ep && ep->is_object())
      op.host_prefix = get_string(ep->get_object(), "hostPrefix");
    op.auth_type = get_string(def, "authtype");
    op.auth = get_strings(def, "auth");
    op.unsigned_payload = op.auth_type == "v4-unsigned-body" || get_bool(def, "unsignedPayload");
    op.http_checksum_required = get_bool(def, "httpChecksumRequired");
    op.deprecated = get_bool(def, "deprecated");
    if (auto const* ed = def.if_contains("endpointdiscovery"); ed && ed->is_object()) {
      op.endpoint_discovery = true;
      op.endpoint_discovery_required = get_bool(ed->get_object(), "required");
    }
    op.endpoint_operation = get_bool(def, "endpointoperation");
    if (auto const* rc = def.if_contains("requestcompression"); rc && rc->is_object())
      op.request_compression = get_strings(rc->get_object(), "encodings");
    op.http_checksum = get_object(def, "httpChecksum");
    op.static_context_params = get_object(def, "staticContextParams");
    op.operation_context_params = get_object(def, "operationContextParams");
    for (auto const& [k, v] : def) {
      static constexpr std::string_view known[] = {
          "name", "http", "input", "output", "errors", "endpoint", "authtype", "auth", "httpChecksumRequired",
          "deprecated", "requestcompression", "httpChecksum", "staticContextParams", "operationContextParams",
          "documentation", "documentationUrl", "unsignedPayload", "endpointdiscovery", "endpointoperation"};
      if (std::find(std::begin(known), std::end(known), std::string_view(k)) == std::end(known))
        op.raw_extra.emplace(k, v);
    }
    return true;
  }

 private:
  service_model& m_;
  std::string* err_;
};

}  // namespace

int shape::find_member(std::string_view n) const {
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].name == n) return static_cast<int>(i);
  return -1;
}

bool operation_model::has_streaming_input(service_model const& m) const {
  if (input == no_shape) return false;
  auto const& s = m.at(input);
  return s.payload_index >= 0 && m.is_streaming(s.members[static_cast<std::size_t>(s.payload_index)]);
}

int operation_model::event_stream_output_member(service_model const& m) const {
  if (output == no_shape) return -1;
  auto const& s = m.at(output);
  // The payload in rest protocols; any member in the others (Kinesis SubscribeToShard).
  for (std::size_t i = 0; i < s.members.size(); ++i)
    if (m.target(s.members[i]).event_stream) return static_cast<int>(i);
  return -1;
}

bool operation_model::has_event_stream_output(service_model const& m) const {
  return event_stream_output_member(m) >= 0;
}

void apply_model_customizations(service_model& model) {
  if (model.service_name == "s3") {
    constexpr std::string_view bucket_path = "/{Bucket}";
    for (auto& op : model.operations) {
      if (op.request_uri.rfind(bucket_path, 0) != 0) continue;
      std::string auth_path = op.request_uri.substr(0, op.request_uri.find('?'));
      if (auth_path == bucket_path) auth_path += '/';
      op.auth_path = std::move(auth_path);
      op.request_uri.erase(0, bucket_path.size());
    }
  } else if (model.service_name == "s3control") {
    for (auto& op : model.operations) {
      auto const* requires_account = op.static_context_params.if_contains("RequiresAccountId");
      bool flagged = requires_account && requires_account->is_object() &&
                     requires_account->get_object().if_contains("value") &&
                     requires_account->get_object().at("value") == true;
      if (flagged && op.host_prefix == "{AccountId}.") op.host_prefix.clear();
    }
  }
}

bool protocol_supported(std::string_view protocol) {
  return std::find(protocol_priority.begin(), protocol_priority.end(), protocol) != protocol_priority.end();
}

void service_model::rebuild_indexes() {
  shape_index_.clear();
  shape_index_.reserve(shapes.size());
  for (std::size_t i = 0; i < shapes.size(); ++i) shape_index_.emplace(shapes[i].name, static_cast<shape_id>(i));
  operation_index_.clear();
  operation_index_.reserve(operations.size());
  for (std::size_t i = 0; i < operations.size(); ++i)
    operation_index_.emplace(operations[i].name, static_cast<std::uint32_t>(i));
}

shape_id service_model::find_shape(std::string_view name) const {
  auto it = shape_index_.find(std::string(name));
  return it == shape_index_.end() ? no_shape : it->second;
}

operation_model const* service_model::find_operation(std::string_view name) const {
  auto it = operation_index_.find(std::string(name));
  return it == operation_index_.end() ? nullptr : &operations[it->second];
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
      std::size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> service_model::closest_operations(std::string_view name, std::size_t count) const {
  std::vector<std::pair<std::size_t, std::string const*>> scored;
  scored.reserve(operations.size());
  for (auto const& op : operations) scored.emplace_back(edit_distance(name, op.name), &op.name);
  std::sort(scored.begin(), scored.end(),
            [](auto const& x, auto const& y) { return x.first != y.first ? x.first < y.first : *x.second < *y.second; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < count; ++i) out.push_back(*scored[i].second);
  return out;
}

boost::system::result<std::shared_ptr<service_model const>> service_model::compile(json::object const& doc,
                                                                                    std::string service_name,
                                                                                    std::string* error_message) {
  auto fail = [&]() -> boost::system::result<std::shared_ptr<service_model const>> {
    return boost::system::error_code(EINVAL, boost::system::generic_category());
  };
  auto m = std::make_shared<service_model>();
  m->service_name = std::move(service_name);
  compiler c(*m, error_message);

  auto const meta = get_object(doc, "metadata");
  auto& md = m->metadata;
  md.api_version = get_string(meta, "apiVersion");
  md.endpoint_prefix = get_string(meta, "endpointPrefix");
  md.signing_name = get_string(meta, "signingName");
  if (md.signing_name.empty()) md.signing_name = md.endpoint_prefix;
  md.service_id = get_string(meta, "serviceId");
  md.service_full_name = get_string(meta, "serviceFullName");
  md.protocol = get_string(meta, "protocol");
  md.protocols = get_strings(meta, "protocols");
  md.json_version = get_string(meta, "jsonVersion");
  md.target_prefix = get_string(meta, "targetPrefix");
  md.signature_version = get_string(meta, "signatureVersion");
  md.auth = get_strings(meta, "auth");
  md.global_endpoint = get_string(meta, "globalEndpoint");
  md.uid = get_string(meta, "uid");
  md.xml_namespace = get_string(meta, "xmlNamespace");
  md.checksum_format = get_string(meta, "checksumFormat");
  md.aws_query_compatible = meta.contains("awsQueryCompatible");
  if (auto const* ccp = doc.if_contains("clientContextParams"); ccp && ccp->is_object())
    for (auto const& [name, def] : ccp->get_object()) md.client_context_params.emplace_back(name);

  if (!md.protocols.empty()) {
    for (auto p : protocol_priority)
      if (std::find(md.protocols.begin(), md.protocols.end(), p) != md.protocols.end()) {
        m->protocol = std::string(p);
        break;
      }
    if (m->protocol.empty()) {
      if (error_message) *error_message = "service \"" + m->service_name + "\" speaks no protocol awscoro supports";
      return fail();
    }
  } else {
    m->protocol = md.protocol;
  }

  // Two passes over shapes: names first, so references resolve in any order.
  auto const* shapes = doc.if_contains("shapes");
  if (!shapes || !shapes->is_object()) {
    if (error_message) *error_message = "model has no \"shapes\" object";
    return fail();
  }
  m->shapes.resize(shapes->get_object().size());
  m->shape_index_.reserve(m->shapes.size());
  shape_id next = 0;
  for (auto const& [name, def] : shapes->get_object()) {
    m->shapes[next].name = std::string(name);
    m->shape_index_.emplace(std::string(name), next);
    ++next;
  }
  next = 0;
  for (auto const& [name, def] : shapes->get_object()) {
    if (!def.is_object()) {
      if (error_message) *error_message = "shape \"" + std::string(name) + "\" is not an object";
      return fail();
    }
    if (!c.shape_body(def.get_object(), m->shapes[next])) return fail();
    ++next;
  }

  if (auto const* ops = doc.if_contains("operations"); ops && ops->is_object()) {
    m->operations.resize(ops->get_object().size());
    std::uint32_t i = 0;
    for (auto const& [name, def] : ops->get_object()) {
      if (!def.is_object() || !c.operation(name, def.get_object(), m->operations[i])) {
        if (error_message && error_message->empty()) *error_message = "operation \"" + std::string(name) + "\" is malformed";
        return fail();
      }
      m->operation_index_.emplace(m->operations[i].name, i);
      ++i;
    }
  }
  apply_model_customizations(*m);
  return std::shared_ptr<service_model const>(std::move(m));
}

}  // namespace awscoro::detail

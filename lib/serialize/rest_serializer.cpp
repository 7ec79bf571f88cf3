// The rest-json and rest-xml protocols: members go to the URI path, the query string, headers,
// or the body, as their location says. The body is the payload member (raw bytes for a blob or
// string payload, else that member encoded), or else the members with no location, encoded as
// one JSON object or XML document.
#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>

#include "serialize/json_body_writer.hpp"
#include "util/json_text.hpp"
#include "serialize/protocol_serializers.hpp"
#include "serialize/scalar_text.hpp"
#include "serialize/uri_template.hpp"
#include "serialize/xml_body_writer.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// A param bound to a URI label or a query key. `ref` is null for the entries of a map bound to
// the query string, which are written as they are.
struct bound_param {
  std::string_view name;
  member_ref const* ref;
  json::value const* value;
};
using bound_params = boost::container::small_vector<bound_param, 6>;

// Later params replace earlier ones of the same name in place, as botocore's dicts do.
void bind(bound_params& to, std::string_view name, member_ref const* ref, json::value const* v) {
  for (auto& b : to)
    if (b.name == name) {
      b.ref = ref;
      b.value = v;
      return;
    }
  to.push_back({name, ref, v});
}

class rest_writer {
 public:
  rest_writer(serialize_context& ctx, http_request& req) : ctx_(ctx), req_(req) {}

  bool partition(shape const& input, json::object const& params) {
    for (auto const& [key, v] : params) {
      if (v.is_null()) continue;
      int i = input.find_member(key);
      if (i < 0) continue;
      auto const& ref = input.members[static_cast<std::size_t>(i)];
      std::string_view name = serialized_name_or(ctx_.model, ref, ref.name);
      switch (ref.location) {
        case member_location::uri:
          bind(labels_, name, &ref, &v);
          break;
        case member_location::querystring:
          if (v.is_object()) {
            for (auto const& [k, entry] : v.get_object()) bind(query_, k, nullptr, &entry);
          } else {
            bind(query_, name, &ref, &v);
          }
          break;
        case member_location::header:
          if (!header(ref, name, v)) return ctx_.fail_in(key);
          break;
        case member_location::headers:
          if (!v.is_object()) {
            ctx_.fail("expected an object, got " + std::string(describe_kind(v)));
            return ctx_.fail_in(key);
          }
          for (auto const& [k, hv] : v.get_object()) {
            if (hv.is_null()) continue;
            scratch_.clear();
            append_plain_text(scratch_, hv);
            req_.headers.set(std::string(name) + std::string(k), scratch_);
          }
          break;
        case member_location::body:
          has_body_members_ = true;
          break;
        case member_location::status_code:
          break;
      }
    }
    return true;
  }

  bool render_uri(std::string_view tmpl) {
    std::string_view literal_query;
    req_.path.clear();
    bool ok = true;
    auto missing = expand_uri_template(tmpl, req_.path, literal_query, [&](std::string_view label, bool greedy, std::string& out) {
      for (auto const& b : labels_) {
        if (b.name != label) continue;
        scratch_.clear();
        if (!append_scalar_text(scratch_, ctx_, *b.ref, *b.value, timestamp_format::iso8601, blob_text::raw)) {
          ok = false;
          ctx_.fail_in(b.ref->name);
          return true;
        }
        percent_encode_to(out, scratch_, greedy);
        return true;
      }
      return false;
    });
    if (!ok) return false;
    if (!missing.empty()) return ctx_.fail("no value for the URI label {" + std::string(missing) + "}");
    req_.query.assign(literal_query);
    return true;
  }

  bool render_query() {
    for (auto const& b : query_) {
      if (b.value->is_array()) {
        member_ref const* item_ref = nullptr;
        if (b.ref && ctx_.model.target(*b.ref).type == shape_type::list) item_ref = &ctx_.model.target(*b.ref).member;
        for (auto const& item : b.value->get_array())
          if (!query_pair(b.name, item_ref, item)) return ctx_.fail_in(b.ref ? std::string_view(b.ref->name) : b.name);
      } else if (!query_pair(b.name, b.ref, *b.value)) {
        return ctx_.fail_in(b.ref ? std::string_view(b.ref->name) : b.name);
      }
    }
    return true;
  }

  bool has_body_members() const { return has_body_members_; }

 private:
  bool query_pair(std::string_view key, member_ref const* ref, json::value const& v) {
    scratch_.clear();
    if (ref) {
      if (!append_scalar_text(scratch_, ctx_, *ref, v, timestamp_format::iso8601, blob_text::raw)) return false;
    } else {
      append_plain_text(scratch_, v);
    }
    if (!req_.query.empty()) req_.query += '&';
    percent_encode_to(req_.query, key);
    req_.query += '=';
    percent_encode_to(req_.query, scratch_);
    return true;
  }

  bool header(member_ref const& ref, std::string_view name, json::value const& v) {
    auto const& s = ctx_.model.target(ref);
    if (s.type == shape_type::list && v.is_array() && v.get_array().empty()) return true;
    std::string text;
    if (!header_value(ref, v, text)) return false;
    req_.headers.set(name, std::move(text));
    return true;
  }

  bool header_value(member_ref const& ref, json::value const& v, std::string& out) {
    auto const& s = ctx_.model.target(ref);
    switch (s.type) {
      case shape_type::timestamp: {
        timestamp_us t;
        if (!read_timestamp(ctx_, v, t)) return false;
        // Header timestamps are cut to whole seconds before formatting (so at millisecond
        // precision an ISO 8601 header still ends in ".000Z").
        t -= ((t % 1'000'000) + 1'000'000) % 1'000'000;
        append_timestamp(out, t, timestamp_format_from(ctx_.model.timestamp_format(ref), timestamp_format::rfc822),
                         ctx_.precision);
        return true;
      }
      case shape_type::list: {
        if (!v.is_array()) return ctx_.fail("expected an array, got " + std::string(describe_kind(v)));
        bool first = true;
        std::size_t i = 0;
        for (auto const& item : v.get_array()) {
          ++i;
          if (item.is_null()) continue;
          if (!first) out += ',';
          first = false;
          if (ctx_.model.target(s.member).type == shape_type::string && item.is_string()) {
            // Items holding a comma or a quote are quoted, with inner quotes escaped.
            auto str = std::string_view(item.get_string());
            if (str.find_first_of(",\"") == std::string_view::npos) {
              out += str;
            } else {
              out += '"';
              for (char c : str) {
                if (c == '"') out += '\\';
                out += c;
              }
              out += '"';
            }
          } else if (!header_value(s.member, item, out)) {
            return ctx_.fail_at(i - 1);
          }
        }
        return true;
      }
      case shape_type::string:
        if (is_json_value(ctx_.model, ref)) {
          std::string doc;
          append_json_value(doc, v, json_spacing::compact);
          out += base64_encode(doc);
          return true;
        }
        break;
      default:
        break;
    }
    return append_scalar_text(out, ctx_, ref, v, timestamp_format::rfc822, blob_text::raw);
  }

  serialize_context& ctx_;
  http_request& req_;
  bound_params labels_;
  bound_params query_;
  std::string scratch_;
  bool has_body_members_ = false;
};

bool write_payload(serialize_context& ctx, shape const& input, json::object const& params, http_request& req,
                   rest_body kind) {
  auto const& ref = input.members[static_cast<std::size_t>(input.payload_index)];
  auto const& target = ctx.model.target(ref);
  auto const* v = params.if_contains(ref.name);
  if (v && v->is_null()) v = nullptr;
  if (target.type == shape_type::blob || target.type == shape_type::string) {
    // Raw bytes, whether or not the member is marked streaming; no Content-Type.
    if (v) {
      if (v->is_string()) req.body.assign(v->get_string().data(), v->get_string().size());
      else append_plain_text(req.body, *v);
    }
    return true;
  }
  if (!v) {
    if (kind == rest_body::json) req.body = "{}";
    return true;
  }
  if (kind == rest_body::json) {
    json_body_writer w(ctx, req.body);
    if (!w.write_value(ref, *v)) return ctx.fail_in(ref.name);
  } else {
    xml_body_writer w(ctx, req.body);
    auto root = serialized_name_or(ctx.model, ref, target.name);
    if (!w.write_payload(root, w.traits_of(ref), *v)) return ctx.fail_in(ref.name);
  }
  return true;
}

bool write_body_members(serialize_context& ctx, shape const& input, json::object const& params, http_request& req,
                        rest_body kind) {
  if (kind == rest_body::json) {
    json_body_writer w(ctx, req.body);
    return w.write_structure(input, params, true);
  }
  xml_body_writer w(ctx, req.body);
  std::string_view root = ctx.op.input_location_name;
  if (root.empty()) root = input.location_name;
  if (root.empty()) root = input.name;
  xml_body_writer::node_traits traits{&input, {input.xml_namespace_uri, input.xml_namespace_prefix}, {}, false};
  if (!ctx.op.input_xml_namespace_uri.empty()) traits.ns = {ctx.op.input_xml_namespace_uri, {}};
  return w.write_input(root, traits, params);
}

}  // namespace

bool serialize_rest(serialize_context& ctx, json::object const& params, http_request& req, rest_body kind) {
  req.method = ctx.op.http_method;
  if (ctx.op.input == no_shape) {
    // With no input there is nothing to fill in: the URI is used as written.
    std::string_view uri = ctx.op.request_uri;
    auto q = uri.find('?');
    req.path.assign(uri.substr(0, q));
    if (req.path.empty()) req.path = "/";
    if (q != std::string_view::npos) req.query.assign(uri.substr(q + 1));
    return true;
  }
  auto const& input = ctx.model.at(ctx.op.input);
  rest_writer w(ctx, req);
  if (!w.partition(input, params)) return false;
  if (!w.render_uri(ctx.op.request_uri)) return false;
  if (!w.render_query()) return false;

  bool raw_payload = false;
  if (input.payload_index >= 0) {
    auto t = ctx.model.target(input.members[static_cast<std::size_t>(input.payload_index)]).type;
    raw_payload = t == shape_type::blob || t == shape_type::string;
    if (!write_payload(ctx, input, params, req, kind)) return false;
  } else if (w.has_body_members()) {
    req.body.reserve(256);
    if (!write_body_members(ctx, input, params, req, kind)) return false;
  } else if (kind == rest_body::json) {
    for (auto const& m : input.members)
      if (m.location == member_location::body) {
        req.body = "{}";
        break;
      }
  }
  if (kind == rest_body::json && !raw_payload && !req.body.empty() && !req.headers.contains("Content-Type"))
    req.headers.set("Content-Type", "application/json");
  return true;
}

}  // namespace awscoro::detail

// Dispatch per protocol, ResponseMetadata, error codes and modeled error fields; the bodies are
// read by xml_body_parser, or by value_builder fed from json_body_reader / cbor_body_reader.
#include <algorithm>
#include <optional>
#include <utility>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>

#include <awscoro/error.hpp>

#include "parse/json_body_reader.hpp"
#include "parse/shape_body_reader.hpp"
#include "parse/parse_common.hpp"
#include "parse/parser.hpp"
#include "parse/value_builder.hpp"
#include "parse/xml_body_parser.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

enum class protocol_kind : std::uint8_t { query, ec2, json, rest_json, rest_xml, cbor, unknown };

protocol_kind kind_of(std::string_view p) {
  if (p == "query") return protocol_kind::query;
  if (p == "ec2") return protocol_kind::ec2;
  if (p == "json") return protocol_kind::json;
  if (p == "rest-json") return protocol_kind::rest_json;
  if (p == "rest-xml") return protocol_kind::rest_xml;
  if (p == "smithy-rpc-v2-cbor") return protocol_kind::cbor;
  return protocol_kind::unknown;
}

std::string_view trim_view(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

// A body that becomes many values (a page of a listing) is worth an arena; a small one, or one
// kept whole as a blob or string payload, is not.
bool wants_arena(service_model const& model, operation_model const& op, unsigned status, std::size_t body_size) {
  if (body_size < 4096) return false;
  if (op.output != no_shape && status < 300) {
    auto const& out = model.at(op.output);
    if (out.payload_index >= 0) {
      auto t = model.target(out.members[static_cast<std::size_t>(out.payload_index)]).type;
      if (t == shape_type::blob || t == shape_type::string) return false;
    }
  }
  return true;
}

class response_parser {
 public:
  // `response` gives the status and headers. `body_size` is the body's size, or its expected
  // size when it is still to arrive.
  response_parser(service_model const& model, operation_model const& op, http_response const& response,
                  std::size_t body_size, std::string& error_message, parse_options const& options)
      : model_(model), op_(op), resp_(response), err_(error_message), options_(options),
        kind_(kind_of(model.protocol)), status_(response.status),
        // Large bodies get one arena per result: the values of a page are allocated and freed
        // together. Small ones are cheaper on the default heap than setting an arena up.
        sp_(wants_arena(model, op, response.status, body_size)
                ? json::make_shared_resource<json::monotonic_resource>(std::min<std::size_t>(body_size / 2, 4u << 20))
                : json::storage_ptr()) {}

  // Reads the body as it arrives when it is a success whose body is one shape's value: true, and
  // feed_body() takes the pieces. Otherwise the whole body is given to run().
  bool stream_body();
  void feed_body(std::string_view piece) {
    if (!stream_failed_) stream_failed_ = !stream_->feed(piece);
  }

  // Parses the response; `body` is the whole body, or when streamed, at least its beginning (for
  // error excerpts, and S3's error documents in a 200).
  boost::system::result<json::object> run(std::string_view body);

 private:
  using result_t = boost::system::result<json::object>;

  result_t malformed(std::string_view what) {
    err_ = malformed_message(op_, resp_.status, what, body_);
    return boost::system::error_code(make_error_code(awscoro::error::parse));
  }

  std::string const* header(std::string_view name) const { return resp_.headers.find(name); }

  bool s3_checks_200_error() const;
  bool parse_success(json::object& out, bool& became_error);
  bool parse_error(json::object& out);
  bool parse_modeled_error(shape_id error_shape, json::object& out);
  bool parse_rest_attributes(shape_id shape, json::object& out);
  bool parse_body(shape_id shape, json::value& out, json::object* metadata);
  void rest_metadata(json::object& metadata) const;
  shape_id find_error_shape(std::string_view code) const;
  void finish_metadata(json::object& out) const;
  std::optional<shape_id> streamable_shape() const;
  std::unique_ptr<shape_body_reader> make_reader(shape_id shape) const;

  service_model const& model_;
  operation_model const& op_;
  http_response const& resp_;
  std::string& err_;
  parse_options const& options_;
  protocol_kind kind_;
  unsigned status_;
  json::storage_ptr sp_;
  std::string_view body_;
  std::unique_ptr<shape_body_reader> stream_;  // the body being read as it arrives
  shape_id stream_shape_ = no_shape;
  bool stream_failed_ = false;
  std::string what_;  // why a body did not parse
  bool s3_check_ = false;  // S3 200: a bare <Error> root or broken XML makes the response a 500
  bool s3_error_ = false;
};

void response_parser::rest_metadata(json::object& metadata) const {
  if (auto const* id = header("x-amzn-requestid")) {
    metadata["RequestId"] = *id;
  } else if (auto const* id2 = header("x-amz-request-id")) {
    metadata["RequestId"] = *id2;
    // HostId is what S3 calls it in XML bodies, so the header takes the same name.
    auto const* host = header("x-amz-id-2");
    metadata["HostId"] = host ? std::string_view(*host) : std::string_view();
  }
}

void response_parser::finish_metadata(json::object& out) const {
  auto* slot = out.if_contains("ResponseMetadata");
  if (!slot || !slot->is_object()) slot = &(out["ResponseMetadata"] = json::object());
  auto& md = slot->get_object();
  md["HTTPStatusCode"] = static_cast<std::int64_t>(status_);
  json::object headers;
  headers.reserve(resp_.headers.size());
  for (auto const& [name, value] : resp_.headers) {
    auto key = lower(name);
    if (auto* existing = headers.if_contains(key)) {
      auto& s = existing->get_string();
      s.append(", ");
      s.append(value);
    } else {
      headers.emplace(key, value);
    }
  }
  md["HTTPHeaders"] = std::move(headers);
}

// S3 may answer 200 with an <Error> document (CopyObject, CompleteMultipartUpload, ...), or cut
// a body short; botocore's handler turns both into a 500 for operations whose output is not a
// raw stream.
bool response_parser::s3_checks_200_error() const {
  if (status_ != 200) return false;
  if (model_.service_name != "s3" && model_.metadata.service_id != "S3") return false;
  if (kind_ != protocol_kind::rest_xml || op_.output == no_shape || op_.has_event_stream_output(model_)) return false;
  auto const& out = model_.at(op_.output);
  if (out.payload_index >= 0) {
    auto t = model_.target(out.members[static_cast<std::size_t>(out.payload_index)]).type;
    if (t == shape_type::blob || t == shape_type::string) return false;
  }
  return true;
}

std::unique_ptr<shape_body_reader> response_parser::make_reader(shape_id shape) const {
  xml_parse_spec spec;
  spec.root = shape;
  body_format format = body_format::xml;
  switch (kind_) {
    case protocol_kind::json: format = body_format::json; break;
    case protocol_kind::rest_json: format = body_format::rest_json; break;
    case protocol_kind::cbor: format = body_format::cbor; break;
    case protocol_kind::query:
      spec.result_wrapper = op_.output_result_wrapper;
      spec.metadata = xml_parse_spec::metadata_t::query;
      break;
    case protocol_kind::ec2:
      spec.result_wrapper = op_.output_result_wrapper;
      spec.metadata = xml_parse_spec::metadata_t::ec2;
      break;
    default:
      break;
  }
  spec.stop_at_error_root = s3_check_;
  return std::make_unique<shape_body_reader>(model_, options_, format, spec, sp_);
}

// The shape a success body is the value of, when it is one: the output (query and ec2 read their
// metadata from the body even without one), or a rest output's structure payload.
std::optional<shape_id> response_parser::streamable_shape() const {
  if (status_ >= 301) return std::nullopt;  // error bodies are small and read whole
  switch (kind_) {
    case protocol_kind::query:
    case protocol_kind::ec2:
      return op_.output;
    case protocol_kind::json:
    case protocol_kind::cbor:
      if (op_.output == no_shape || op_.has_event_stream_output(model_)) return std::nullopt;
      return op_.output;
    case protocol_kind::rest_json:
    case protocol_kind::rest_xml: {
      if (op_.output == no_shape) return std::nullopt;
      auto const& s = model_.at(op_.output);
      if (s.payload_index < 0) return op_.output;
      auto const& pt = model_.target(s.members[static_cast<std::size_t>(s.payload_index)]);
      if (pt.event_stream || pt.type == shape_type::blob || pt.type == shape_type::string) return std::nullopt;
      return s.members[static_cast<std::size_t>(s.payload_index)].target;
    }
    default:
      return std::nullopt;
  }
}

bool response_parser::stream_body() {
  auto shape = streamable_shape();
  if (!shape) return false;
  if (kind_ == protocol_kind::rest_xml) s3_check_ = s3_checks_200_error();
  stream_ = make_reader(*shape);
  s3_check_ = false;
  stream_shape_ = *shape;
  return true;
}

bool response_parser::parse_body(shape_id shape, json::value& out, json::object* metadata) {
  std::unique_ptr<shape_body_reader> whole;
  shape_body_reader* reader = stream_.get();
  if (!reader || shape != stream_shape_) {
    whole = make_reader(shape);
    whole->feed(body_);
    reader = whole.get();
  }
  bool ok = reader->finish();
  if (s3_check_ && (reader->found_error_root() || reader->malformed_xml())) {
    s3_error_ = true;
    return false;
  }
  if (!ok) {
    what_ = reader->error();
    return false;
  }
  out = std::move(reader->result());
  if (metadata && !reader->metadata().empty()) *metadata = std::move(reader->metadata());
  return true;
}

bool response_parser::parse_rest_attributes(shape_id shape, json::object& out) {
  auto const& s = model_.at(shape);
  auto flavor = kind_ == protocol_kind::rest_json ? text_flavor::rest_json : text_flavor::xml;
  for (auto const& m : s.members) {
    switch (m.location) {
      case member_location::status_code:
        out[m.name] = status_;
        break;
      case member_location::headers: {
        auto prefix = lower(serialized_name(model_, m));
        if (m.location_name.empty() && model_.target(m).location_name.empty()) prefix.clear();
        json::object map;
        for (auto const& [name, value] : resp_.headers) {
          if (name.size() < prefix.size()) continue;
          if (lower(std::string_view(name).substr(0, prefix.size())) != prefix) continue;
          map.insert_or_assign(std::string_view(name).substr(prefix.size()), value);
        }
        out[m.name] = std::move(map);
        break;
      }
      case member_location::header: {
        auto const* v = header(serialized_name(model_, m));
        if (!v) break;
        json::value parsed(sp_);
        std::string why;
        if (!scalar_from_text(model_, m, *v, flavor, options_, true, parsed, why)) {
          what_ = "header " + std::string(serialized_name(model_, m)) + " for member " + m.name + ": " + why;
          return false;
        }
        out[m.name] = std::move(parsed);
        break;
      }
      default:
        break;
    }
  }
  if (s.payload_index >= 0) {
    auto const& pm = s.members[static_cast<std::size_t>(s.payload_index)];
    auto const& pt = model_.target(pm);
    if (pt.event_stream) return true;  // the client reads event streams
    if (pt.type == shape_type::blob || pt.type == shape_type::string) {
      // A streaming payload is left to the client; a plain one is the body itself.
      if (!model_.is_streaming(pm)) out[pm.name].emplace_string().assign(body_);
      return true;
    }
    json::value v(sp_);
    if (!parse_body(pm.target, v, nullptr)) return false;
    out[pm.name] = std::move(v);
    return true;
  }
  json::value v(sp_);
  if (!parse_body(shape, v, nullptr)) return false;
  if (v.is_object())
    for (auto& [k, val] : v.get_object()) out.insert_or_assign(k, std::move(val));
  return true;
}

bool response_parser::parse_success(json::object& out, bool& became_error) {
  switch (kind_) {
    case protocol_kind::query:
    case protocol_kind::ec2: {
      json::value v(sp_);
      json::object md;
      if (!parse_body(op_.output, v, &md)) return false;
      if (v.is_object()) out = std::move(v.get_object());
      if (!md.empty()) out["ResponseMetadata"] = std::move(md);
      return true;
    }
    case protocol_kind::json:
    case protocol_kind::cbor: {
      json::object md;
      if (auto const* id = header("x-amzn-requestid")) md["RequestId"] = *id;
      if (op_.output != no_shape && !op_.has_event_stream_output(model_)) {
        json::value v(sp_);
        if (!parse_body(op_.output, v, nullptr)) return false;
        if (v.is_object()) out = std::move(v.get_object());
      }
      out["ResponseMetadata"] = std::move(md);
      return true;
    }
    case protocol_kind::rest_json:
    case protocol_kind::rest_xml: {
      json::object md;
      rest_metadata(md);
      out["ResponseMetadata"] = std::move(md);
      if (op_.output == no_shape) return true;
      s3_check_ = s3_checks_200_error();
      bool ok = parse_rest_attributes(op_.output, out);
      s3_check_ = false;
      if (s3_error_) {
        became_error = true;
        return true;
      }
      return ok;
    }
    case protocol_kind::unknown:
      what_ = "unsupported protocol " + model_.protocol;
      return false;
  }
  return true;
}

// Code extraction for JSON-bodied errors: "#" prefixes and ":" suffixes dropped.
std::string clean_code(std::string_view code) {
  if (auto colon = code.find(':'); colon != std::string_view::npos) code = code.substr(0, colon);
  if (auto hash = code.rfind('#'); hash != std::string_view::npos) code = code.substr(hash + 1);
  return std::string(code);
}

json::string_view field(json::object const& o, std::string_view k) {
  if (auto const* v = o.if_contains(k); v && v->is_string()) return v->get_string();
  return {};
}

bool response_parser::parse_error(json::object& out) {
  std::string_view body = body_;
  auto status_text = std::to_string(status_);
  auto generic = [&](bool with_ids) {
    json::object e;
    e["Code"] = status_text;
    e["Message"] = http_reason_phrase(status_);
    out["Error"] = std::move(e);
    json::object md;
    if (with_ids) {
      auto const* id = header("x-amz-request-id");
      auto const* host = header("x-amz-id-2");
      md["RequestId"] = id ? std::string_view(*id) : std::string_view();
      md["HostId"] = host ? std::string_view(*host) : std::string_view();
    }
    out["ResponseMetadata"] = std::move(md);
  };
  auto trimmed = trim_view(body);
  if (status_ >= 500 && (trimmed.empty() || trimmed.substr(0, 6) == "<html>")) {
    generic(false);
    return true;
  }
  switch (kind_) {
    case protocol_kind::query:
    case protocol_kind::ec2:
    case protocol_kind::rest_xml: {
      xml_parse_spec spec;
      spec.mode = xml_parse_spec::mode_t::generic;
      xml_body_parser p(model_, options_, spec);
      bool ok = !trimmed.empty() && p.feed(body, true) && p.saw_root();
      if (!ok) {
        if (kind_ == protocol_kind::rest_xml) {
          generic(true);
          return true;
        }
        what_ = trimmed.empty() ? std::string("empty error body") : p.error();
        return false;
      }
      json::object d;
      if (p.result().is_object()) d = std::move(p.result().get_object());
      if (kind_ == protocol_kind::rest_xml) {
        if (p.root_name() == "Error") {
          json::object md;
          rest_metadata(md);
          d.erase("RequestId");
          d.erase("HostId");
          out["Error"] = std::move(d);
          out["ResponseMetadata"] = std::move(md);
          return true;
        }
        if (auto* id = d.if_contains("RequestId")) {
          json::object md;
          md["RequestId"] = std::move(*id);
          d.erase("RequestId");
          d["ResponseMetadata"] = std::move(md);
        }
        json::object e;
        e["Message"] = "";
        e["Code"] = "";
        out["Error"] = std::move(e);
        for (auto& [k, v] : d) {
          auto* existing = out.if_contains(k);
          if (existing && existing->is_object() && v.is_object()) {
            for (auto& [k2, v2] : v.get_object()) existing->get_object().insert_or_assign(k2, std::move(v2));
          } else {
            out.insert_or_assign(k, std::move(v));
          }
        }
        return true;
      }
      if (auto* errors = d.if_contains("Errors")) {
        json::value taken = std::move(*errors);
        d.erase("Errors");
        if (taken.is_object())
          for (auto& [k, v] : taken.get_object()) d.insert_or_assign(k, std::move(v));
      }
      for (std::string_view key : {"RequestId", "RequestID"}) {
        if (key == "RequestID" && kind_ != protocol_kind::ec2) break;
        if (auto* id = d.if_contains(key)) {
          json::object md;
          md["RequestId"] = std::move(*id);
          d.erase(key);
          d["ResponseMetadata"] = std::move(md);
        }
      }
      out = std::move(d);
      return true;
    }
    case protocol_kind::json:
    case protocol_kind::rest_json:
    case protocol_kind::cbor: {
      json::object fields;
      if (!body.empty()) {
        value_builder b(model_, options_,
                        kind_ == protocol_kind::cbor ? value_builder::flavor::cbor : value_builder::flavor::json, no_shape);
        bool ok;
        if (kind_ == protocol_kind::cbor) {
          cbor_body_reader r(b);
          ok = r.feed(body, true);
        } else {
          json_body_reader r(b);
          ok = r.feed(body, true);
        }
        if (ok) {
          fields = std::move(b.top_fields());
        } else if (kind_ != protocol_kind::cbor) {
          fields["message"] = body;  // botocore keeps an unreadable body as the message
        } else {
          what_ = b.error().empty() ? std::string("malformed CBOR error body") : b.error();
          return false;
        }
      }
      json::object e;
      auto message = fields.if_contains("message") ? field(fields, "message") : field(fields, "Message");
      e["Message"] = message;
      e["Code"] = "";
      std::string code;
      bool have_code = true;
      if (fields.contains("__type")) {
        code = field(fields, "__type");
      } else if (kind_ == protocol_kind::json && header("x-amzn-errortype")) {
        code = *header("x-amzn-errortype");
      } else if (kind_ == protocol_kind::json && (fields.contains("code") || fields.contains("Code"))) {
        code = fields.contains("code") ? field(fields, "code") : field(fields, "Code");
      } else if (status_ != 0) {
        code = status_text;
      } else {
        have_code = false;
      }
      if (have_code) {
        code = clean_code(code);
        if (auto const* qe = header("x-amzn-query-error")) {
          std::string_view q = *qe;
          auto semi = q.find(';');
          if (semi != std::string_view::npos && semi > 0 && q.find(';', semi + 1) == std::string_view::npos) {
            e["QueryErrorCode"] = code;
            e["Type"] = q.substr(semi + 1);
            code = std::string(q.substr(0, semi));
          }
        }
        e["Code"] = code;
      }
      if (kind_ == protocol_kind::rest_json) {
        // rest-json: the x-amzn-errortype header, else a code field in the body, names the error.
        std::string rest_code;
        bool found = false;
        if (auto const* h = header("x-amzn-errortype")) {
          rest_code = *h;
          found = true;
        } else if (fields.contains("code") || fields.contains("Code")) {
          rest_code = fields.contains("code") ? field(fields, "code") : field(fields, "Code");
          found = true;
        }
        if (found) e["Code"] = clean_code(rest_code);
      }
      out["Error"] = std::move(e);
      json::object md;
      if (auto const* id = header("x-amzn-requestid")) md["RequestId"] = *id;
      out["ResponseMetadata"] = std::move(md);
      return true;
    }
    case protocol_kind::unknown:
      what_ = "unsupported protocol " + model_.protocol;
      return false;
  }
  return true;
}

shape_id response_parser::find_error_shape(std::string_view code) const {
  if (code.empty()) return no_shape;
  for (auto id : op_.errors) {
    auto const& s = model_.at(id);
    if (s.error_code == code) return id;
  }
  // botocore looks the code up among every exception shape of the service.
  shape_id found = no_shape;
  for (shape_id id = 0; id < model_.shapes.size(); ++id) {
    auto const& s = model_.shapes[id];
    if (s.exception && s.error_code == code) found = id;
  }
  return found;
}

bool response_parser::parse_modeled_error(shape_id error_shape, json::object& out) {
  auto trimmed = trim_view(body_);
  if (status_ >= 500 && (trimmed.empty() || trimmed.substr(0, 6) == "<html>")) return true;
  json::object fields(sp_);
  switch (kind_) {
    case protocol_kind::query:
    case protocol_kind::ec2: {
      if (trimmed.empty()) return true;
      xml_parse_spec spec;
      spec.mode = xml_parse_spec::mode_t::modeled_error;
      spec.root = error_shape;
      spec.ec2_errors = kind_ == protocol_kind::ec2;
      xml_body_parser p(model_, options_, spec, sp_);
      if (!p.feed(body_, true)) return true;
      if (p.result().is_object()) fields = std::move(p.result().get_object());
      break;
    }
    case protocol_kind::rest_xml: {
      auto const& s = model_.at(error_shape);
      for (auto const& m : s.members) {
        if (m.location != member_location::header) continue;
        auto const* v = header(serialized_name(model_, m));
        json::value parsed(sp_);
        std::string why;
        if (v && scalar_from_text(model_, m, *v, text_flavor::xml, options_, true, parsed, why))
          fields[m.name] = std::move(parsed);
      }
      if (trimmed.empty()) break;
      xml_parse_spec spec;
      spec.mode = xml_parse_spec::mode_t::modeled_error;
      spec.root = error_shape;
      xml_body_parser p(model_, options_, spec, sp_);
      if (!p.feed(body_, true)) break;
      if (p.result().is_object())
        for (auto& [k, v] : p.result().get_object()) fields.insert_or_assign(k, std::move(v));
      break;
    }
    case protocol_kind::rest_json: {
      if (!parse_rest_attributes(error_shape, fields)) return true;
      break;
    }
    case protocol_kind::json:
    case protocol_kind::cbor: {
      json::value v(sp_);
      if (!parse_body(error_shape, v, nullptr)) return true;
      if (v.is_object()) fields = std::move(v.get_object());
      break;
    }
    case protocol_kind::unknown:
      return true;
  }
  for (auto& [k, v] : fields) out.insert_or_assign(k, std::move(v));
  return true;
}

boost::system::result<json::object> response_parser::run(std::string_view body) {
  body_ = body;
  json::object out(sp_);
  bool error_path = status_ >= 301;
  if (!error_path) {
    bool became_error = false;
    if (!parse_success(out, became_error)) return malformed(what_);
    if (became_error) {
      status_ = 500;
      out.clear();
      error_path = true;
    }
  }
  if (error_path) {
    if (!parse_error(out)) return malformed(what_);
    if (options_.modeled_error_fields) {
      std::string code;
      if (auto const* e = out.if_contains("Error"); e && e->is_object())
        if (auto const* c = e->get_object().if_contains("Code"); c && c->is_string()) code = c->get_string();
      if (auto id = find_error_shape(code); id != no_shape) parse_modeled_error(id, out);
    }
  }
  finish_metadata(out);
  return out;
}

}  // namespace

bool is_error_response(service_model const& model, operation_model const& op, http_response const& response) {
  if (response.status >= 300) return true;
  if (response.status != 200 || response.body.empty()) return false;
  if ((model.service_name != "s3" && model.metadata.service_id != "S3") || model.protocol != "rest-xml") return false;
  if (op.output == no_shape || op.has_event_stream_output(model)) return false;
  auto const& out = model.at(op.output);
  if (out.payload_index >= 0) {
    auto t = model.target(out.members[static_cast<std::size_t>(out.payload_index)]).type;
    if (t == shape_type::blob || t == shape_type::string) return false;
  }
  // Only the root element decides; parse_response also treats a cut-off body as an error.
  std::string_view b = response.body;
  std::size_t i = 0;
  while (i < b.size()) {
    while (i < b.size() && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) ++i;
    bool pi = b.compare(i, 2, "<?") == 0;
    if (pi || b.compare(i, 4, "<!--") == 0) {
      std::string_view close = pi ? "?>" : "-->";
      auto end = b.find(close, i);
      if (end == std::string_view::npos) return true;
      i = end + close.size();
      continue;
    }
    break;
  }
  if (b.compare(i, 6, "<Error") != 0) return false;
  return i + 6 < b.size() && (b[i + 6] == '>' || b[i + 6] == ' ' || b[i + 6] == '/' || b[i + 6] == '\n' || b[i + 6] == '\t' || b[i + 6] == '\r');
}

boost::system::result<json::object> parse_response(service_model const& model, operation_model const& op,
                                                   http_response const& response, std::string& error_message,
                                                   parse_options const& options) {
  return response_parser(model, op, response, response.body.size(), error_message, options).run(response.body);
}

// Bodies read as they arrive keep this much of their beginning for error messages.
constexpr std::size_t kept_prefix = 64 * 1024;

struct response_body_parser::impl {
  impl(service_model const& m, operation_model const& o, parse_options const& opts)
      : model(m), op(o), options(opts) {}
  service_model const& model;
  operation_model const& op;
  parse_options options;
  std::string error_message;
  std::optional<response_parser> parser;
  std::string kept;  // the whole body, or when streamed its first kept_prefix bytes
  bool streamed = false;
};

response_body_parser::response_body_parser(service_model const& model, operation_model const& op,
                                           parse_options const& options)
    : impl_(std::make_unique<impl>(model, op, options)) {}

response_body_parser::~response_body_parser() = default;

void response_body_parser::begin(http_response const& head) {
  auto& me = *impl_;
  std::size_t expected = head.body.size();
  if (auto length = declared_content_length(head.headers)) {
    expected = std::max<std::size_t>(expected, static_cast<std::size_t>(std::min<std::uint64_t>(*length, 1ull << 40)));
  } else if (head.headers.find("Transfer-Encoding")) {
    expected = std::max<std::size_t>(expected, 64 * 1024);  // unknown: assume a large one
  }
  me.parser.emplace(me.model, me.op, head, expected, me.error_message, me.options);
  me.streamed = me.parser->stream_body();
  feed(head.body);
}

void response_body_parser::feed(std::string_view piece) {
  auto& me = *impl_;
  if (!me.streamed) {
    me.kept.append(piece);
    return;
  }
  if (me.kept.size() < kept_prefix) me.kept.append(piece.substr(0, kept_prefix - me.kept.size()));
  me.parser->feed_body(piece);
}

boost::system::result<json::object> response_body_parser::finish(std::string& error_message) {
  auto& me = *impl_;
  auto result = me.parser->run(me.kept);
  error_message = std::move(me.error_message);
  return result;
}

std::string response_body_parser::take_body() {
  auto& me = *impl_;
  if (me.streamed) return {};
  return std::move(me.kept);
}

}  // namespace awscoro::detail

// Conformance runner: conformance/protocols/input/*.json (README section 1, "Input case").
// Each case's params go through serialize_request with the case's own small model; method, URI,
// body (by protocol), headers, forbidden headers and host are compared with the expected request.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "cbor_decode.hpp"
#include "json_compare.hpp"
#include "model/service_model.hpp"
#include "serialize/serializer.hpp"
#include "util/encoding.hpp"
#include "xml_tree.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace awscoro::detail;

namespace {

constexpr std::size_t expected_cases = 367;

using awscoro::test::read_text;
using awscoro::test::tally;

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t start = 0;
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, start)) {
    out.append(s, start, pos - start);
    out += to;
    start = pos + from.size();
  }
  out.append(s, start, std::string::npos);
  s = std::move(out);
}

// Why botocore does not pass each case of its ignore list (README section 1).
std::string ignore_reason(std::string const& suite, std::string const& id) {
  if (suite == "Test cases for PutWithContentEncoding operation")
    return "gzip request compression (requestcompression trait) is applied by a later stage, not the serializer";
  if (suite == "Test cases for QueryIdempotencyTokenAutoFill operation" || suite == "Idempotency token auto fill")
    return "idempotency tokens are filled with a random UUID4 by a before-parameter-build handler; the test expects "
           "a fixed one";
  if (suite == "Test cases for HostWithPathOperation operation")
    return "the endpoint path /custom is joined when the request is prepared, after the serializer";
  if (id == "QueryFlattenedListArgWithXmlName")
    return "botocore names flattened list entries after the list member's locationName (item.1), the test wants "
           "the structure member's (Hi.1)";
  if (id == "Ec2Lists" || id == "Ec2TimestampsInput" || id == "Ec2QueryEndpointTraitWithHostLabel")
    return "botocore's EC2 serializer capitalizes only queryName/locationName, not bare member names";
  if (id == "AwsJson11StructuresDontSerializeNullValues") return "botocore writes {\"string\": null}";
  if (id == "MediaTypeHeaderInputBase64")
    return "botocore treats jsonvalue headers as JSON documents: base64 of \"true\" (InRydWUi)";
  if (id == "RestJsonHttpChecksumRequired") return "Content-MD5 is added by a later handler";
  if (id == "RestJsonNullAndEmptyHeaders" || id == "NullAndEmptyHeaders")
    return "botocore omits an empty list header (X-C: \"\")";
  if (id == "RestJsonQueryPrecedence" || id == "RestXmlQueryPrecedence")
    return "botocore lets the httpQueryParams map override a named query member";
  if (id == "RestJsonHttpPayloadWithUnsetUnion" || id == "RestXmlHttpPayloadWithUnsetUnion")
    return "botocore sends {} for an unset union payload";
  if (id == "DocumentTypeAsPayloadInput" || id == "DocumentTypeAsPayloadInputString")
    return "document-typed payloads are not supported by botocore (it writes {\"null\": ...})";
  if (id == "BodyWithXmlName" || id == "HttpPayloadWithXmlName" || id == "HttpPayloadWithXmlNamespace" ||
      id == "HttpPayloadWithXmlNamespaceAndPrefix" || id == "RestXmlHttpPayloadWithUnion" ||
      id == "XmlAttributesOnPayload")
    return "XML element naming: botocore names elements after locationName (member, then target shape) and the "
           "root after the input's or payload member's; the test names them after the member and the target shape";
  return "listed in botocore's protocol-tests-ignore-list.json";
}

struct ignore_list {
  std::set<std::string> suites;
  std::map<std::string, std::set<std::string>> cases;  // file base -> case ids

  bool contains(std::string const& base, std::string const& suite, std::string const& id) const {
    if (suites.count(suite)) return true;
    auto it = cases.find(base);
    return it != cases.end() && it->second.count(id);
  }
};

ignore_list load_ignore_list(fs::path const& file) {
  ignore_list out;
  auto doc = json::parse(read_text(file)).as_object();
  for (auto const& s : doc.at("general").at("input").at("suites").as_array())
    out.suites.insert(std::string(s.as_string()));
  for (auto const& [proto, v] : doc.at("protocols").as_object()) {
    auto const* in = v.as_object().if_contains("input");
    if (!in) continue;
    for (auto const& c : in->at("cases").as_array()) out.cases[std::string(proto)].insert(std::string(c.as_string()));
  }
  return out;
}

bool is_json_text(std::string const& s, json::value& out) {
  boost::system::error_code ec;
  out = json::parse(s, ec);
  return !ec;
}

std::string show(std::string const& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else {
      char b[8];
      std::snprintf(b, sizeof b, "\\x%02x", c);
      out += b;
    }
  }
  return out;
}

std::string compare_body(std::string const& protocol, std::string const& expected, std::string const& actual) {
  auto bytes = [&]() -> std::string {
    if (expected == actual) return {};
    return "body: expected \"" + show(expected) + "\", got \"" + show(actual) + "\"";
  };
  if (protocol == "smithy-rpc-v2-cbor") {
    auto exp_bytes = base64_decode(expected);
    if (!exp_bytes) return "body: expected body is not base64";
    if (actual.empty()) return expected.empty() ? "" : "body: expected a CBOR body, got none";
    auto e = awscoro::test::decode_cbor(*exp_bytes);
    auto a = awscoro::test::decode_cbor(actual);
    if (!e) return "body: expected body is not CBOR";
    if (!a) return "body: actual body is not CBOR: " + show(actual);
    auto d = awscoro::test::json_diff(*e, *a);
    return d.empty() ? "" : "body (CBOR): " + d;
  }
  if (protocol == "json" || protocol == "rest-json") {
    json::value e, a;
    bool ej = is_json_text(expected, e), aj = is_json_text(actual, a);
    if (ej && aj) {
      auto d = awscoro::test::json_diff(e, a);
      return d.empty() ? "" : "body (JSON): " + d + "; actual " + show(actual);
    }
    if (protocol == "json" && ej) return "body: not JSON: \"" + show(actual) + "\"";
    return bytes();
  }
  if (protocol == "rest-xml") {
    auto e = awscoro::test::parse_xml_tree(expected);
    auto a = awscoro::test::parse_xml_tree(actual);
    if (e && a) {
      auto d = awscoro::test::xml_tree_diff(*e, *a);
      return d.empty() ? "" : "body (XML): " + d + "; actual " + show(actual);
    }
    return bytes();
  }
  return bytes();
}

// Names of the input's list-typed header members (their values join items with ",").
std::set<std::string> list_headers(service_model const& m, operation_model const& op, bool& holds_timestamps,
                                   std::set<std::string>& timestamp_lists) {
  std::set<std::string> out;
  holds_timestamps = false;
  if (op.input == no_shape) return out;
  for (auto const& ref : m.at(op.input).members) {
    if (ref.location != member_location::header || m.target(ref).type != shape_type::list) continue;
    auto name = lower(std::string(m.wire_name(ref)));
    out.insert(name);
    if (m.target(m.target(ref).member).type == shape_type::timestamp) {
      timestamp_lists.insert(name);
      holds_timestamps = true;
    }
  }
  return out;
}

// With --dump FILE, every serialized request is written there as one JSON line, to compare with
// botocore's own output byte for byte (botocore_requests.py).
std::ofstream* dump_file = nullptr;

void dump(std::string const& base, std::string const& id, awscoro::http_request const& req) {
  json::object o;
  o["file"] = base;
  o["id"] = id;
  o["method"] = req.method;
  o["path"] = req.path;
  o["query"] = req.query;
  json::object headers;
  for (auto const& [k, v] : req.headers) headers[k] = v;
  o["headers"] = std::move(headers);
  o["body"] = base64_encode(req.body);
  o["host_prefix"] = req.host_prefix;
  *dump_file << json::serialize(o) << "\n";
}

std::string run_case(std::string const& base, json::object const& suite, json::object const& c,
                     std::string const& protocol) {
  json::object doc;
  doc["metadata"] = suite.at("metadata");
  doc["shapes"] = suite.at("shapes");
  auto const& given = c.at("given").as_object();
  json::object ops;
  ops[given.at("name").as_string()] = given;
  doc["operations"] = std::move(ops);
  std::string err;
  auto model = service_model::compile(doc, "protocol-test", &err);
  if (!model) return "model does not compile: " + err;
  auto const* op = (*model)->find_operation(given.at("name").as_string());
  if (!op) return "operation not found";
  auto const& params = c.at("params").as_object();
  auto req = serialize_request(**model, *op, params, err);
  if (!req) return "serialize_request failed: " + err;
  if (dump_file) dump(base, std::string(c.at("id").as_string()), *req);
  auto const& want = c.at("serialized").as_object();

  if (auto const* m = want.if_contains("method"); m && m->as_string() != req->method)
    return "method: expected " + std::string(m->as_string()) + ", got " + req->method;
  std::string uri = req->path;
  if (!req->query.empty()) uri += (uri.find('?') == std::string::npos ? "?" : "&") + req->query;
  if (auto const* u = want.if_contains("uri"); u && u->as_string() != uri)
    return "uri: expected \"" + std::string(u->as_string()) + "\", got \"" + uri + "\"";
  if (auto const* b = want.if_contains("body")) {
    auto d = compare_body(protocol, std::string(b->as_string()), req->body);
    if (!d.empty()) return d;
  }
  if (auto const* h = want.if_contains("headers")) {
    std::set<std::string> ts_lists;
    bool any_ts = false;
    auto lists = list_headers(**model, *op, any_ts, ts_lists);
    for (auto const& [name, value] : h->as_object()) {
      std::string n(name), v(value.as_string());
      auto ln = lower(n);
      if (ln == "content-type") {
        if (protocol == "query" || protocol == "ec2") {
          if (v.find("charset=utf-8") == std::string::npos) v += "; charset=utf-8";
        } else if (protocol == "rest-xml") {
          continue;
        } else if (protocol == "rest-json" && v != "application/json") {
          continue;
        }
      }
      auto const* actual = req->headers.find(n);
      if (!actual) return "header " + n + ": missing (expected \"" + v + "\")";
      std::string a = *actual;
      if (lists.count(ln)) {
        replace_all(v, ", ", ",");
        if (ts_lists.count(ln)) replace_all(a, ", ", ",");
      }
      if (a != v) return "header " + n + ": expected \"" + v + "\", got \"" + a + "\"";
    }
  }
  if (auto const* f = want.if_contains("forbidHeaders"))
    for (auto const& name : f->as_array())
      if (req->headers.contains(name.as_string())) return "header " + std::string(name.as_string()) + ": forbidden but present";
  if (auto const* host = want.if_contains("host")) {
    std::string endpoint = suite.contains("clientEndpoint") ? std::string(suite.at("clientEndpoint").as_string())
                                                            : "https://example.com";
    auto scheme_end = endpoint.find("://");
    std::string authority = scheme_end == std::string::npos ? endpoint : endpoint.substr(scheme_end + 3);
    authority = authority.substr(0, authority.find('/'));
    std::string actual_host = req->host_prefix + authority;
    if (actual_host != host->as_string())
      return "host: expected " + std::string(host->as_string()) + ", got " + actual_host;
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: conformance-protocols-input <conformance dir> [--dump FILE]\n";
    return 2;
  }
  std::ofstream dump_stream;
  if (argc >= 4 && std::string_view(argv[2]) == "--dump") {
    dump_stream.open(argv[3]);
    dump_file = &dump_stream;
  }
  fs::path root = fs::path(argv[1]) / "protocols";
  auto ignored = load_ignore_list(root / "protocol-tests-ignore-list.json");
  auto const known = awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);
  std::set<std::string> known_seen;

  std::vector<fs::path> files;
  for (auto const& e : fs::directory_iterator(root / "input"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());

  tally total;
  std::size_t loaded = 0;
  for (auto const& file : files) {
    std::string base = file.stem().string();
    tally t;
    std::vector<std::string> notes;
    auto suites = json::parse(read_text(file)).as_array();
    for (auto const& sv : suites) {
      auto const& suite = sv.as_object();
      std::string description(suite.at("description").as_string());
      std::string protocol(suite.at("metadata").at("protocol").as_string());
      for (auto const& cv : suite.at("cases").as_array()) {
        ++loaded;
        auto const& c = cv.as_object();
        std::string id(c.at("id").as_string());
        std::string failure;
        try {
          failure = run_case(base, suite, c, protocol);
        } catch (std::exception const& e) {
          failure = std::string("exception: ") + e.what();
        }
        if (ignored.contains(base, description, id)) {
          ++t.skipped;
          std::string line = "  skipped " + base + "/" + id + ": botocore skips it: " + ignore_reason(description, id);
          if (failure.empty()) line += " (note: awscoro passes it)";
          notes.push_back(line);
          continue;
        }
        auto k = known.find(id);
        if (k == known.end()) k = known.find(base + "/" + id);
        if (k != known.end()) {
          known_seen.insert(k->first);
          if (failure.empty()) {
            ++t.failed;
            notes.push_back("  FAILED " + base + "/" + id + ": listed in known_failures.txt but passes");
          } else {
            ++t.skipped;
            notes.push_back("  skipped " + base + "/" + id + ": known failure: " + k->second);
          }
          continue;
        }
        if (failure.empty()) {
          ++t.passed;
        } else {
          ++t.failed;
          notes.push_back("  FAILED " + base + "/" + id + " (" + description + "): " + failure);
        }
      }
    }
    t.print("protocols-input-" + base);
    for (auto const& n : notes) std::cout << n << "\n";
    total += t;
  }
  for (auto const& [id, reason] : known)
    if (!known_seen.count(id)) {
      std::cout << "  FAILED known_failures.txt names a case that does not exist: " << id << "\n";
      ++total.failed;
    }
  if (loaded != expected_cases) {
    std::cout << "  FAILED loaded " << loaded << " cases, the conformance README says " << expected_cases << "\n";
    ++total.failed;
  }
  total.print("protocols-input");
  return total.failed == 0 ? 0 : 1;
}

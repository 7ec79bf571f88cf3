// Conformance runner: conformance/protocols/output/*.json (README section 1, "Output case").
// Each case's response goes through parse_response with the case's own small model; the result
// is normalized (ResponseMetadata dropped, timestamps to epoch seconds, float specials to their
// strings) and compared semantically with the expected result or error.
#include "parse_in_pieces.hpp"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "json_compare.hpp"
#include "model/service_model.hpp"
#include "parse/parser.hpp"
#include "util/encoding.hpp"
#include "util/timestamp.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace awscoro::detail;

namespace {

constexpr std::size_t expected_cases = 365;

using awscoro::test::read_text;
using awscoro::test::tally;

// Why botocore does not pass each case of its ignore list (README section 1).
std::string ignore_reason(std::string const& id) {
  auto has = [&](char const* s) { return id.find(s) != std::string::npos; };
  if (has("FooErrorUsing"))
    return "a 5xx with an empty body becomes botocore's generic error (Code \"500\"); a body code field is not "
           "read, only __type";
  if (id == "QueryComplexError" || id == "Ec2ComplexError" || id == "ComplexError")
    return "the case has no errorMessage, so the harness expects Message \"\"; botocore returns \"Hi\" or no Message";
  if (id == "QueryXmlLists" || id == "Ec2XmlLists" || id == "XmlLists")
    return "botocore keys flattened lists by the list member's locationName, so flattenedList, flattenedList2 "
           "come back missing";
  if (has("HttpPayloadTraitsWithNoBlobBody"))
    return "botocore returns an empty blob \"\" where the test wants the member absent";
  if (has("InputAndOutputWithTimestampHeaders"))
    return "botocore splits timestamp list headers on ',', which cuts HTTP dates in two";
  if (has("QuotedStringHeaders")) return "quoted list header items are not unquoted";
  if (id == "RestJsonDeserializesDenseSetMapAndSkipsNull") return "a null inside a map of lists crashes botocore's parser";
  if (id.rfind("RpcV2Cbor", 0) == 0) return "listed in botocore's ignore list (stale: botocore 1.43.11 passes it)";
  if (has("HttpPayloadWithUnsetUnion"))
    return "botocore sends {} for an unset union payload, and rejects an empty union payload in a response";
  if (id == "MediaTypeHeaderOutputBase64")
    return "botocore treats jsonvalue headers as JSON documents: base64 of \"true\" out, true back in";
  if (id == "BodyWithXmlName")
    return "XML element naming: botocore names elements after locationName; the test after the member";
  return "listed in botocore's protocol-tests-ignore-list.json";
}

std::string format_number_special(double d) {
  if (std::isnan(d)) return "NaN";
  return d > 0 ? "Infinity" : "-Infinity";
}

// Walks the value alongside its shape: timestamps to epoch seconds, float specials to strings.
void normalize(service_model const& m, shape_id id, json::value& v) {
  auto const& s = m.at(id);
  if (s.document) return;
  switch (s.type) {
    case shape_type::structure:
      if (!v.is_object()) return;
      for (auto& [k, child] : v.get_object()) {
        int i = s.find_member(k);
        if (i >= 0) normalize(m, s.members[static_cast<std::size_t>(i)].target, child);
      }
      return;
    case shape_type::list:
      if (!v.is_array()) return;
      for (auto& item : v.get_array()) normalize(m, s.member.target, item);
      return;
    case shape_type::map:
      if (!v.is_object()) return;
      for (auto& [k, child] : v.get_object()) normalize(m, s.value.target, child);
      return;
    case shape_type::timestamp:
      if (v.is_string()) {
        if (auto t = parse_timestamp(v.get_string())) {
          std::int64_t ms = *t / 1000;
          if (ms % 1000 == 0) v = ms / 1000;
          else v = static_cast<double>(ms) / 1000.0;
        }
      }
      return;
    case shape_type::float_:
    case shape_type::double_:
      if (v.is_double() && !std::isfinite(v.get_double())) v = json::string(format_number_special(v.get_double()));
      return;
    default:
      return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: conformance-protocols-output <conformance_dir>\n";
    return 2;
  }
  fs::path dir = fs::path(argv[1]) / "protocols" / "output";
  auto ignore = json::parse(read_text(fs::path(argv[1]) / "protocols" / "protocol-tests-ignore-list.json")).as_object();
  auto const known = awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);

  std::vector<fs::path> files;
  for (auto const& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());

  tally total;
  std::size_t loaded = 0;
  for (auto const& file : files) {
    auto base = file.stem().string();
    tally t;
    std::set<std::string> ignored_cases, ignored_suites;
    if (auto const* g = ignore.at("general").as_object().if_contains("output"))
      for (auto const& s : g->at("suites").as_array()) ignored_suites.insert(std::string(s.as_string()));
    if (auto const* p = ignore.at("protocols").as_object().if_contains(base))
      if (auto const* o = p->as_object().if_contains("output"))
        for (auto const& c : o->at("cases").as_array()) ignored_cases.insert(std::string(c.as_string()));

    auto suites = json::parse(read_text(file)).as_array();
    for (auto const& suite_v : suites) {
      auto const& suite = suite_v.as_object();
      std::string description(suite.at("description").as_string());
      for (auto const& case_v : suite.at("cases").as_array()) {
        ++loaded;
        auto const& c = case_v.as_object();
        std::string id(c.at("id").as_string());
        std::string full_id = base + "/" + id;
        auto given = c.at("given").as_object();
        std::string op_name(given.at("name").as_string());

        json::object doc;
        doc["metadata"] = suite.at("metadata");
        doc["shapes"] = suite.at("shapes");
        std::string protocol(suite.at("metadata").as_object().at("protocol").as_string());
        if (protocol == "query") {
          if (auto* out = given.if_contains("output")) {
            auto const& shape = suite.at("shapes").as_object().at(out->as_object().at("shape").as_string()).as_object();
            if (auto const* members = shape.if_contains("members"); members && !members->as_object().empty())
              out->as_object()["resultWrapper"] = op_name + "Result";
          }
        }
        json::object ops;
        ops[op_name] = given;
        doc["operations"] = std::move(ops);

        std::string outcome_detail;
        bool ok = false;
        std::string err;
        auto compiled = service_model::compile(doc, "protocol-test", &err);
        if (!compiled) {
          outcome_detail = "model does not compile: " + err;
        } else {
          auto const& model = **compiled;
          auto const* op = model.find_operation(op_name);
          auto const& r = c.at("response").as_object();
          awscoro::http_response resp;
          resp.status = static_cast<unsigned>(r.at("status_code").to_number<std::int64_t>());
          if (auto const* hs = r.if_contains("headers"))
            for (auto const& [k, v] : hs->as_object()) resp.headers.add(k, std::string(v.as_string()));
          if (auto const* b = r.if_contains("body")) {
            std::string body(b->as_string());
            if (protocol == "smithy-rpc-v2-cbor") {
              auto decoded = base64_decode(body);
              body = decoded ? *decoded : std::string();
            }
            resp.body = std::move(body);
          }
          std::string message;
          auto parsed = parse_response(model, *op, resp, message);
          auto pieces = awscoro::test::pieces_agree(model, *op, resp, parsed, message);
          if (!pieces.empty()) {
            outcome_detail = pieces;
          } else if (!parsed) {
            outcome_detail = "parse failed: " + message;
          } else {
            json::object actual = std::move(*parsed);
            actual.erase("ResponseMetadata");
            json::value expected;
            if (auto const* res = c.if_contains("result")) {
              expected = *res;
              if (op->output != no_shape) {
                json::value v = std::move(actual);
                normalize(model, op->output, v);
                actual = std::move(v.as_object());
              }
            } else {
              std::string code = c.contains("errorCode") ? std::string(c.at("errorCode").as_string()) : "";
              json::object e{{"Code", code},
                             {"Message", c.contains("errorMessage") ? c.at("errorMessage") : json::value("")}};
              json::object exp{{"Error", e}};
              if (auto const* fields = c.if_contains("error"))
                for (auto const& [k, v] : fields->as_object()) exp[k] = v;
              expected = std::move(exp);
              if (auto* ae = actual.if_contains("Error"); ae && ae->is_object()) {
                json::object kept;
                for (auto const* k : {"Code", "Message"})
                  if (auto const* v = ae->as_object().if_contains(k)) kept[k] = *v;
                *ae = std::move(kept);
              }
              shape_id error_shape = no_shape;
              for (auto sid : op->errors)
                if (model.at(sid).error_code == code || model.at(sid).name == code) error_shape = sid;
              if (error_shape != no_shape) {
                json::value v = std::move(actual);
                normalize(model, error_shape, v);
                actual = std::move(v.as_object());
              }
            }
            auto diff = awscoro::test::json_diff(expected, actual);
            if (diff.empty()) ok = true;
            else outcome_detail = diff + "\n      actual: " + json::serialize(actual);
          }
        }

        bool ignored = ignored_cases.count(id) || ignored_suites.count(description);
        if (ignored) {
          ++t.skipped;
          std::cout << "  SKIP " << full_id << ": " << ignore_reason(id) << (ok ? " (passes here)" : "") << "\n";
        } else {
          awscoro::test::record_case(t, known, full_id, ok, outcome_detail, full_id, "  ");
        }
      }
    }
    t.print("protocols-output-" + base);
    total += t;
  }
  if (loaded != expected_cases) {
    std::cout << "  FAIL loaded " << loaded << " cases, the conformance README says " << expected_cases << "\n";
    ++total.failed;
  }
  total.print("protocols-output");
  return total.failed == 0 ? 0 : 1;
}

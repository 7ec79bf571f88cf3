// Conformance runner: conformance/response-parsing/ (README section 6). Real responses of real
// services, parsed with the service models in models/ and raw timestamps, compared with
// botocore's whole parsed dict, ResponseMetadata included.
#include "parse_in_pieces.hpp"
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "json_compare.hpp"
#include "model/model_registry.hpp"
#include "parse/parser.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace awscoro::detail;

namespace {

constexpr std::size_t expected_cases = 222;

using awscoro::test::read_text;
using awscoro::test::tally;

std::string squash(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// botocore's runner skips these: each needs a handler beyond the parser.
std::string botocore_skip_reason(std::string const& stem) {
  static std::map<std::string, std::string> const reasons = {
      {"iam-get-user-policy", "the policy document is URL-encoded JSON, decoded by a handler beyond the parser"},
      {"iam-list-roles", "the policy documents are URL-encoded JSON, decoded by a handler beyond the parser"},
      {"s3-get-bucket-location", "S3 GetBucketLocation is parsed by a custom handler"},
      {"cloudformation-get-template", "the template body is JSON, decoded by a handler beyond the parser"},
  };
  for (auto const& [prefix, why] : reasons)
    if (stem.rfind(prefix, 0) == 0) return why;
  return {};
}

struct case_file {
  fs::path body;
  fs::path expected;
  unsigned status;
  std::string group;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: conformance-response-parsing <conformance_dir>\n";
    return 2;
  }
  fs::path root = fs::path(argv[1]) / "response-parsing";
  std::vector<case_file> cases;
  auto collect = [&](fs::path const& dir, fs::path const& expected_dir, char const* ext, unsigned status,
                     std::string group) {
    std::vector<fs::path> files;
    for (auto const& e : fs::directory_iterator(dir))
      if (e.path().extension() == ext) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto const& f : files)
      cases.push_back({f, expected_dir / (f.stem().string() + ".json"), status, group});
  };
  collect(root / "xml" / "responses", root / "xml" / "responses", ".xml", 200, "response-parsing-xml-responses");
  collect(root / "xml" / "errors", root / "xml" / "errors", ".xml", 400, "response-parsing-xml-errors");
  collect(root / "json" / "errors", root / "json" / "expected", ".json", 400, "response-parsing-json-errors");

  auto const known = awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);
  model_registry registry({std::string(AWSCORO_SOURCE_ROOT) + "/models"});

  std::map<std::string, tally> groups;
  std::vector<std::string> group_order;
  tally total;
  for (auto const& c : cases) {
    if (!groups.count(c.group)) group_order.push_back(c.group);
    auto& t = groups[c.group];
    std::string stem = c.body.stem().string();
    std::string id = c.group.substr(std::string("response-parsing-").size()) + "/" + stem;

    if (auto why = botocore_skip_reason(stem); !why.empty()) {
      ++t.skipped;
      std::cout << "  SKIP " << id << ": botocore skips it: " << why << "\n";
      continue;
    }

    std::string detail;
    bool ok = false;
    auto dash = stem.find('-');
    std::string service = stem.substr(0, dash);
    std::string op_part = stem.substr(dash + 1);
    if (auto hash = op_part.find('#'); hash != std::string::npos) op_part.resize(hash);
    load_error le{};
    auto model = registry.service(service, "", &le);
    operation_model const* op = nullptr;
    if (!model) {
      detail = "no model for " + service + ": " + le.message;
    } else {
      // CloudFront's wire names carry an API version suffix (GetDistribution2020_05_31).
      auto api_name = [](std::string n) {
        while (!n.empty() && (std::isdigit(static_cast<unsigned char>(n.back())) || n.back() == '_')) n.pop_back();
        return n;
      };
      for (auto const& o : model->operations)
        if (squash(o.name) == squash(op_part) || squash(api_name(o.name)) == squash(op_part)) op = &o;
      if (!op) detail = "no operation matches " + op_part;
    }
    if (op) {
      awscoro::http_response resp;
      resp.status = c.status;
      resp.body = read_text(c.body);
      parse_options options;
      options.raw_timestamps = true;
      options.modeled_error_fields = false;
      std::string message;
      auto parsed = parse_response(*model, *op, resp, message, options);
      auto pieces = awscoro::test::pieces_agree(*model, *op, resp, parsed, message, options);
      if (!pieces.empty()) {
        detail = pieces;
      } else if (!parsed) {
        detail = "parse failed: " + message;
      } else {
        auto expected = json::parse(read_text(c.expected));
        auto& md = expected.as_object()["ResponseMetadata"];
        if (!md.is_object()) md = json::object();
        md.as_object()["HTTPStatusCode"] = c.status;
        md.as_object()["HTTPHeaders"] = json::object();
        auto diff = awscoro::test::json_diff(expected, *parsed);
        if (diff.empty()) ok = true;
        else detail = diff;
      }
    }
    awscoro::test::record_case(t, known, id, ok, detail, id, "  ");
  }
  for (auto const& g : group_order) {
    auto const& t = groups[g];
    t.print(g);
    total += t;
  }
  if (cases.size() != expected_cases) {
    std::cout << "  FAIL loaded " << cases.size() << " cases, the conformance README says " << expected_cases << "\n";
    ++total.failed;
  }
  total.print("response-parsing");
  return total.failed == 0 ? 0 : 1;
}

// The SigV4 conformance runner (conformance README section 2): signs each suite request with the
// suite's fixed credentials, region, service and time, and compares the Authorization header,
// the canonical request and the string to sign with the expected files.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "conformance_tally.hpp"
#include "known_failures.hpp"
#include "auth/sigv4_signer.hpp"
#include "util/timestamp.hpp"

namespace fs = std::filesystem;
using namespace awscoro;
using namespace awscoro::detail;

namespace {

constexpr std::size_t expected_cases = 34;

using awscoro::test::read_text;
using awscoro::test::tally;

// A raw suite request. The request target may hold raw spaces and UTF-8, so the method ends at
// the first space and the version starts after the last one.
bool parse_request(std::string const& text, http_request& req, std::string& error) {
  std::size_t pos = 0;
  auto next_line = [&](std::string& line) {
    if (pos > text.size()) return false;
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    line = text.substr(pos, nl - pos);
    pos = nl + 1;
    return true;
  };
  std::string line;
  if (!next_line(line)) return error = "empty request", false;
  std::size_t first = line.find(' '), last = line.rfind(' ');
  if (first == std::string::npos || first == last) return error = "bad request line: " + line, false;
  req.method = line.substr(0, first);
  std::string target = line.substr(first + 1, last - first - 1);
  std::size_t q = target.find('?');
  req.path = target.substr(0, q);
  req.query = q == std::string::npos ? std::string() : target.substr(q + 1);
  req.scheme = "https";

  std::vector<std::pair<std::string, std::string>> fields;
  while (pos <= text.size() && next_line(line)) {
    if (line.empty()) {
      req.body = pos <= text.size() ? text.substr(pos) : std::string();
      break;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (fields.empty()) return error = "continuation line before any header", false;
      fields.back().second += '\n';
      fields.back().second += line;
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) return error = "header line without ':': " + line, false;
    fields.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  for (auto& [name, value] : fields) {
    if (name == "Host" || name == "host") req.host = value;
    req.headers.add(name, std::move(value));
  }
  return true;
}

std::string session_token_from(std::string const& creq) {
  constexpr std::string_view prefix = "x-amz-security-token:";
  std::istringstream in(creq);
  for (std::string line; std::getline(in, line);)
    if (line.compare(0, prefix.size(), prefix) == 0) return line.substr(prefix.size());
  return {};
}

std::map<std::string, std::string> load_known_failures() {
#ifdef AWSCORO_KNOWN_FAILURES
  return awscoro::test::load_known_failures(AWSCORO_KNOWN_FAILURES);
#else
  return {};
#endif
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: conformance-sigv4 CONFORMANCE_DIR\n";
    return 2;
  }
  fs::path root = fs::path(argv[1]) / "sigv4";
  if (!fs::is_directory(root)) {
    std::cerr << "no such directory: " << root << "\n";
    return 2;
  }

  // A case is a folder holding <folder>.req; normalize-path/ and post-sts-token/ group some.
  std::vector<std::string> ids;
  for (auto const& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    fs::path dir = entry.path();
    if (fs::exists(dir / (dir.filename().string() + ".req"))) ids.push_back(fs::relative(dir, root).generic_string());
  }
  std::sort(ids.begin(), ids.end());

  credentials creds;
  creds.access_key = "AKIDEXAMPLE";
  creds.secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  timestamp_us when = parse_timestamp("2015-08-30T12:36:00Z").value();
  sigv4_signer signer("us-east-1", "service");
  auto known = load_known_failures();

  std::map<std::string, tally> groups;
  for (auto const& id : ids) {
    std::size_t slash = id.find('/');
    std::string group = slash == std::string::npos ? "sigv4/top" : "sigv4/" + id.substr(0, slash);
    fs::path dir = root / id;
    std::string base = dir.filename().string();
    std::string creq = read_text(dir / (base + ".creq"));
    std::string sts = read_text(dir / (base + ".sts"));
    std::string authz = read_text(dir / (base + ".authz"));

    std::string problem;
    http_request req;
    if (parse_request(read_text(dir / (base + ".req")), req, problem)) {
      credentials c = creds;
      c.token = session_token_from(creq);
      sigv4_trace trace;
      if (auto err = signer.sign(req, c, when, &trace); !err.empty()) {
        problem = "signing failed: " + err;
      } else {
        std::string const* got = req.headers.find("Authorization");
        if (trace.canonical_request != creq)
          problem = "canonical request differs:\n--- expected\n" + creq + "\n--- got\n" + trace.canonical_request;
        else if (trace.string_to_sign != sts)
          problem = "string to sign differs:\n--- expected\n" + sts + "\n--- got\n" + trace.string_to_sign;
        else if (!got || *got != authz)
          problem = "Authorization differs:\n--- expected\n" + authz + "\n--- got\n" + (got ? *got : "(none)");
      }
    }

    awscoro::test::record_case(groups[group], known, id, problem.empty(), problem, id, "  ");
  }

  bool count_ok = ids.size() == expected_cases;
  if (!count_ok)
    std::cout << "  FAIL loaded " << ids.size() << " cases, the conformance README says " << expected_cases << "\n";
  tally total;
  for (auto const& [name, t] : groups) {
    t.print(name);
    total += t;
  }
  total.print("sigv4");
  return total.failed == 0 && count_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

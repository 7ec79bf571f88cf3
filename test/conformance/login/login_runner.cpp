// The login_session provider runner (conformance README section 9): each case writes its config
// and token cache to a fresh folder, runs the login provider with the clock frozen at
// 2025-11-19T00:00:00Z, and sends any refresh through awscoro's own signin client to the test
// server on 127.0.0.1, which checks the body against the case's tokenInput and verifies the DPoP
// proof with the key from the cache before answering.
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <awscoro/awscoro.hpp>

#include "config/config_resolver.hpp"
#include "credentials/dpop_proof.hpp"
#include "credentials/login_provider.hpp"
#include "conformance_tally.hpp"
#include "json_compare.hpp"
#include "run_sync.hpp"
#include "test_server.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"
#include "util/timestamp.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
namespace asio = boost::asio;
using namespace awscoro;
using namespace awscoro::detail;

namespace {

constexpr std::size_t expected_cases = 8;
constexpr std::string_view frozen_now = "2025-11-19T00:00:00Z";

using awscoro::test::read_text;

std::string base64url_decode(std::string_view text) {
  std::string s(text);
  for (auto& c : s) {
    if (c == '-') c = '+';
    else if (c == '_') c = '/';
  }
  while (s.size() % 4) s += '=';
  return base64_decode(s).value_or("");
}

// Checks a DPoP proof as the sign-in service would: ES256 over header.payload with the key the
// header's jwk names, which must be the cached key's, bound to POST `url`.
std::string dpop_problem(std::string const& proof, std::string const& url, dpop_key const& expected_key) {
  auto first = proof.find('.');
  auto second = proof.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) return "not a compact JWS";
  boost::system::error_code ec;
  auto header = json::parse(base64url_decode(proof.substr(0, first)), ec);
  if (ec || !header.is_object()) return "unreadable header";
  auto payload = json::parse(base64url_decode(proof.substr(first + 1, second - first - 1)), ec);
  if (ec || !payload.is_object()) return "unreadable payload";
  auto const& h = header.as_object();
  auto const& p = payload.as_object();
  if (h.at("typ") != "dpop+jwt" || h.at("alg") != "ES256") return "wrong typ or alg";
  auto const& jwk = h.at("jwk").as_object();
  auto x = base64url_decode(jwk.at("x").as_string());
  auto y = base64url_decode(jwk.at("y").as_string());
  if (x != expected_key.public_x() || y != expected_key.public_y()) return "jwk is not the cached key";
  if (p.at("htm") != "POST" || p.at("htu") != json::string(url)) return "htm/htu do not name POST " + url;
  if (!p.at("iat").is_number() || p.at("jti").as_string().size() != 36) return "bad iat or jti";

  std::string point = "\x04" + x + y;
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* kctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  EVP_PKEY_fromdata_init(kctx);
  EVP_PKEY_fromdata(kctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  auto raw = base64url_decode(proof.substr(second + 1));
  bool ok = false;
  if (key && raw.size() == 64) {
    ECDSA_SIG* sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(sig, BN_bin2bn(reinterpret_cast<unsigned char const*>(raw.data()), 32, nullptr),
                   BN_bin2bn(reinterpret_cast<unsigned char const*>(raw.data()) + 32, 32, nullptr));
    unsigned char* der = nullptr;
    int der_size = i2d_ECDSA_SIG(sig, &der);
    std::string input = proof.substr(0, second);
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    ok = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(md, der, static_cast<std::size_t>(der_size),
                          reinterpret_cast<unsigned char const*>(input.data()), input.size()) == 1;
    EVP_MD_CTX_free(md);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
  }
  EVP_PKEY_free(key);
  EVP_PKEY_CTX_free(kctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  return ok ? "" : "signature does not verify";
}

// Makes the provider's AWS calls through a public awscoro client pointed at the test server,
// unsigned, with the provider's request edit applied before the request is sent.
aws_caller test_server_caller(asio::any_io_executor ex, std::string endpoint) {
  return [ex, endpoint](aws_call call) -> asio::awaitable<config_result<json::object>> {
    try {
      session sess(ex, session_options{.region_name = "us-east-1"});
      client_config unsigned_config;
      unsigned_config.signature_version = "UNSIGNED";
      client_options options{.region_name = "us-east-1", .endpoint_url = endpoint, .config = unsigned_config};
      auto creating = sess.create_client(call.service, std::move(options));
      auto c = co_await std::move(creating);
      if (call.edit_request)
        c.meta().events().register_handler("before-call", [edit = call.edit_request](event_args& args) {
          if (args.request) edit(*args.request);
        });
      auto calling = c.call(call.operation, std::move(call.params));
      co_return co_await std::move(calling);
    } catch (error_base const& e) {
      co_return failed_call(e);
    }
  };
}

// One case; "" when it passes, else why not.
std::string run_case(json::object const& tc, fs::path const& dir) {
  fs::create_directories(dir / "cache");
  std::ofstream(dir / "config") << tc.at("configContents").as_string().c_str();
  for (auto const& [name, contents] : tc.at("cacheContents").as_object())
    std::ofstream(dir / "cache" / std::string(name)) << json::serialize(contents);

  std::vector<json::object> calls;
  if (auto m = tc.if_contains("mockApiCalls"))
    for (auto const& c : m->as_array()) calls.push_back(c.as_object());
  std::optional<dpop_key> cached_key;
  for (auto const& [name, contents] : tc.at("cacheContents").as_object())
    if (auto k = contents.as_object().if_contains("dpopKey"))
      if (auto key = dpop_key::from_pem(k->as_string())) cached_key = *key;

  std::mutex mutex;
  std::string server_problem;
  std::size_t served = 0;
  std::string server_url;
  test::test_server server([&](test::received_request const& r) {
    std::lock_guard lock(mutex);
    auto fault = [&](std::string why) {
      if (server_problem.empty()) server_problem = std::move(why);
      return test::test_response{500, {}, "{}"};
    };
    if (served >= calls.size()) return fault("unexpected request " + r.method + " " + r.target);
    auto const& expected = calls[served++];
    if (r.method != "POST" || r.target != "/v1/token") return fault("request is " + r.method + " " + r.target);
    boost::system::error_code ec;
    auto body = json::parse(r.body, ec);
    auto const& want = expected.at("request").as_object().at("tokenInput");
    if (ec || !test::json_equal(want, body)) return fault("body " + r.body + " is not tokenInput " + json::serialize(want));
    if (!cached_key) return fault("no dpopKey to check the proof with");
    if (auto why = dpop_problem(r.header("DPoP"), server_url + "/v1/token", *cached_key); !why.empty())
      return fault("DPoP proof: " + why);
    if (auto code = expected.if_contains("responseCode"))
      return test::test_response{static_cast<unsigned>(code->to_number<int>()),
                                 {{"Content-Type", "application/json"}, {"x-amzn-ErrorType", "AccessDeniedException"}},
                                 R"({"error":"TOKEN_EXPIRED","message":"refresh token expired"})"};
    auto const& out = expected.at("response").as_object().at("tokenOutput");
    return test::test_response{200, {{"Content-Type", "application/json"}}, json::serialize(out)};
  });
  server_url = server.url();

  environment env;
  env["HOME"] = dir.string();
  env["AWS_CONFIG_FILE"] = (dir / "config").string();
  env["AWS_SHARED_CREDENTIALS_FILE"] = (dir / "credentials").string();
  env["AWS_LOGIN_CACHE_DIRECTORY"] = (dir / "cache").string();
  auto config = config_resolver::load(env, std::string("signin"));
  if (!config) return "config: " + config.error().message;
  auto frozen = std::chrono::system_clock::time_point(std::chrono::microseconds(*parse_timestamp(frozen_now)));
  asio::io_context ioc;
  login_provider provider(*config, "signin", test_server_caller(ioc.get_executor(), server.url()),
                          [frozen] { return frozen; });
  auto result = test::run_sync(ioc, provider.load());
  server.stop();
  if (!server_problem.empty()) return "server: " + server_problem;
  if (served != calls.size()) return std::to_string(served) + " refresh calls, expected " + std::to_string(calls.size());

  for (auto const& o : tc.at("outcomes").as_array()) {
    auto const& outcome = o.as_object();
    auto kind = outcome.at("result").as_string();
    if (kind == "error") {
      if (result) return "expected an error, got " + std::string(*result ? "credentials" : "nothing");
      if (result.error().message.empty()) return "the error has no message";
      // The test server refuses scripted refreshes as signin does for an expired refresh token
      // (AccessDeniedException, error TOKEN_EXPIRED): botocore's LoginRefreshRequired.
      bool refused = std::any_of(calls.begin(), calls.end(), [](auto const& c) { return c.contains("responseCode"); });
      if (refused && result.error().message.find("Your session has expired") != 0)
        return "a refused refresh says: " + result.error().message;
    } else if (kind == "credentials") {
      if (!result) return "error: " + result.error().message;
      if (!*result) return "no credentials";
      auto const& c = **result;
      auto expiry = c.expiry ? format_iso8601(std::chrono::duration_cast<std::chrono::microseconds>(
                                                  c.expiry->time_since_epoch()).count())
                             : std::string();
      // system_clock ends in 2262: later expiries are held as its maximum.
      if (c.expiry == std::chrono::system_clock::time_point::max() &&
          *parse_timestamp(outcome.at("expiresAt").as_string()) >
              std::chrono::duration_cast<std::chrono::microseconds>(c.expiry->time_since_epoch()).count())
        expiry = outcome.at("expiresAt").as_string();
      if (c.access_key != outcome.at("accessKeyId").as_string() ||
          c.secret_key != outcome.at("secretAccessKey").as_string() ||
          c.token != outcome.at("sessionToken").as_string() || c.account_id != outcome.at("accountId").as_string() ||
          expiry != outcome.at("expiresAt").as_string() || c.method != "login")
        return "credentials differ (key " + c.access_key + ", account " + c.account_id + ", expires " + expiry +
               ", method " + c.method + ")";
    } else if (kind == "cacheContents") {
      for (auto const& [name, want] : outcome) {
        if (name == "result") continue;
        boost::system::error_code ec;
        auto got = json::parse(read_text(dir / "cache" / std::string(name)), ec);
        if (ec || !test::json_equal(want, got)) return "cache file " + std::string(name) + " differs";
      }
    } else {
      return "unknown outcome " + std::string(kind);
    }
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: conformance-login CONFORMANCE_DIR\n";
    return 2;
  }
  auto cases = json::parse(read_text(fs::path(argv[1]) / "login" / "login-provider-test-cases.json")).as_array();
  std::string pattern = (fs::temp_directory_path() / "awscoro-login-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) return 2;
  fs::path root = pattern;
  awscoro::test::tally t;
  std::map<std::string, std::string> const no_known_failures;
  int index = 0;
  for (auto const& c : cases) {
    auto const& tc = c.as_object();
    auto why = run_case(tc, root / std::to_string(++index));
    std::string const doc(tc.at("documentation").as_string());
    awscoro::test::record_case(t, no_known_failures, doc, why.empty(), why, doc);
  }
  std::error_code ec;
  fs::remove_all(root, ec);
  t.print("login");
  if (cases.size() != expected_cases) {
    std::cout << "loaded " << cases.size() << " cases, expected " << expected_cases << "\n";
    return 1;
  }
  return t.failed == 0 ? 0 : 1;
}

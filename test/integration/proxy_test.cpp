// Calls through a real HTTP proxy (Debian's tinyproxy, started on 127.0.0.1 for the test and
// stopped by its PID): forwarded http requests, CONNECT tunnels for https with TLS end to end,
// Basic proxy authentication, HTTP_PROXY / NO_PROXY from the environment, and clear errors.
#include <doctest/doctest.h>

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdlib>
#include <initializer_list>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_sync.hpp"
#include "test_server.hpp"

extern char** environ;

using namespace awscoro;
using awscoro::test::received_request;
using awscoro::test::test_response;
using awscoro::test::test_server;
namespace asio = boost::asio;

namespace {

std::string find_program(std::initializer_list<char const*> paths) {
  for (char const* p : paths)
    if (::access(p, X_OK) == 0) return p;
  return {};
}

std::string find_tinyproxy() { return find_program({"/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"}); }
std::string find_stunnel() { return find_program({"/usr/bin/stunnel4", "/usr/bin/stunnel"}); }

std::uint16_t free_port() {
  asio::io_context ioc;
  asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

int& daemon_counter() {
  static int n = 0;
  return n;
}

// A server program run in the foreground for one test, in a directory of its own, listening on
// 127.0.0.1:port(); its output goes to output.log there. Stopped by its PID when destroyed.
class local_daemon {
 public:
  explicit local_daemon(char const* name)
      : dir_(std::filesystem::temp_directory_path() /
             (std::string("awscoro-") + name + '-' + std::to_string(::getpid()) + '-' + std::to_string(daemon_counter()++))),
        port_(free_port()) {
    std::filesystem::create_directories(dir_);
  }
  ~local_daemon() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  local_daemon(local_daemon const&) = delete;
  local_daemon& operator=(local_daemon const&) = delete;

  std::filesystem::path const& dir() const { return dir_; }
  std::uint16_t port() const { return port_; }
  std::string read(char const* file) const {
    std::ifstream in(dir_ / file);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Runs `argv` and waits (bounded) until it accepts connections on port().
  void start(std::vector<std::string> const& argv) {
    std::vector<char*> args;
    for (auto const& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::string log = (dir_ / "output.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    REQUIRE(posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      asio::io_context ioc;
      asio::ip::tcp::socket s(ioc);
      boost::system::error_code ec;
      s.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
      if (!ec) break;
      INFO(read("output.log"));
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

 private:
  std::filesystem::path dir_;
  std::uint16_t port_;
  pid_t pid_ = -1;
};

// tinyproxy on 127.0.0.1, with an optional Basic user.
class tinyproxy {
 public:
  explicit tinyproxy(std::string const& basic_auth = {}) {
    std::string config = (daemon_.dir() / "tinyproxy.conf").string();
    std::ofstream conf(config);
    conf << "Port " << daemon_.port() << "\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\nAllow 127.0.0.1\n"
         << "LogFile \"" << (daemon_.dir() / "tinyproxy.log").string() << "\"\nLogLevel Connect\n"
         << "DisableViaHeader No\n";
    if (!basic_auth.empty()) conf << "BasicAuth " << basic_auth << "\n";
    conf.close();
    daemon_.start({find_tinyproxy(), "-d", "-c", config});
  }
  std::uint16_t port() const { return daemon_.port(); }
  std::string url(std::string const& credentials = {}) const {
    return "http://" + (credentials.empty() ? "" : credentials + "@") + "127.0.0.1:" + std::to_string(port());
  }
  std::string log() const { return daemon_.read("tinyproxy.log"); }

 private:
  local_daemon daemon_{"tinyproxy"};
};

// An https:// proxy: Debian's stunnel taking TLS on 127.0.0.1 (a certificate issued by `ca`'s CA)
// in front of a tinyproxy, optionally requiring a client certificate from the same CA.
class tls_proxy {
 public:
  tls_proxy(test_server& ca, bool require_client_certificate = false) {
    std::string config = (daemon_.dir() / "stunnel.conf").string();
    std::ofstream conf(config);
    conf << "foreground = yes\npid =\n\n[proxy]\naccept = 127.0.0.1:" << daemon_.port()
         << "\nconnect = 127.0.0.1:" << http_.port() << "\ncert = " << ca.write_server_certificate() << "\n";
    if (require_client_certificate)
      conf << "CAfile = " << ca.write_ca_bundle() << "\nverifyChain = yes\nrequireCert = yes\n";
    conf.close();
    daemon_.start({find_stunnel(), config});
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(daemon_.port()); }
  std::string log() const { return http_.log(); }

 private:
  tinyproxy http_;
  local_daemon daemon_{"stunnel"};
};

struct proxy_fixture {
  asio::io_context ioc;
  session sess{ioc.get_executor(), session_options{.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                    .aws_secret_access_key = "secret"}};
  client make(std::string const& url, std::map<std::string, std::string> proxies, client_options extra = {}) {
    client_config config = extra.config.value_or(client_config{});
    config.retries.mode = "standard";
    config.retries.total_max_attempts = 1;
    config.proxies = std::move(proxies);
    extra.region_name = "us-east-1";
    extra.endpoint_url = url;
    extra.config = config;
    return test::run_sync(ioc, sess.create_client("dynamodb", extra));
  }
  template <class T>
  T run(asio::awaitable<T> op) {
    return test::run_sync(ioc, std::move(op));
  }
};

test_response ok() {
  return {.status = 200, .headers = {{"Content-Type", "application/x-amz-json-1.0"}}, .body = R"({"TableNames":["t"]})"};
}

// Restores an environment variable when the test ends.
struct scoped_env {
  scoped_env(char const* name, char const* value) : name_(name) {
    if (char const* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~scoped_env() {
    if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("proxy: http requests are forwarded, https ones tunnelled with TLS end to end") {
  if (find_tinyproxy().empty()) {
    MESSAGE("skipped: tinyproxy is not installed (./run setup installs tinyproxy-bin)");
    return;
  }
  tinyproxy proxy;
  test_server plain([](received_request const&) { return ok(); });
  proxy_fixture f;
  auto via_proxy = f.make(plain.url(), {{"http", proxy.url()}});
  CHECK(f.run(via_proxy.call("ListTables")).at("TableNames").as_array().size() == 1);
  auto requests = plain.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].header("Via").find("tinyproxy") != std::string::npos);  // it went through the proxy
  CHECK(requests[0].target == "/");
  CHECK(requests[0].header("Authorization").find("AWS4-HMAC-SHA256") == 0);

  test_server secure({.tls = true}, [](received_request const&) { return ok(); });
  std::string ca = secure.write_ca_bundle();
  auto tunnelled = f.make(secure.url(), {{"https", proxy.url()}}, {.ca_bundle = ca});
  CHECK(f.run(tunnelled.call("ListTables")).at("TableNames").as_array().size() == 1);
  CHECK(f.run(tunnelled.call("ListTables")).at("TableNames").as_array().size() == 1);
  CHECK(secure.requests().size() == 2);
  CHECK(secure.requests()[0].header("Via").empty());  // a tunnel: the proxy never saw the request
  CHECK(secure.connections_accepted() == 1);          // one tunnel, kept alive and reused
  CHECK(proxy.log().find("CONNECT") != std::string::npos);

  // The certificate is still checked through the tunnel.
  auto unverified_ca = f.make(secure.url(), {{"https", proxy.url()}});
  CHECK_THROWS_AS(f.run(unverified_ca.call("ListTables")), http_error);
}

TEST_CASE("proxy: Basic authentication from the proxy URL; a refusal is a clear error without secrets") {
  if (find_tinyproxy().empty()) {
    MESSAGE("skipped: tinyproxy is not installed");
    return;
  }
  tinyproxy proxy("alice s3cr3t-pass");
  test_server secure({.tls = true}, [](received_request const&) { return ok(); });
  std::string ca = secure.write_ca_bundle();
  proxy_fixture f;
  auto good = f.make(secure.url(), {{"https", proxy.url("alice:s3cr3t-pass")}}, {.ca_bundle = ca});
  CHECK(f.run(good.call("ListTables")).contains("TableNames"));

  auto bad = f.make(secure.url(), {{"https", proxy.url("alice:wrong-pass")}}, {.ca_bundle = ca});
  std::string what = test::thrown_text<http_error>([&] { f.run(bad.call("ListTables")); });
  INFO(what);
  CHECK(what.find("the proxy wants other credentials") != std::string::npos);  // tinyproxy answers 401
  CHECK(what.find("proxy 127.0.0.1") != std::string::npos);
  CHECK(what.find("wrong-pass") == std::string::npos);

  test_server plain([](received_request const&) { return ok(); });
  auto forwarded = f.make(plain.url(), {{"http", proxy.url("alice:s3cr3t-pass")}});
  CHECK(f.run(forwarded.call("ListTables")).contains("TableNames"));
  CHECK(plain.requests().at(0).header("Proxy-Authorization").empty());  // consumed by the proxy
}

TEST_CASE("proxy: HTTP_PROXY from the environment, NO_PROXY bypassing it, bad proxy URLs refused") {
  if (find_tinyproxy().empty()) {
    MESSAGE("skipped: tinyproxy is not installed");
    return;
  }
  tinyproxy proxy;
  test_server plain([](received_request const&) { return ok(); });
  {
    scoped_env http_proxy("HTTP_PROXY", proxy.url().c_str());
    scoped_env lower("http_proxy", nullptr);
    scoped_env no_proxy("NO_PROXY", nullptr);
    proxy_fixture f;
    auto c = f.make(plain.url(), {});
    f.run(c.call("ListTables"));
    CHECK(plain.requests().back().header("Via").find("tinyproxy") != std::string::npos);
  }
  {
    scoped_env http_proxy("HTTP_PROXY", proxy.url().c_str());
    scoped_env no_proxy("NO_PROXY", "localhost,127.0.0.1");
    proxy_fixture f;
    auto c = f.make(plain.url(), {});
    f.run(c.call("ListTables"));
    CHECK(plain.requests().back().header("Via").empty());
  }
  proxy_fixture f;
  CHECK_THROWS_AS(f.make(plain.url(), {{"http", "socks5://127.0.0.1:1080"}}), config_error);
}

TEST_CASE("proxy: an https:// proxy is reached over TLS; https requests tunnel TLS inside it") {
  if (find_tinyproxy().empty() || find_stunnel().empty()) {
    MESSAGE("skipped: tinyproxy or stunnel is not installed (./run setup installs tinyproxy-bin and stunnel4)");
    return;
  }
  test_server proxy_ca({.tls = true});  // only its CA is used: it vouches for the proxy
  tls_proxy proxy(proxy_ca);
  std::string proxy_bundle = proxy_ca.write_ca_bundle();
  proxy_fixture f;
  client_options trust_proxy;
  trust_proxy.config = client_config{};
  trust_proxy.config->proxies_config.proxy_ca_bundle = proxy_bundle;

  // http: forwarded to the proxy over TLS.
  test_server plain([](received_request const&) { return ok(); });
  auto forwarded = f.make(plain.url(), {{"http", proxy.url()}}, trust_proxy);
  CHECK(f.run(forwarded.call("ListTables")).at("TableNames").as_array().size() == 1);
  REQUIRE(plain.requests().size() == 1);
  CHECK(plain.requests()[0].header("Via").find("tinyproxy") != std::string::npos);

  // https: a CONNECT tunnel over TLS with the proxy, TLS with the service inside it, kept alive.
  test_server secure({.tls = true}, [](received_request const&) { return ok(); });
  client_options both = trust_proxy;
  both.ca_bundle = secure.write_ca_bundle();
  auto tunnelled = f.make(secure.url(), {{"https", proxy.url()}}, both);
  CHECK(f.run(tunnelled.call("ListTables")).at("TableNames").as_array().size() == 1);
  CHECK(f.run(tunnelled.call("ListTables")).at("TableNames").as_array().size() == 1);
  CHECK(secure.requests().size() == 2);
  CHECK(secure.requests()[0].header("Via").empty());  // the proxy only relayed TLS bytes
  CHECK(secure.connections_accepted() == 1);
  CHECK(proxy.log().find("CONNECT") != std::string::npos);

  // Without proxy_ca_bundle the proxy's certificate is checked against the services' bundle, which
  // does not vouch for it.
  client_options service_only;
  service_only.ca_bundle = both.ca_bundle;
  auto untrusted = f.make(secure.url(), {{"https", proxy.url()}}, service_only);
  std::string what = test::thrown_text<http_error>([&] { f.run(untrusted.call("ListTables")); });
  INFO(what);
  CHECK(what.find("TLS handshake failed with the proxy for") != std::string::npos);
  CHECK(what.find("certificate verify failed") != std::string::npos);
  // Trusting the proxy is not trusting the service behind it.
  auto service_untrusted = f.make(secure.url(), {{"https", proxy.url()}}, trust_proxy);
  what = test::thrown_text<http_error>([&] { f.run(service_untrusted.call("ListTables")); });
  CHECK(what.find("TLS handshake failed with 127.0.0.1:") == 0);
  // A proxy CA bundle that cannot be read is named.
  client_options missing_bundle;
  missing_bundle.config = client_config{};
  missing_bundle.config->proxies_config.proxy_ca_bundle = "/nonexistent/proxy-ca.pem";
  auto broken = f.make(plain.url(), {{"http", proxy.url()}}, missing_bundle);
  what = test::thrown_text<http_error>([&] { f.run(broken.call("ListTables")); });
  CHECK(what.find("/nonexistent/proxy-ca.pem") != std::string::npos);
}

TEST_CASE("proxy: proxy_client_cert is presented to an https:// proxy that asks for one") {
  if (find_tinyproxy().empty() || find_stunnel().empty()) {
    MESSAGE("skipped: tinyproxy or stunnel is not installed");
    return;
  }
  test_server proxy_ca({.tls = true});
  tls_proxy proxy(proxy_ca, /*require_client_certificate=*/true);
  test_server plain([](received_request const&) { return ok(); });
  proxy_fixture f;
  client_options options;
  options.config = client_config{};
  options.config->proxies_config.proxy_ca_bundle = proxy_ca.write_ca_bundle();

  auto without = f.make(plain.url(), {{"http", proxy.url()}}, options);
  CHECK_THROWS_AS(f.run(without.call("ListTables")), http_error);
  CHECK(plain.requests().empty());

  options.config->proxies_config.proxy_client_cert = proxy_ca.write_client_certificate();
  auto with = f.make(plain.url(), {{"http", proxy.url()}}, options);
  CHECK(f.run(with.call("ListTables")).contains("TableNames"));
  CHECK(plain.requests().size() == 1);
}

// Calls through a real HTTP proxy (Debian's tinyproxy, started on 127.0.0.1 for the test and
// stopped by its PID): forwarded http requests, CONNECT tunnels for https with TLS end to end,
// Basic proxy authentication, HTTP_PROXY / NO_PROXY from the environment, and clear errors.
#include <doctest/doctest.h>

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

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

std::string find_tinyproxy() {
  for (char const* p : {"/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"})
    if (::access(p, X_OK) == 0) return p;
  return {};
}

std::uint16_t free_port() {
  asio::io_context ioc;
  asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

// tinyproxy in the foreground on 127.0.0.1, with an optional Basic user.
class tinyproxy {
 public:
  explicit tinyproxy(std::string const& basic_auth = {}) {
    dir_ = std::filesystem::temp_directory_path() / ("awscoro-proxy-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
    port_ = free_port();
    std::ofstream conf(dir_ / "tinyproxy.conf");
    conf << "Port " << port_ << "\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\nAllow 127.0.0.1\n"
         << "LogFile \"" << (dir_ / "tinyproxy.log").string() << "\"\nLogLevel Connect\n"
         << "DisableViaHeader No\n";
    if (!basic_auth.empty()) conf << "BasicAuth " << basic_auth << "\n";
    conf.close();
    std::string exe = find_tinyproxy();
    std::string config = (dir_ / "tinyproxy.conf").string();
    char const* argv[] = {exe.c_str(), "-d", "-c", config.c_str(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    REQUIRE(posix_spawn(&pid_, exe.c_str(), &actions, nullptr, const_cast<char**>(argv), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    // Wait (bounded) until it accepts connections.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      asio::io_context ioc;
      asio::ip::tcp::socket s(ioc);
      boost::system::error_code ec;
      s.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
      if (!ec) break;
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~tinyproxy() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string url(std::string const& credentials = {}) const {
    return "http://" + (credentials.empty() ? "" : credentials + "@") + "127.0.0.1:" + std::to_string(port_);
  }
  std::string log() const {
    std::ifstream in(dir_ / "tinyproxy.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

struct proxy_fixture {
  asio::io_context ioc;
  session sess{ioc.get_executor(), session_options{.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                    .aws_secret_access_key = "secret"}};
  client make(std::string const& url, std::map<std::string, std::string> proxies, client_options extra = {}) {
    client_config config;
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
  try {
    f.run(bad.call("ListTables"));
    FAIL("no error");
  } catch (http_error const& e) {
    std::string what = e.what();
    INFO(what);
    CHECK(what.find("the proxy wants other credentials") != std::string::npos);  // tinyproxy answers 401
    CHECK(what.find("proxy 127.0.0.1") != std::string::npos);
    CHECK(what.find("wrong-pass") == std::string::npos);
  }

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

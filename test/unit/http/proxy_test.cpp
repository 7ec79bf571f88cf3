// Which proxy a request takes and how (forwarded or tunnelled, TLS with the proxy or not), as
// botocore with urllib3 decides; NO_PROXY matching; the environment as Python's urllib reads it.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "http/proxy.hpp"

using namespace awscoro::detail;

namespace {

proxy_settings settings(std::map<std::string, std::string> proxies, bool forwarding = false) {
  proxy_settings s;
  s.proxies = std::move(proxies);
  s.use_forwarding_for_https = forwarding;
  return s;
}

std::optional<proxy_route> route(proxy_settings const& s, char const* scheme, char const* host = "svc.example",
                                 std::uint16_t port = 443) {
  std::string error;
  auto r = route_through_proxy(s, scheme, host, port, error);
  REQUIRE(error.empty());
  return r;
}

}  // namespace

TEST_CASE("proxy route: http is forwarded, https tunnelled, forwarding for https only through an https proxy") {
  auto plain = settings({{"http", "http://127.0.0.1:3128"}, {"https", "127.0.0.1:3129"}});
  auto r = route(plain, "http");
  REQUIRE(r);
  CHECK_FALSE(r->tunnel);
  CHECK_FALSE(r->tls);
  CHECK(r->port == 3128);
  r = route(plain, "https");
  REQUIRE(r);  // no scheme: an http:// proxy (botocore's _fix_proxy_url)
  CHECK(r->tunnel);
  CHECK_FALSE(r->tls);
  CHECK(r->display == "proxy 127.0.0.1:3129");

  // urllib3 ignores use_forwarding_for_https with an http:// proxy: the request is still tunnelled.
  auto plain_forwarding = settings({{"https", "http://127.0.0.1:3128"}}, true);
  CHECK(route(plain_forwarding, "https")->tunnel);

  auto secure = settings({{"http", "https://proxy.test"}, {"https", "https://proxy.test:8443"}});
  r = route(secure, "http");
  REQUIRE(r);
  CHECK(r->tls);
  CHECK_FALSE(r->tunnel);
  CHECK(r->port == 443);  // the https default
  r = route(secure, "https");
  CHECK(r->tls);
  CHECK(r->tunnel);  // TLS inside TLS
  secure.use_forwarding_for_https = true;
  CHECK_FALSE(route(secure, "https")->tunnel);

  // Routes through different proxies or modes never share a pooled connection.
  CHECK(route(secure, "https")->key() != route(plain, "https")->key());
  CHECK(route(settings({{"https", "https://proxy.test:8443"}}), "https")->key() !=
        route(settings({{"https", "http://proxy.test:8443"}}), "https")->key());
}

TEST_CASE("proxy route: credentials become Basic authorization and stay out of the display") {
  auto r = route(settings({{"https", "https://alice:s3cr3t@proxy.test:8443"}}), "https");
  REQUIRE(r);
  CHECK(r->authorization == "Basic YWxpY2U6czNjcjN0");
  CHECK(r->display.find("s3cr3t") == std::string::npos);
  CHECK(r->key().find("s3cr3t") == std::string::npos);  // the key holds only the encoded form
}

TEST_CASE("proxy route: unusable proxy URLs are errors, never a direct connection") {
  std::string error;
  CHECK_FALSE(route_through_proxy(settings({{"https", "socks5://127.0.0.1:1080"}}), "https", "h", 443, error));
  CHECK(error == "the https proxy uses socks5://; only http:// and https:// proxies are supported");
  error.clear();
  CHECK_FALSE(route_through_proxy(settings({{"http", "http://:0"}}), "http", "h", 80, error));
  CHECK_FALSE(error.empty());
  error.clear();
  CHECK_FALSE(route_through_proxy(settings({{"http", "http://proxy.test:0"}}), "http", "h", 80, error));
  CHECK(error == "the http proxy has an invalid port");
}

TEST_CASE("proxy route: NO_PROXY entries and the environment") {
  CHECK(bypasses_proxy("*", "anything", 1));
  CHECK(bypasses_proxy("localhost, .internal.test", "db.internal.test", 443));
  CHECK(bypasses_proxy("internal.test", "db.internal.test", 443));
  CHECK_FALSE(bypasses_proxy("internal.test", "notinternal.test", 443));
  CHECK(bypasses_proxy("svc.test:8443", "svc.test", 8443));
  CHECK_FALSE(bypasses_proxy("svc.test:8443", "svc.test", 443));
  auto s = settings({{"https", "http://127.0.0.1:3128"}});
  s.no_proxy = "svc.example";
  CHECK_FALSE(route(s, "https"));

  std::map<std::string, std::string> env{{"HTTPS_PROXY", "http://upper:1"}, {"https_proxy", "http://lower:2"},
                                         {"HTTP_PROXY", "http://cgi:3"}, {"REQUEST_METHOD", "GET"},
                                         {"NO_PROXY", "a.test"}};
  auto found = proxies_from_environment(env);
  CHECK(found.proxies.at("https") == "http://lower:2");  // lower case wins
  CHECK(found.proxies.count("http") == 0);                // HTTP_PROXY is ignored in a CGI environment
  CHECK(found.no_proxy == "a.test");
}

TEST_CASE("proxy route: an https proxy's certificate is checked unless nothing asks for it") {
  proxy_settings s;
  CHECK(proxy_verified(s, true));
  CHECK_FALSE(proxy_verified(s, false));
  s.ca_bundle = "/etc/proxy-ca.pem";  // botocore builds a verifying context for the proxy
  CHECK(proxy_verified(s, false));
}

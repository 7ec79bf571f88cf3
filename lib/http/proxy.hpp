// Which proxy a request goes through, and how: botocore's proxy handling (its `proxies` config,
// else the HTTP_PROXY / HTTPS_PROXY / NO_PROXY environment as Python's urllib reads it).
//
// An http:// request is forwarded: sent to the proxy with the absolute URL as its target. An
// https:// request goes through a CONNECT tunnel, TLS running end to end with the service; through
// an https:// proxy with proxy_use_forwarding_for_https it is forwarded instead (the proxy then
// speaks TLS to the service), as urllib3 decides. An https:// proxy is itself reached over TLS
// (proxy_ca_bundle, proxy_client_cert), so a tunnel through it runs TLS inside TLS. Credentials
// in the proxy URL (http://user:pass@host:port) become a Basic Proxy-Authorization header and
// never appear in messages.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace awscoro::detail {

struct proxy_settings {
  std::map<std::string, std::string> proxies;  // URL scheme -> proxy URL
  std::string no_proxy;                        // hosts that bypass the proxies (NO_PROXY's syntax)
  bool use_forwarding_for_https = false;
  // TLS with an https:// proxy: its CA bundle (empty: the one for services) and a client
  // certificate with its key (one PEM file; empty: none).
  std::string ca_bundle;
  std::string client_cert;

  bool empty() const { return proxies.empty(); }
};

struct proxy_route {
  std::string host;            // the proxy's
  std::uint16_t port = 0;
  std::string authorization;   // the Proxy-Authorization value, or empty
  bool tunnel = false;         // CONNECT, then TLS with the service; else forwarded
  bool tls = false;            // an https:// proxy: TLS with the proxy first
  std::string display;         // "proxy host:port" for messages (no credentials)

  // Tells connections through different proxies (or modes) apart in the pool.
  std::string key() const;
};

// The route of a request to scheme://host:port: nullopt for a direct connection. A proxy URL
// that cannot be used (neither http:// nor https://, no host, a bad port) is an error naming the
// scheme, never a silent direct connection.
std::optional<proxy_route> route_through_proxy(proxy_settings const& settings, std::string_view scheme,
                                               std::string_view host, std::uint16_t port, std::string& error);

// Whether an https:// proxy's certificate is checked: botocore builds a verifying context of its
// own once proxy_ca_bundle or proxy_client_cert is set; otherwise the proxy is checked as services
// are (verify).
inline bool proxy_verified(proxy_settings const& settings, bool verify) {
  return verify || !settings.ca_bundle.empty() || !settings.client_cert.empty();
}

// Python's proxy_bypass_environment: NO_PROXY is "*", or a comma-separated list of host names,
// domain suffixes (".example.com" or "example.com" match subdomains) and host:port entries.
bool bypasses_proxy(std::string_view no_proxy, std::string_view host, std::uint16_t port);

// The proxies Python's urllib.request.getproxies() finds in an environment (`<scheme>_proxy`
// variables, lower case winning over upper case) and its no_proxy list. HTTP_PROXY is ignored
// when REQUEST_METHOD is set (a CGI environment), as Python does.
template <class Environment>
proxy_settings proxies_from_environment(Environment const& env) {
  proxy_settings out;
  bool cgi = env.find("REQUEST_METHOD") != env.end();
  auto lower = [](std::string s) {
    for (auto& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  for (int pass = 0; pass < 2; ++pass) {  // upper case first, then lower case overrides
    for (auto const& [name, value] : env) {
      if (name.size() <= 6 || value.empty()) continue;
      std::string suffix = name.substr(name.size() - 6);
      if (lower(suffix) != "_proxy") continue;
      bool is_lower = suffix == "_proxy";
      if (is_lower != (pass == 1)) continue;
      std::string scheme = lower(name.substr(0, name.size() - 6));
      if (scheme == "http" && cgi && !is_lower) continue;
      if (scheme == "no") out.no_proxy = value;
      else out.proxies[scheme] = value;
    }
  }
  return out;
}

}  // namespace awscoro::detail

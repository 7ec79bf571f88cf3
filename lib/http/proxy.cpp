#include "http/proxy.hpp"

#include <boost/url/parse.hpp>

#include "http/http_message.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// botocore's _fix_proxy_url: a proxy given without a scheme is an http:// one.
std::string with_scheme(std::string const& url) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) return url;
  if (url.rfind("//", 0) == 0) return "http:" + url;
  if (url.find("://") != std::string::npos) return url;
  return "http://" + url;
}

}  // namespace

std::string proxy_route::key() const {
  return std::string(tls ? "https://" : "http://") + host + ':' + std::to_string(port) +
         (tunnel ? "/tunnel" : "/forward") + '/' + authorization;
}

bool bypasses_proxy(std::string_view no_proxy, std::string_view host, std::uint16_t port) {
  no_proxy = trim(no_proxy);
  if (no_proxy.empty()) return false;
  if (no_proxy == "*") return true;
  std::string host_port = std::string(host) + ':' + std::to_string(port);
  while (!no_proxy.empty()) {
    auto comma = no_proxy.find(',');
    std::string_view entry = trim(no_proxy.substr(0, comma));
    no_proxy = comma == std::string_view::npos ? std::string_view() : no_proxy.substr(comma + 1);
    if (entry.empty()) continue;
    if (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
    for (std::string_view candidate : {std::string_view(host), std::string_view(host_port)}) {
      if (iequals(candidate, entry)) return true;
      if (candidate.size() > entry.size() && candidate[candidate.size() - entry.size() - 1] == '.' &&
          iequals(candidate.substr(candidate.size() - entry.size()), entry))
        return true;
    }
  }
  return false;
}

std::optional<proxy_route> route_through_proxy(proxy_settings const& settings, std::string_view scheme,
                                               std::string_view host, std::uint16_t port, std::string& error) {
  auto found = settings.proxies.find(std::string(scheme));
  if (found == settings.proxies.end() || found->second.empty()) return std::nullopt;
  if (bypasses_proxy(settings.no_proxy, host, port)) return std::nullopt;
  std::string url = with_scheme(found->second);
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->host().empty()) {
    error = "the " + std::string(scheme) + " proxy is not a valid URL";
    return std::nullopt;
  }
  if (parsed->scheme() != "http" && parsed->scheme() != "https") {
    error = "the " + std::string(scheme) + " proxy uses " + std::string(parsed->scheme()) +
            "://; only http:// and https:// proxies are supported";
    return std::nullopt;
  }
  proxy_route route;
  route.tls = parsed->scheme() == "https";
  route.host = parsed->host();
  if (!route.host.empty() && route.host.front() == '[') route.host = route.host.substr(1, route.host.size() - 2);
  route.port = route.tls ? 443 : 80;
  if (parsed->has_port()) {
    auto p = parsed->port_number();
    if (p == 0) {
      error = "the " + std::string(scheme) + " proxy has an invalid port";
      return std::nullopt;
    }
    route.port = p;
  }
  if (parsed->has_userinfo()) {
    std::string credentials = parsed->user() + ':' + parsed->password();
    route.authorization = "Basic " + base64_encode(credentials);
  }
  // urllib3: http requests are always forwarded; https ones are tunnelled, unless the proxy
  // itself speaks TLS and forwarding was asked for.
  route.tunnel = scheme == "https" && !(route.tls && settings.use_forwarding_for_https);
  route.display = "proxy " + route.host + ':' + std::to_string(route.port);
  return route;
}

}  // namespace awscoro::detail

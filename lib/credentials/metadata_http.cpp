#include "credentials/metadata_http.hpp"

#include <charconv>

#include <boost/asio/this_coro.hpp>

namespace awscoro::detail {
namespace asio = boost::asio;

std::optional<url_parts> split_url(std::string_view url) {
  url_parts u;
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  u.scheme = std::string(url.substr(0, sep));
  for (auto& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (u.scheme != "http" && u.scheme != "https") return std::nullopt;
  auto rest = url.substr(sep + 3);
  auto slash = rest.find_first_of("/?");
  auto authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    u.path.clear();
    if (rest[slash] == '?') u.path.push_back('/');
    u.path.append(rest.substr(slash));
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    u.host = std::string(authority.substr(1, close - 1));
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
  } else {
    auto colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (u.host.empty()) return std::nullopt;
  if (!port_text.empty()) {
    auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), u.port);
    if (ec != std::errc() || p != port_text.data() + port_text.size()) return std::nullopt;
  }
  return u;
}

asio::awaitable<http_response> metadata_send(http_request request, std::chrono::milliseconds timeout,
                                             http_failure& failure) {
  auto ex = co_await asio::this_coro::executor;
  http_client_options options;
  options.connect_timeout = timeout;
  options.read_timeout = timeout;
  options.max_pool_connections = 1;
  http_client client(ex, options);
  auto response = co_await client.send(request, failure);
  client.close();
  co_return response;
}

}  // namespace awscoro::detail

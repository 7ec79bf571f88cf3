// One HTTP exchange with a metadata endpoint (container credentials, instance metadata):
// URL splitting and a send bounded by a timeout, over lib/http's client.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "http/http_client.hpp"

namespace awscoro::detail {

struct url_parts {
  std::string scheme;  // "http" or "https"
  std::string host;    // without brackets
  std::uint16_t port = 0;
  std::string path = "/";  // with the query, if any
};

// nullopt when it is not an http(s) URL with a host.
std::optional<url_parts> split_url(std::string_view url);

// Sends `request` (scheme, host and port filled from `base`, path appended) on a fresh client
// with `timeout` for connect and each read. On failure the response has status 0 and
// `failure` says why.
boost::asio::awaitable<http_response> metadata_send(http_request request, std::chrono::milliseconds timeout,
                                                    http_failure& failure);

}  // namespace awscoro::detail

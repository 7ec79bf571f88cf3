// The HTTP request and response as the pipeline stages pass them along, and as event handlers
// see and edit them.
//
// The serializer fills method, path, query, headers and body; the endpoint stage fills scheme,
// host and port and prefixes the endpoint's own path; the signer adds its headers; the HTTP
// layer sends it. Responses arrive with the body whole (streaming bodies take another route).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <awscoro/body_source.hpp>

namespace awscoro {
namespace detail {
bool iequals(std::string_view a, std::string_view b);
}  // namespace detail

// Header fields in insertion order, names compared case-insensitively, as HTTP says.
class header_list {
 public:
  using field = std::pair<std::string, std::string>;

  // The first value of `name`, or nullptr.
  std::string const* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  // Replaces every field named `name` with one field.
  void set(std::string_view name, std::string value);
  // Adds a field, keeping any others of the same name.
  void add(std::string_view name, std::string value);
  void remove(std::string_view name);

  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  void clear() { fields_.clear(); }
  std::vector<field> const& fields() const { return fields_; }

 private:
  std::vector<field> fields_;
};

struct http_request {
  std::string method = "POST";
  std::string scheme = "https";  // "http" or "https"
  std::string host;              // host name or address, no port, no brackets for IPv6
  std::uint16_t port = 0;        // 0: the scheme's default
  std::string path = "/";        // percent-encoded, starts with '/'
  std::string query;             // percent-encoded "a=1&b=2", no leading '?'
  header_list headers;
  std::string body;
  // When set, the body is read from here as it is sent, and `body` is ignored.
  body_source body_stream;
  std::string host_prefix;       // serializer's expanded endpoint.hostPrefix ("foo.bar."), applied by the endpoint stage

  // "host" or "host:port" when the port is not the scheme's default: the Host header's value.
  std::string authority() const;
  // scheme://authority/path?query
  std::string url() const;
  // path?query, as sent on the request line.
  std::string target() const;
};

struct http_response {
  unsigned status = 0;
  header_list headers;
  std::string body;
};

}  // namespace awscoro

#include "http/request_head.hpp"

#include <charconv>
#include <string_view>

namespace awscoro::detail {
namespace {

bool valid_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == ':' || c == '\0') return false;
  return true;
}

bool valid_value(std::string_view s) {
  for (char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

bool method_has_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

void append_number(std::string& out, std::uint64_t n) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

void append_authority(std::string& out, http_request const& request) {
  bool ipv6 = request.host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += request.host;
  if (ipv6) out += ']';
  bool default_port = request.port == 0 || (request.scheme == "https" && request.port == 443) ||
                      (request.scheme == "http" && request.port == 80);
  if (!default_port) {
    out += ':';
    append_number(out, request.port);
  }
}

}  // namespace

bool write_request_head(http_request const& request, std::string& out, std::string& error,
                        forwarding_proxy const* proxy) {
  out.clear();
  if (!valid_token(request.method)) {
    error = "invalid HTTP method";
    return false;
  }
  out += request.method;
  out += ' ';
  if (proxy) {  // absolute-form target (RFC 9112 3.2.2)
    out += request.scheme;
    out += "://";
    append_authority(out, request);
  }
  if (request.path.empty()) out += '/';
  else out += request.path;
  if (!request.query.empty()) {
    out += request.path.find('?') == std::string::npos ? '?' : '&';
    out += request.query;
  }
  if (!valid_value(request.path) || !valid_value(request.query) || !valid_value(request.host) ||
      out.find(' ', request.method.size() + 1) != std::string::npos) {
    error = "invalid character in the request path or query";
    return false;
  }
  out += " HTTP/1.1\r\n";

  bool has_host = false;
  for (auto const& [name, value] : request.headers) {
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) continue;
    if (!valid_token(name)) {
      error = "invalid header name \"" + name + "\"";
      return false;
    }
    if (!valid_value(value)) {
      error = "invalid character in the value of header " + name;
      return false;
    }
    if (!has_host && iequals(name, "Host")) has_host = true;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!has_host) {
    if (request.host.empty() || !valid_value(request.host) || request.host.find(' ') != std::string::npos) {
      error = "invalid host name";
      return false;
    }
    out += "Host: ";
    append_authority(out, request);
    out += "\r\n";
  }
  if (proxy && !proxy->authorization.empty()) {
    out += "Proxy-Authorization: ";
    out += proxy->authorization;
    out += "\r\n";
  }
  if (request.body_stream) {
    if (auto size = request.body_stream.size()) {
      out += "Content-Length: ";
      append_number(out, *size);
      out += "\r\n";
    } else {
      out += "Transfer-Encoding: chunked\r\n";
    }
  } else if (!request.body.empty() || method_has_body(request.method)) {
    out += "Content-Length: ";
    append_number(out, request.body.size());
    out += "\r\n";
  }
  out += "\r\n";
  return true;
}

}  // namespace awscoro::detail

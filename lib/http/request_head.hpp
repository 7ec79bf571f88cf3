// The request line and header block of an HTTP/1.1 request, written into a reused buffer.
#pragma once

#include <string>

#include "http/http_message.hpp"

namespace awscoro::detail {

// Writes "METHOD target HTTP/1.1\r\n", the request's headers in order, Host (when the request
// has none) and Content-Length (when there is a body, or the method is one that carries one;
// a body_stream of unknown size gets Transfer-Encoding: chunked instead), and the blank line,
// into `out` (cleared first; its capacity is reused). Content-Length and Transfer-Encoding
// fields of the request are replaced.
// Returns false, with `error` naming the field, when a method, name or value holds a character
// that would split the message (CR, LF, or in names and the method also space, ':' or NUL).
//
// Through a forwarding proxy, the target is the absolute URL and the proxy's credentials go in
// Proxy-Authorization.
struct forwarding_proxy {
  std::string authorization;  // the Proxy-Authorization value, or empty
};
bool write_request_head(http_request const& request, std::string& out, std::string& error,
                        forwarding_proxy const* proxy = nullptr);

}  // namespace awscoro::detail

// The request line and header block of an HTTP/1.1 request, written into a reused buffer.
#pragma once

#include <string>

#include "http/http_message.hpp"

namespace awscoro::detail {

// Writes "METHOD target HTTP/1.1\r\n", the request's headers in order, Host (when the request
// has none) and Content-Length (when there is a body, or the method is one that carries one), and
// the blank line, into `out` (cleared first; its capacity is reused). Content-Length and
// Transfer-Encoding fields of the request are replaced: the body is always sent whole.
// Returns false, with `error` naming the field, when a method, name or value holds a character
// that would split the message (CR, LF, or in names and the method also space, ':' or NUL).
bool write_request_head(http_request const& request, std::string& out, std::string& error);

}  // namespace awscoro::detail

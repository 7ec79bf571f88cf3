// JSON text the way botocore's json.dumps writes it: ASCII only (other characters as \uXXXX
// escapes), floats as Python's repr, NaN and infinities as the bare words Python emits.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

namespace awscoro::detail {

// Separators between members and items: botocore's bodies use ", " and ": " (json.dumps'
// defaults); jsonvalue headers use "," and ":".
enum class json_spacing : bool { python_default, compact };

// Python json.dumps' ensure_ascii: on, everything outside printable ASCII is a \uXXXX escape (and
// bytes that are not valid UTF-8 become \ufffd); off, only quotes, backslashes and control
// characters are escaped and the rest is copied as it is.
enum class json_ascii : bool { escape_non_ascii, keep_utf8 };

// Appends `text` as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text,
                        json_ascii ascii = json_ascii::escape_non_ascii);
// Appends any JSON value: documents and jsonvalue members carry data with no shape to follow.
void append_json_value(std::string& out, boost::json::value const& v, json_spacing spacing);

}  // namespace awscoro::detail

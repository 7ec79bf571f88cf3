// Number and JSON text conversions for to_string() and to_number(), matching what jmespath.py
// (Python's json.dumps with separators (',', ':') and float repr) produces.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jmespath/value_ref.hpp"

namespace awscoro::detail::jmespath {

// Compact JSON: no spaces, non-ASCII escaped as \uXXXX, doubles as Python's repr (1.0, 1e-05).
void append_json_text(std::string& out, value_ref const& v);

// A decimal number (surrounding whitespace and a sign allowed), or nullopt.
std::optional<number> parse_number(std::string_view text) noexcept;

}  // namespace awscoro::detail::jmespath

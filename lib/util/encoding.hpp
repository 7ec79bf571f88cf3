// Byte encodings every stage needs: base64, hex and RFC 3986 percent-encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace awscoro::detail {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid base64 (padding optional, whitespace not allowed).
std::optional<std::string> base64_decode(std::string_view text);

std::string hex_encode(std::string_view bytes);

// Percent-encodes every byte except A-Z a-z 0-9 - . _ ~ (and '/' when `keep_slash`), as SigV4
// and the AWS protocols require. Space becomes %20.
std::string percent_encode(std::string_view text, bool keep_slash = false);
void percent_encode_to(std::string& out, std::string_view text, bool keep_slash = false);
// Decodes %XX escapes; '+' stays '+'. Malformed escapes are copied as they are.
std::string percent_decode(std::string_view text);
// application/x-www-form-urlencoded decoding (Python's unquote_plus): '+' is a space, then %XX.
std::string form_decode(std::string_view text);

}  // namespace awscoro::detail

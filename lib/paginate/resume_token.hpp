// botocore's pagination tokens: a JSON object of the service's input tokens (plus
// boto_truncate_amount when a page was cut short), as Python's json.dumps writes it, in base64.
// Tokens are interchangeable with botocore's: each side decodes what the other encodes, and for
// text tokens the bytes are identical.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace awscoro::detail {

// Python's json.dumps(v) with its defaults (", " and ": " separators, ensure_ascii, floats as
// repr). Strings that are not valid UTF-8 cannot be written by Python: see encode_resume_token.
std::string token_json_dumps(boost::json::value const& v);

// base64(json.dumps(token)). Strings that are not valid UTF-8 are bytes (blob tokens): as
// botocore's TokenEncoder does, they are base64-encoded in place and their paths listed under
// "boto_encoded_keys".
std::string encode_resume_token(boost::json::object const& token);

// A decoded StartingToken: the service tokens (boto_encoded_keys decoded back to bytes) and
// how many items of the first page's primary result key to skip.
struct starting_token {
  boost::json::object tokens;
  std::int64_t truncate_amount = 0;
};

// botocore's PageIterator._parse_starting_token: a base64 JSON object; otherwise the older
// "TOKEN1___TOKEN2___INDEX" form, which also lets a raw service token through unchanged.
// Returns false with `error` set when the token cannot be one for `input_tokens`.
bool decode_starting_token(std::string_view text, std::vector<std::string> const& input_tokens, starting_token& out,
                           std::string& error);

// Whether `s` is text Python could hold (valid UTF-8); anything else is a bytes token.
bool is_text_token(std::string_view s) noexcept;

}  // namespace awscoro::detail

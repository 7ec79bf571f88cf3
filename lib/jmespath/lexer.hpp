// Splits an expression into tokens, decoding identifiers, numbers and literals on the way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "jmespath/expression.hpp"

namespace awscoro::detail::jmespath {

enum class token_kind : std::uint8_t {
  eof, unquoted_identifier, quoted_identifier, literal, number, dot, star, rbracket, comma, colon,
  current, lparen, rparen, lbrace, rbrace, lbracket, flatten, filter, pipe, logical_or,
  logical_and, expref, eq, ne, lt, le, gt, ge, logical_not,
};

// How a token kind reads in an error message: "']'", "an identifier", "the end of the expression".
std::string_view describe(token_kind k) noexcept;

struct token {
  token_kind kind = token_kind::eof;
  std::uint32_t offset = 0;  // byte offset in the expression
  std::int64_t number = 0;   // number
  std::uint32_t literal = 0; // literal: index into the literal table
  std::string text;          // identifiers, decoded
};

// 1-based column, in code points, of byte `offset` of `text`.
std::size_t column_of(std::string_view text, std::size_t offset) noexcept;

// A syntax error at byte `offset` of `text`, with its column and the text in the message.
error syntax_error(std::string_view text, std::size_t offset, std::string_view what);

// Appends the tokens of `text` (ending with eof) to `out` and its literals to `literals`.
bool tokenize(std::string_view text, std::vector<token>& out, std::vector<boost::json::value>& literals,
              error& err);

}  // namespace awscoro::detail::jmespath

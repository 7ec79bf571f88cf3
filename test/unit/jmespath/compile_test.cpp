#include <doctest/doctest.h>

#include <string>

#include <boost/json/parse.hpp>

#include "jmespath/expression.hpp"

namespace jp = awscoro::detail::jmespath;
namespace json = boost::json;

namespace {

jp::error compile_error(std::string_view text) {
  auto r = jp::compile(text);
  REQUIRE_MESSAGE(!r, "compiled: " << text);
  return r.error();
}

bool contains(std::string const& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("syntax errors name the column and what was expected") {
  auto e = compile_error("foo[");
  CHECK(e.type == jp::error::kind::syntax);
  CHECK(e.column == 5);
  CHECK(contains(e.message, "column 5"));
  CHECK(contains(e.message, "'foo['"));
  CHECK(contains(e.message, "found the end of the expression"));

  e = compile_error("foo.1");
  CHECK(e.column == 5);
  CHECK(contains(e.message, "expected an identifier, '*', '[' or '{' after '.'"));
  CHECK(contains(e.message, "found a number"));

  e = compile_error("a.{foo: bar, }");
  CHECK(e.column == 14);
  CHECK(contains(e.message, "expected a key"));

  e = compile_error("foo[0, 1]");
  CHECK(e.column == 6);
  CHECK(contains(e.message, "expected ']'"));

  e = compile_error("length(a b)");
  CHECK(e.column == 10);
  CHECK(contains(e.message, "expected ',' or ')'"));

  e = compile_error("a = b");
  CHECK(e.column == 3);
  CHECK(contains(e.message, "'=='"));

  e = compile_error("foo[#]");
  CHECK(e.column == 5);
  CHECK(contains(e.message, "unexpected character '#'"));
}

TEST_CASE("columns count code points, not bytes") {
  auto e = compile_error("\"\xE2\x9C\x93\xE2\x9C\x93\" ]");  // "✓✓" ]
  CHECK(e.column == 6);
}

TEST_CASE("lexical errors") {
  CHECK(compile_error("").type == jp::error::kind::syntax);
  CHECK(compile_error("\"foo").column == 1);
  CHECK(contains(compile_error("\"foo").message, "unterminated quoted identifier"));
  CHECK(contains(compile_error("`[1, 2]").message, "unterminated JSON literal"));
  CHECK(contains(compile_error("'abc").message, "unterminated raw string"));
  CHECK(compile_error("\"\\u\"").type == jp::error::kind::syntax);
  CHECK(compile_error("foo[-]").column == 5);
  CHECK(contains(compile_error("[99999999999999999999]").message, "number out of range"));
}

TEST_CASE("quoted identifiers cannot name functions, and only fields can be called") {
  CHECK(contains(compile_error("\"length\"(@)").message, "function name cannot be a quoted identifier"));
  CHECK(compile_error("@(foo)").type == jp::error::kind::syntax);
  CHECK(compile_error("foo.bar(x)").type == jp::error::kind::unknown_function);
}

TEST_CASE("function names and arities are checked when compiling") {
  auto e = compile_error("a.nope(@)");
  CHECK(e.type == jp::error::kind::unknown_function);
  CHECK(e.column == 3);
  CHECK(contains(e.message, "unknown function nope()"));

  e = compile_error("abs(`1`, `2`)");
  CHECK(e.type == jp::error::kind::invalid_arity);
  CHECK(contains(e.message, "abs() takes 1 argument, got 2"));

  e = compile_error("merge()");
  CHECK(e.type == jp::error::kind::invalid_arity);
  CHECK(contains(e.message, "at least 1 argument"));

  CHECK(jp::compile("not_null(a, b, c, d, e, f)").has_value());
}

TEST_CASE("a syntax error later in the text wins over a bad call before it") {
  CHECK(compile_error("nope(a").type == jp::error::kind::syntax);
  CHECK(compile_error("abs() ]").type == jp::error::kind::syntax);
  CHECK(compile_error("foo[::0] ]").type == jp::error::kind::syntax);
}

TEST_CASE("a slice step of zero is an invalid value") {
  auto e = compile_error("foo[8:2:0]");
  CHECK(e.type == jp::error::kind::invalid_value);
  CHECK(e.column == 4);
  CHECK(compile_error("foo[8:2:0:1]").type == jp::error::kind::syntax);
  CHECK(compile_error("foo[1 2]").type == jp::error::kind::syntax);
}

TEST_CASE("deep nesting is refused, not a stack overflow") {
  std::string deep(5000, '(');
  deep += "a";
  deep += std::string(5000, ')');
  auto e = compile_error(deep);
  CHECK(contains(e.message, "nested too deeply"));
  std::string ok(100, '(');
  ok += "a";
  ok += std::string(100, ')');
  CHECK(jp::compile(ok).has_value());
}

TEST_CASE("error kinds print as the compliance suite names them") {
  CHECK(jp::to_string(jp::error::kind::syntax) == "syntax");
  CHECK(jp::to_string(jp::error::kind::invalid_type) == "invalid-type");
  CHECK(jp::to_string(jp::error::kind::invalid_arity) == "invalid-arity");
  CHECK(jp::to_string(jp::error::kind::invalid_value) == "invalid-value");
  CHECK(jp::to_string(jp::error::kind::unknown_function) == "unknown-function");
}

TEST_CASE("an expression keeps its text, and an empty one gives null") {
  auto r = jp::compile("foo.bar");
  REQUIRE(r.has_value());
  CHECK(r->text() == "foo.bar");
  jp::expression empty;
  CHECK(empty.empty());
  auto v = jp::evaluate(empty, json::parse(R"({"a": 1})"));
  REQUIRE(v.has_value());
  CHECK(v->is_null());
}

#include <doctest/doctest.h>

#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "jmespath/expression.hpp"

namespace jp = awscoro::detail::jmespath;
namespace json = boost::json;

namespace {

constexpr std::string_view doc = R"({
  "n": -2.5, "i": -3, "s": "h\u00e9llo \u2713\ud834\udd1e", "strs": ["b", "a", "c"], "nums": [3, 1.5, 2],
  "mixed": [1, "a"], "bools": [true], "o": {"x": 1, "y": 2}, "e": [], "nul": null,
  "people": [{"name": "b", "age": 30}, {"name": "a", "age": 20}, {"name": "c", "age": 30}, {"name": "d", "age": "x"}]
})";

std::string eval(std::string_view expression) {
  auto compiled = jp::compile(expression);
  if (!compiled) return "error: " + compiled.error().message;
  auto r = jp::evaluate(*compiled, json::parse(doc));
  if (!r) return "error: " + std::string(jp::to_string(r.error().type));
  return json::serialize(*r);
}

// The message of an evaluation error (empty when there is none).
std::string type_error(std::string_view expression) {
  auto compiled = jp::compile(expression);
  REQUIRE(compiled.has_value());
  auto r = jp::evaluate(*compiled, json::parse(doc));
  REQUIRE_MESSAGE(!r, "no error for " << expression);
  CHECK(r.error().type == jp::error::kind::invalid_type);
  return r.error().message;
}

}  // namespace

TEST_CASE("type errors name the function, the argument and both types") {
  CHECK(type_error("abs(s)") == "abs() expects argument 1 to be a number, got string (in 'abs(s)')");
  CHECK(type_error("abs(`true`)").find("got boolean") != std::string::npos);
  CHECK(type_error("length(n)").find("a string, an array or an object, got number") != std::string::npos);
  CHECK(type_error("avg(mixed)").find("an array holding a string") != std::string::npos);
  CHECK(type_error("sum(strs)").find("sum() expects argument 1 to be an array of numbers") != std::string::npos);
  CHECK(type_error("sort(mixed)").find("an array of numbers or an array of strings") != std::string::npos);
  CHECK(type_error("sort(bools)").find("holding a boolean") != std::string::npos);
  CHECK(type_error("max(o)").find("got object") != std::string::npos);
  CHECK(type_error("join(`1`, strs)").find("argument 1 to be a string") != std::string::npos);
  CHECK(type_error("join(',', mixed)").find("argument 2 to be an array of strings") != std::string::npos);
  CHECK(type_error("keys(strs)").find("an object, got array") != std::string::npos);
  CHECK(type_error("values(nul)").find("got null") != std::string::npos);
  CHECK(type_error("merge(o, strs)").find("argument 2 to be an object") != std::string::npos);
  CHECK(type_error("starts_with(s, `1`)").find("argument 2") != std::string::npos);
  CHECK(type_error("ends_with(`1`, s)").find("argument 1") != std::string::npos);
  CHECK(type_error("contains(`1`, s)").find("an array or a string") != std::string::npos);
  CHECK(type_error("reverse(o)").find("an array or a string") != std::string::npos);
  CHECK(type_error("ceil(s)").find("ceil()") != std::string::npos);
  CHECK(type_error("floor(nul)").find("floor()") != std::string::npos);
  CHECK(type_error("map(strs, &a)").find("expression reference") != std::string::npos);
  CHECK(type_error("map(&a, o)").find("argument 2 to be an array") != std::string::npos);
  CHECK(type_error("sort_by(people, name)").find("expression reference") != std::string::npos);
  CHECK(type_error("sort_by(people, &age)").find("give a number for every element, got string") != std::string::npos);
  CHECK(type_error("sort_by(people, &missing)").find("got null") != std::string::npos);
  CHECK(type_error("max_by(people, &age)").find("max_by()") != std::string::npos);
  CHECK(type_error("min_by(people, &o)").find("min_by()") != std::string::npos);
  CHECK(type_error("abs(&n)").find("got expref") != std::string::npos);
}

TEST_CASE("numeric functions") {
  CHECK(eval("abs(n)") == "2.5E0");
  CHECK(eval("abs(i)") == "3");
  CHECK(eval("abs(`-9223372036854775808`)") == "9223372036854775808");
  CHECK(eval("ceil(n)") == "-2");
  CHECK(eval("floor(n)") == "-3");
  CHECK(eval("floor(`5`)") == "5");
  CHECK(eval("avg(nums)") == "2.1666666666666665E0");
  CHECK(eval("avg(e)") == "null");
  CHECK(eval("sum(nums)") == "6.5E0");
  CHECK(eval("sum(`[9223372036854775807, 1]`)") == "9.223372036854776E18");
  CHECK(eval("sum(`[1, 2, 3]`)") == "6");
  CHECK(eval("sum(e)") == "0");
  CHECK(eval("max(nums)") == "3");
  CHECK(eval("min(nums)") == "1.5E0");
  CHECK(eval("max(strs)") == R"("c")");
  CHECK(eval("min(e)") == "null");
}

TEST_CASE("string functions count and reverse code points") {
  CHECK(eval("length(s)") == "8");
  CHECK(eval("reverse(s)") == "\"\xF0\x9D\x84\x9E\xE2\x9C\x93 oll\xC3\xA9h\"");
  CHECK(eval("starts_with(s, 'h\u00e9')") == "true");
  CHECK(eval("ends_with(s, 'x')") == "false");
  CHECK(eval("contains(s, 'llo')") == "true");
  CHECK(eval("contains(s, `1`)") == "false");
  CHECK(eval("join(', ', strs)") == R"("b, a, c")");
  CHECK(eval("join('', e)") == R"("")");
}

TEST_CASE("collection functions") {
  CHECK(eval("sort(strs)") == R"(["a","b","c"])");
  CHECK(eval("sort(nums)") == "[1.5E0,2,3]");
  CHECK(eval("keys(o)") == R"(["x","y"])");
  CHECK(eval("values(o)") == "[1,2]");
  CHECK(eval("merge(o, `{\"y\": 3, \"z\": 4}`, `{\"x\": 0}`)") == R"({"x":0,"y":3,"z":4})");
  CHECK(eval("not_null(nul, missing, e, i)") == "[]");
  CHECK(eval("not_null(nul)") == "null");
  CHECK(eval("to_array(i)") == "[-3]");
  CHECK(eval("to_array(strs)") == R"(["b","a","c"])");
  CHECK(eval("contains(nums, `1.5`)") == "true");
  CHECK(eval("contains(`[1]`, `true`)") == "false");
  CHECK(eval("reverse(nums)") == "[2,1.5E0,3]");
  CHECK(eval("map(&age, people)") == R"([30,20,30,"x"])");
  CHECK(eval("map(&missing, people)") == "[null,null,null,null]");
  CHECK(eval("type(@)") == R"("object")");
  CHECK(eval("[type(s), type(i), type(nul), type(e), type(`true`)]") ==
        R"(["string","number","null","array","boolean"])");
}

TEST_CASE("sort_by is stable; min_by and max_by take the first extreme") {
  CHECK(eval("sort_by(people[:3], &age)[*].name") == R"(["a","b","c"])");
  CHECK(eval("sort_by(people[:3], &name)[*].age") == "[20,30,30]");
  CHECK(eval("reverse(sort_by(people[:3], &age))[*].name") == R"(["c","b","a"])");
  CHECK(eval("max_by(people[:3], &age).name") == R"("b")");
  CHECK(eval("min_by(people[:3], &age).name") == R"("a")");
  CHECK(eval("max_by(people, &name).name") == R"("d")");
  CHECK(eval("max_by(e, &age)") == "null");
  CHECK(eval("sort_by(e, &age)") == "[]");
}

TEST_CASE("to_number and to_string") {
  CHECK(eval("to_number('42')") == "42");
  CHECK(eval("to_number(' -7 ')") == "-7");
  CHECK(eval("to_number('1.5')") == "1.5E0");
  CHECK(eval("to_number('1e3')") == "1E3");
  CHECK(eval("to_number('abc')") == "null");
  CHECK(eval("to_number('')") == "null");
  CHECK(eval("to_number('1e400')") == "null");
  CHECK(eval("to_number(`true`)") == "null");
  CHECK(eval("to_number(i)") == "-3");
  CHECK(eval("to_string(s)") == "\"h\xC3\xA9llo \xE2\x9C\x93\xF0\x9D\x84\x9E\"");
  CHECK(eval("to_string(o)") == R"("{\"x\":1,\"y\":2}")");
  CHECK(eval("to_string([s])") == R"("[\"h\\u00e9llo \\u2713\\ud834\\udd1e\"]")");
  CHECK(eval("to_string(nums)") == R"("[3,1.5,2]")");
  CHECK(eval("to_string(`1.0`)") == R"("1.0")");
  CHECK(eval("to_string(`1e16`)") == R"("1e+16")");
  CHECK(eval("to_string(`1e15`)") == R"("1000000000000000.0")");
  CHECK(eval("to_string(`0.0001`)") == R"("0.0001")");
  CHECK(eval("to_string(`0.00001`)") == R"("1e-05")");
  CHECK(eval("to_string(`-1.5e300`)") == R"("-1.5e+300")");
  CHECK(eval("to_string(`0.1`)") == R"("0.1")");
  CHECK(eval("to_string(`[null, true, {\"a\": \"\\n\"}]`)") == R"("[null,true,{\"a\":\"\\n\"}]")");
}

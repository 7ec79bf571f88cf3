#include <doctest/doctest.h>

#include <string>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "jmespath/expression.hpp"

namespace jp = awscoro::detail::jmespath;
namespace json = boost::json;

namespace {

// The result as compact JSON text, or "error: <kind>".
std::string eval(std::string_view expression, std::string_view document) {
  auto compiled = jp::compile(expression);
  if (!compiled) return "error: " + std::string(jp::to_string(compiled.error().type));
  auto r = jp::evaluate(*compiled, json::parse(document));
  if (!r) return "error: " + std::string(jp::to_string(r.error().type));
  return json::serialize(*r);
}

constexpr std::string_view ten = R"({"a": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]})";

}  // namespace

TEST_CASE("slices follow Python's rules, negative steps included") {
  CHECK(eval("a[0:3]", ten) == "[0,1,2]");
  CHECK(eval("a[:3]", ten) == "[0,1,2]");
  CHECK(eval("a[7:]", ten) == "[7,8,9]");
  CHECK(eval("a[::3]", ten) == "[0,3,6,9]");
  CHECK(eval("a[::-1]", ten) == "[9,8,7,6,5,4,3,2,1,0]");
  CHECK(eval("a[::-3]", ten) == "[9,6,3,0]");
  CHECK(eval("a[-3:]", ten) == "[7,8,9]");
  CHECK(eval("a[-1:0:-1]", ten) == "[9,8,7,6,5,4,3,2,1]");
  CHECK(eval("a[8:2:-2]", ten) == "[8,6,4]");
  CHECK(eval("a[2:8:-1]", ten) == "[]");
  CHECK(eval("a[100:]", ten) == "[]");
  CHECK(eval("a[-100:2]", ten) == "[0,1]");
  CHECK(eval("a[:-100:-1]", ten) == "[9,8,7,6,5,4,3,2,1,0]");
  CHECK(eval("a[100::-4]", ten) == "[9,5,1]");
  CHECK(eval("a[1:9223372036854775807:9223372036854775807]", ten) == "[1]");
  CHECK(eval("a[-2::-9223372036854775807]", ten) == "[8]");
  CHECK(eval("a[:]", R"({"a": "not an array"})") == "null");
}

TEST_CASE("a slice is a projection, an index is not") {
  constexpr std::string_view doc = R"({"a": [{"b": 1}, {"b": 2}, {"c": 3}]})";
  CHECK(eval("a[1:].b", doc) == "[2]");
  CHECK(eval("a[1].b", doc) == "2");
  CHECK(eval("a[-1].c", doc) == "3");
  CHECK(eval("a[3]", doc) == "null");
  CHECK(eval("a[-4]", doc) == "null");
  CHECK(eval("a[:2].b | [1]", doc) == "2");
}

TEST_CASE("projections drop nulls and stop at a pipe") {
  constexpr std::string_view doc = R"({"p": [{"n": "x", "t": [1, 2]}, {"m": 1}, {"n": "y", "t": [3]}]})";
  CHECK(eval("p[*].n", doc) == R"(["x","y"])");
  CHECK(eval("p[].t[]", doc) == "[1,2,3]");
  CHECK(eval("p[*].t | [0]", doc) == "[1,2]");
  CHECK(eval("p[*].t[0]", doc) == "[1,3]");
  CHECK(eval("p[?n == 'y'].t", doc) == "[[3]]");
  CHECK(eval("p[?m].m", doc) == "[1]");
  CHECK(eval("p[0].*", doc) == R"(["x",[1,2]])");
  CHECK(eval("p.*", doc) == "null");
  CHECK(eval("p[*].[n, m]", doc) == R"([["x",null],[null,1],["y",null]])");
  CHECK(eval("p[*].{name: n}", doc) == R"([{"name":"x"},{"name":null},{"name":"y"}])");
  CHECK(eval("missing.[a]", doc) == "null");
}

TEST_CASE("numbers compare by value across integer and double kinds") {
  constexpr std::string_view doc = R"({"i": 1, "d": 1.0, "u": 18446744073709551615, "neg": -1, "big": 9007199254740993})";
  CHECK(eval("i == d", doc) == "true");
  CHECK(eval("i == `1.0`", doc) == "true");
  CHECK(eval("u > i", doc) == "true");
  CHECK(eval("neg < u", doc) == "true");
  CHECK(eval("u == `18446744073709551615`", doc) == "true");
  CHECK(eval("u > `1e19`", doc) == "true");
  CHECK(eval("u > `1e20`", doc) == "false");
  CHECK(eval("big > `9007199254740992.0`", doc) == "true");
  CHECK(eval("big == `9007199254740992.0`", doc) == "false");
  CHECK(eval("d >= i", doc) == "true");
}

TEST_CASE("ordering applies to numbers and to strings (as botocore's jmespath); equality to every type") {
  constexpr std::string_view doc = R"({"s": "a", "t": "b", "o": {"x": [1, {"y": 2}]}, "p": {"x": [1, {"y": 2.0}]},
                                       "d": ["2024-01-02T00:00:00Z", "2023-12-31T00:00:00Z"]})";
  CHECK(eval("s < t", doc) == "true");
  CHECK(eval("t <= s", doc) == "false");
  CHECK(eval("d[?@ >= '2024-01-01']", doc) == R"(["2024-01-02T00:00:00Z"])");
  CHECK(eval("s < `1`", doc) == "null");
  CHECK(eval("o < p", doc) == "null");
  CHECK(eval("o == p", doc) == "true");
  CHECK(eval("o != p", doc) == "false");
  CHECK(eval("`true` == `1`", doc) == "false");
  CHECK(eval("`{\"a\": 1, \"b\": 2}` == `{\"b\": 2, \"a\": 1}`", doc) == "true");
  CHECK(eval("`[1, 2]` == `[2, 1]`", doc) == "false");
  CHECK(eval("`null` == missing", doc) == "true");
}

TEST_CASE("and, or and not use JMESPath truthiness") {
  constexpr std::string_view doc = R"({"zero": 0, "empty": "", "list": [], "obj": {}, "f": false, "x": "x"})";
  CHECK(eval("zero || x", doc) == "0");
  CHECK(eval("empty || x", doc) == R"("x")");
  CHECK(eval("list || obj || f || x", doc) == R"("x")");
  CHECK(eval("x && list", doc) == "[]");
  CHECK(eval("list && x", doc) == "[]");
  CHECK(eval("!zero", doc) == "false");
  CHECK(eval("!obj", doc) == "true");
  CHECK(eval("!missing", doc) == "true");
}

TEST_CASE("literals: JSON, the legacy unquoted form, raw strings") {
  CHECK(eval("`{\"a\": [1, 2]}`.a[1]", "{}") == "2");
  CHECK(eval("`foo`", "{}") == R"("foo")");
  CHECK(eval("`  foo bar`", "{}") == R"("foo bar")");
  CHECK(eval("`\"a\\`b\"`", "{}") == R"("a`b")");
  CHECK(eval(R"('it\'s')", "{}") == R"("it's")");
  CHECK(eval(R"('\n')", "{}") == R"("\\n")");
  CHECK(eval(R"("a\"b")", R"({"a\"b": 1})") == "1");
  CHECK(eval(R"("\u2713")", "{\"\xE2\x9C\x93\": true}") == "true");
}

TEST_CASE("multiselect hashes keep the last of repeated keys") {
  CHECK(eval("{a: x, b: y, a: y}", R"({"x": 1, "y": 2})") == R"({"a":2,"b":2})");
}

TEST_CASE("the result is allocated from the caller's storage and the document is untouched") {
  json::value doc = json::parse(R"({"items": [{"k": "a"}, {"k": "b"}]})");
  json::value before = doc;
  auto compiled = jp::compile("items[*].k");
  REQUIRE(compiled.has_value());
  json::monotonic_resource arena;
  json::storage_ptr sp(&arena);
  auto r = jp::evaluate(*compiled, doc, sp);
  REQUIRE(r.has_value());
  CHECK(r->storage().get() == &arena);
  CHECK(r->as_array()[0].as_string().storage().get() == &arena);
  CHECK(json::serialize(*r) == R"(["a","b"])");
  CHECK(doc == before);
}

TEST_CASE("an expression evaluates again and again with the same answer") {
  auto compiled = jp::compile("sort_by(p, &n)[*].{n: n, s: to_string(n)} | reverse(@)");
  REQUIRE(compiled.has_value());
  json::value doc = json::parse(R"({"p": [{"n": 3}, {"n": 1}, {"n": 2}]})");
  std::string first;
  for (int i = 0; i < 50; ++i) {
    auto r = jp::evaluate(*compiled, doc);
    REQUIRE(r.has_value());
    if (i == 0) first = json::serialize(*r);
    CHECK(json::serialize(*r) == first);
  }
  CHECK(first == R"([{"n":3,"s":"3"},{"n":2,"s":"2"},{"n":1,"s":"1"}])");
}

TEST_CASE("evaluate_view points into the document instead of copying") {
  json::value doc = json::parse(R"({"Contents": [{"Key": "a"}, {"Key": "b"}], "Token": "t"})");
  json::value storage;
  auto contents = jp::compile("Contents");
  REQUIRE(contents.has_value());
  auto r = jp::evaluate_view(*contents, doc, storage);
  REQUIRE(r.has_value());
  CHECK(*r == &doc.at("Contents"));
  CHECK(storage.is_null());

  auto keys = jp::compile("Contents[].Key");
  REQUIRE(keys.has_value());
  r = jp::evaluate_view(*keys, doc, storage);
  REQUIRE(r.has_value());
  CHECK(*r == &storage);
  CHECK(json::serialize(storage) == R"(["a","b"])");

  auto bad = jp::compile("abs(Token)");
  REQUIRE(bad.has_value());
  CHECK(!jp::evaluate_view(*bad, doc, storage));
}

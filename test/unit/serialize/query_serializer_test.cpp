#include <doctest/doctest.h>

#include "test_model.hpp"

using namespace awscoro;
using awscoro::test::compile_model;
using awscoro::test::serialize;

namespace {

constexpr char const* shapes = R"(
  "shapes": {
    "In": {"type": "structure", "members": {
      "Str": {"shape": "S"},
      "List": {"shape": "SL"},
      "Named": {"shape": "NamedList"},
      "Flat": {"shape": "SL", "flattened": true},
      "FlatNamed": {"shape": "NamedList", "flattened": true},
      "Map": {"shape": "M"},
      "FlatMap": {"shape": "RenamedMap", "flattened": true},
      "Nested": {"shape": "In"},
      "When": {"shape": "T"},
      "WhenEpoch": {"shape": "T", "timestampFormat": "unixTimestamp"},
      "Bin": {"shape": "B"},
      "Yes": {"shape": "Bool"},
      "Ratio": {"shape": "D"},
      "lower": {"shape": "S", "locationName": "renamed"},
      "Q": {"shape": "S", "queryName": "QueryOnly", "locationName": "notThis"}
    }},
    "S": {"type": "string"},
    "SL": {"type": "list", "member": {"shape": "S"}},
    "NamedList": {"type": "list", "member": {"shape": "S", "locationName": "item"}},
    "M": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
    "RenamedMap": {"type": "map", "key": {"shape": "S", "locationName": "Name"}, "value": {"shape": "S", "locationName": "Val"}},
    "T": {"type": "timestamp"},
    "B": {"type": "blob"},
    "Bool": {"type": "boolean"},
    "D": {"type": "double"}
  },
  "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}}}
})";

std::string model_text(char const* protocol) {
  return std::string(R"({"metadata": {"protocol": ")") + protocol + R"(", "apiVersion": "2020-01-01"},)" + shapes;
}

std::string body(char const* protocol, std::string_view params) {
  auto m = compile_model(model_text(protocol));
  auto r = serialize(*m, "Op", params);
  CHECK(r.method == "POST");
  CHECK(r.path == "/");
  CHECK(test::header(r, "Content-Type") == "application/x-www-form-urlencoded; charset=utf-8");
  return r.body;
}

}  // namespace

TEST_CASE("query: Action and Version first, then members in params order, percent-encoded") {
  CHECK(body("query", R"({"Str": "a b&c=d/é~", "Yes": false})") ==
        "Action=Op&Version=2020-01-01&Str=a%20b%26c%3Dd%2F%C3%A9~&Yes=false");
  CHECK(body("query", "{}") == "Action=Op&Version=2020-01-01");
  CHECK(body("query", R"({"Str": null})") == "Action=Op&Version=2020-01-01");
}

TEST_CASE("query: list flattening rules") {
  auto const base = std::string("Action=Op&Version=2020-01-01&");
  CHECK(body("query", R"({"List": ["a", "b"]})") == base + "List.member.1=a&List.member.2=b");
  CHECK(body("query", R"({"Named": ["a"]})") == base + "Named.item.1=a");
  CHECK(body("query", R"({"Flat": ["a", "b"]})") == base + "Flat.1=a&Flat.2=b");
  // A flattened list whose member has a name takes that name in place of the member's.
  CHECK(body("query", R"({"FlatNamed": ["a"]})") == base + "item.1=a");
  CHECK(body("query", R"({"Nested": {"FlatNamed": ["a"]}})") == base + "Nested.item.1=a");
  // An empty list is sent as an empty value.
  CHECK(body("query", R"({"List": []})") == base + "List=");
}

TEST_CASE("query: maps, nested structures and scalar forms") {
  auto const base = std::string("Action=Op&Version=2020-01-01&");
  CHECK(body("query", R"({"Map": {"k1": "v1", "k2": "v2"}})") ==
        base + "Map.entry.1.key=k1&Map.entry.1.value=v1&Map.entry.2.key=k2&Map.entry.2.value=v2");
  CHECK(body("query", R"({"FlatMap": {"k": "v"}})") == base + "FlatMap.1.Name=k&FlatMap.1.Val=v");
  CHECK(body("query", R"({"Nested": {"Nested": {"Str": "x"}}})") == base + "Nested.Nested.Str=x");
  CHECK(body("query", R"({"When": 1422172800.5, "WhenEpoch": "2015-01-25T08:00:00Z"})") ==
        base + "When=2015-01-25T08%3A00%3A00.500000Z&WhenEpoch=1422172800");
  CHECK(body("query", R"({"Bin": "hi", "Ratio": 1.1})") == base + "Bin=aGk%3D&Ratio=1.1");
  CHECK(body("query", R"({"Ratio": "NaN"})") == base + "Ratio=NaN");
  CHECK(body("query", R"({"lower": "x", "Q": "y"})") == base + "renamed=x&notThis=y");
}

TEST_CASE("ec2: lists are Name.N whatever their traits, names capitalized, empty lists left out") {
  auto const base = std::string("Action=Op&Version=2020-01-01&");
  CHECK(body("ec2", R"({"List": ["a", "b"], "Named": ["c"], "FlatNamed": ["d"]})") ==
        base + "List.1=a&List.2=b&Named.1=c&FlatNamed.1=d");
  CHECK(body("ec2", R"({"List": []})") == "Action=Op&Version=2020-01-01");
  CHECK(body("ec2", R"({"lower": "x", "Q": "y"})") == base + "Renamed=x&QueryOnly=y");
  CHECK(body("ec2", R"({"FlatMap": {"k": "v"}})") == base + "FlatMap.1.Name=k&FlatMap.1.Val=v");
}

TEST_CASE("query: a value of the wrong kind names the member") {
  auto m = compile_model(model_text("query"));
  CHECK(test::serialize_error(*m, "Op", R"({"Nested": {"List": "nope"}})") ==
        "Op: Nested.List: expected an array, got a string");
  CHECK(test::serialize_error(*m, "Op", R"({"List": ["a", {}]})") ==
        "Op: List[1]: expected a scalar value, got an object");
  CHECK(test::serialize_error(*m, "Op", R"({"When": "yesterday"})") == "Op: When: not a timestamp: \"yesterday\"");
}

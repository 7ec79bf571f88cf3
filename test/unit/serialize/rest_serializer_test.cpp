#include <doctest/doctest.h>

#include "test_model.hpp"

using namespace awscoro;
using awscoro::test::compile_model;
using awscoro::test::header;
using awscoro::test::serialize;

namespace {

std::string rest_model(char const* protocol) {
  return std::string(R"({"metadata": {"protocol": ")") + protocol + R"(", "apiVersion": "2020-01-01"},
  "shapes": {
    "In": {"type": "structure", "members": {
      "Bucket": {"shape": "S", "location": "uri", "locationName": "Bucket"},
      "Key": {"shape": "S", "location": "uri", "locationName": "Key"},
      "Flag": {"shape": "Bool", "location": "querystring", "locationName": "flag"},
      "Items": {"shape": "SL", "location": "querystring", "locationName": "item"},
      "Since": {"shape": "T", "location": "querystring", "locationName": "since"},
      "Extra": {"shape": "M", "location": "querystring"},
      "Modified": {"shape": "T", "location": "header", "locationName": "X-Modified"},
      "Tags": {"shape": "SL", "location": "header", "locationName": "X-Tags"},
      "Dates": {"shape": "TL", "location": "header", "locationName": "X-Dates"},
      "Doc": {"shape": "S", "location": "header", "locationName": "X-Doc", "jsonvalue": true},
      "Meta": {"shape": "M", "location": "headers", "locationName": "x-meta-"},
      "Ratio": {"shape": "D", "location": "header", "locationName": "X-Ratio"},
      "Name": {"shape": "S"},
      "Count": {"shape": "I"},
      "When": {"shape": "T"}
    }},
    "S": {"type": "string"},
    "I": {"type": "integer"},
    "D": {"type": "double"},
    "SL": {"type": "list", "member": {"shape": "S"}},
    "TL": {"type": "list", "member": {"shape": "T"}},
    "M": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
    "T": {"type": "timestamp"},
    "Bool": {"type": "boolean"}
  },
  "operations": {
    "Get": {"name": "Get", "http": {"method": "GET", "requestUri": "/{Bucket}/{Key+}?list-type=2"}, "input": {"shape": "In"}},
    "Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/{Bucket}"}, "input": {"shape": "In"}}
  }})";
}

}  // namespace

TEST_CASE("URI labels are percent-encoded; greedy labels keep '/'") {
  auto m = compile_model(rest_model("rest-json"));
  auto r = serialize(*m, "Get", R"({"Bucket": "a b/c~", "Key": "dir/sub dir/é+x?y"})");
  CHECK(r.method == "GET");
  CHECK(r.path == "/a%20b%2Fc~/dir/sub%20dir/%C3%A9%2Bx%3Fy");
  // The literal query of the request URI comes first, then the query members.
  CHECK(r.query == "list-type=2");
  // The input has members with no location, so botocore sends an empty object even on a GET.
  CHECK(r.body == "{}");
  CHECK(header(r, "Content-Type") == "application/json");
}

TEST_CASE("a missing URI label is an error naming it") {
  auto m = compile_model(rest_model("rest-json"));
  CHECK(test::serialize_error(*m, "Get", R"({"Bucket": "b"})") == "Get: no value for the URI label {Key}");
}

TEST_CASE("query string members: booleans, lists, timestamps, and maps merged in") {
  auto m = compile_model(rest_model("rest-json"));
  auto r = serialize(*m, "Get", R"({"Bucket": "b", "Key": "k", "Flag": true, "Items": ["x y", "z"],
                                    "Since": 1422172800, "Extra": {"a": "1", "flag": "override"}})");
  // botocore's dict: a map key equal to a named member replaces its value in place.
  CHECK(r.query == "list-type=2&flag=override&item=x%20y&item=z&since=2015-01-25T08%3A00%3A00Z&a=1");
}

TEST_CASE("header members: dates, lists, jsonvalue, prefixed maps, floats") {
  auto m = compile_model(rest_model("rest-json"));
  auto r = serialize(*m, "Put", R"({"Bucket": "b", "Modified": 1422172800.75, "Tags": ["a", "b,c", "d\"e"],
                                    "Dates": [0, 1422172800], "Doc": {"k": ["é", 1.5]},
                                    "Meta": {"owner": "me"}, "Ratio": "-Infinity"})");
  CHECK(header(r, "X-Modified") == "Sun, 25 Jan 2015 08:00:00 GMT");
  CHECK(header(r, "X-Tags") == "a,\"b,c\",\"d\\\"e\"");
  CHECK(header(r, "X-Dates") == "Thu, 01 Jan 1970 00:00:00 GMT,Sun, 25 Jan 2015 08:00:00 GMT");
  // base64 of {"k":["\u00e9",1.5]}
  CHECK(header(r, "X-Doc") == "eyJrIjpbIlx1MDBlOSIsMS41XX0=");
  CHECK(header(r, "x-meta-owner") == "me");
  CHECK(header(r, "X-Ratio") == "-Infinity");
  CHECK(r.path == "/b");
  CHECK(r.body == "{}");  // rest-json: the input has body members, so an empty object
  CHECK(header(r, "Content-Type") == "application/json");
}

TEST_CASE("empty list headers are left out") {
  auto m = compile_model(rest_model("rest-json"));
  auto r = serialize(*m, "Put", R"({"Bucket": "b", "Tags": []})");
  CHECK_FALSE(r.headers.contains("X-Tags"));
}

TEST_CASE("rest-json body members") {
  auto m = compile_model(rest_model("rest-json"));
  auto r = serialize(*m, "Put", R"({"Name": "n\u00e9", "Bucket": "b", "Count": 3, "When": 1422172800.5})");
  CHECK(r.body == R"({"Name": "n\u00e9", "Count": 3, "When": 1422172800})");
}

TEST_CASE("rest-xml body members, escaped, under the input's root") {
  auto m = compile_model(rest_model("rest-xml"));
  auto r = serialize(*m, "Put", R"({"Bucket": "b", "Name": "<a & b>", "Count": 3, "When": 1422172800})");
  CHECK(r.body == "<In><Name>&lt;a &amp; b&gt;</Name><Count>3</Count><When>2015-01-25T08:00:00Z</When></In>");
  CHECK_FALSE(r.headers.contains("Content-Type"));
  auto empty = serialize(*m, "Put", R"({"Bucket": "b", "Name": ""})");
  CHECK(empty.body == "<In><Name /></In>");
  auto none = serialize(*m, "Put", R"({"Bucket": "b"})");
  CHECK(none.body.empty());
}

namespace {

constexpr char const* xml_model = R"({"metadata": {"protocol": "rest-xml", "apiVersion": "2020-01-01"},
  "shapes": {
    "In": {"type": "structure", "payload": "Config", "members": {
      "Config": {"shape": "Config", "locationName": "Configuration", "xmlNamespace": {"uri": "http://ns/"}}
    }},
    "Config": {"type": "structure", "members": {
      "Id": {"shape": "S", "xmlAttribute": true, "locationName": "id"},
      "Items": {"shape": "SL"},
      "Flat": {"shape": "SL", "flattened": true},
      "Map": {"shape": "M"},
      "Prefixed": {"shape": "S", "xmlNamespace": {"prefix": "p", "uri": "http://p/"}},
      "Data": {"shape": "B"},
      "Ok": {"shape": "Bool"},
      "Ratio": {"shape": "F"}
    }},
    "S": {"type": "string"},
    "B": {"type": "blob"},
    "F": {"type": "float"},
    "Bool": {"type": "boolean"},
    "SL": {"type": "list", "member": {"shape": "S", "locationName": "Item"}},
    "M": {"type": "map", "key": {"shape": "S", "locationName": "K"}, "value": {"shape": "S", "locationName": "V"}},
    "Raw": {"type": "structure", "payload": "Body", "members": {
      "Body": {"shape": "B"}, "Type": {"shape": "S", "location": "header", "locationName": "Content-Type"}}}
  },
  "operations": {
    "Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/"}, "input": {"shape": "In"}},
    "Upload": {"name": "Upload", "http": {"method": "PUT", "requestUri": "/up"}, "input": {"shape": "Raw"}}
  }})";

}  // namespace

TEST_CASE("rest-xml payload: root named by locationName, namespaces, attributes, lists and maps") {
  auto m = compile_model(xml_model);
  auto r = serialize(*m, "Put", R"({"Config": {"Items": ["a"], "Id": "x\"y", "Flat": ["b", "c"],
                                     "Map": {"k": "v"}, "Prefixed": "p", "Data": "hi", "Ok": true, "Ratio": 0.5}})");
  CHECK(r.body ==
        "<Configuration xmlns=\"http://ns/\" id=\"x&quot;y\"><Items><Item>a</Item></Items><Flat>b</Flat><Flat>c</Flat>"
        "<Map><entry><K>k</K><V>v</V></entry></Map><Prefixed xmlns:p=\"http://p/\">p</Prefixed><Data>aGk=</Data>"
        "<Ok>true</Ok><Ratio>0.5</Ratio></Configuration>");
  CHECK(serialize(*m, "Put", "{}").body.empty());
}

TEST_CASE("blob payloads are sent as they are, with the user's Content-Type only") {
  auto m = compile_model(xml_model);
  auto r = serialize(*m, "Upload", R"({"Body": "raw <bytes>"})");
  CHECK(r.body == "raw <bytes>");
  CHECK_FALSE(r.headers.contains("Content-Type"));
  auto typed = serialize(*m, "Upload", R"({"Body": "x", "Type": "text/plain"})");
  CHECK(header(typed, "Content-Type") == "text/plain");
}

TEST_CASE("host prefix labels come from hostLabel members and are checked") {
  auto m = compile_model(R"({"metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Svc"},
    "shapes": {"In": {"type": "structure", "members": {"Label": {"shape": "S", "hostLabel": true}}},
               "S": {"type": "string"}},
    "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"},
                          "endpoint": {"hostPrefix": "foo.{Label}."}}}})");
  CHECK(serialize(*m, "Op", R"({"Label": "bar-1.baz"})").host_prefix == "foo.bar-1.baz.");
  CHECK(test::serialize_error(*m, "Op", R"({"Label": "a/b"})") ==
        "Op: Label: invalid host label: must contain only alphanumeric characters, hyphen, or period");
  CHECK(test::serialize_error(*m, "Op", "{}") == "Op: Label: required to build the host prefix, but not set");
}

TEST_CASE("millisecond precision: headers are cut to whole seconds first, query strings are not") {
  auto m = compile_model(R"({"metadata": {"protocol": "rest-json", "apiVersion": "1"},
    "shapes": {"In": {"type": "structure", "members": {
        "H": {"shape": "T", "location": "header", "locationName": "X-H", "timestampFormat": "iso8601"},
        "U": {"shape": "T", "location": "header", "locationName": "X-U", "timestampFormat": "unixTimestamp"},
        "Q": {"shape": "T", "location": "querystring", "locationName": "q"}}},
      "T": {"type": "timestamp"}},
    "operations": {"Op": {"name": "Op", "http": {"method": "GET", "requestUri": "/"}, "input": {"shape": "In"}}}})",
                         "bedrock-agentcore");
  auto r = serialize(*m, "Op", R"({"H": 1422172800.5, "U": 1422172800.5, "Q": 1422172800.5})");
  CHECK(header(r, "X-H") == "2015-01-25T08:00:00.000Z");
  CHECK(header(r, "X-U") == "1422172800.0");
  CHECK(r.query == "q=2015-01-25T08%3A00%3A00.500Z");
}

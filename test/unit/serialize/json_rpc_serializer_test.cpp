#include <doctest/doctest.h>

#include "test_model.hpp"

using namespace awscoro;
using awscoro::test::compile_model;
using awscoro::test::header;
using awscoro::test::serialize;

namespace {

constexpr char const* json_model = R"({"metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Svc"},
  "shapes": {
    "In": {"type": "structure", "members": {
      "Name": {"shape": "S", "locationName": "wireName"},
      "When": {"shape": "T"}, "WhenIso": {"shape": "T", "timestampFormat": "iso8601"},
      "Ratio": {"shape": "D"}, "Small": {"shape": "F"},
      "Data": {"shape": "B"}, "Doc": {"shape": "Doc"},
      "Map": {"shape": "M"}, "List": {"shape": "L"}
    }},
    "S": {"type": "string"}, "T": {"type": "timestamp"}, "D": {"type": "double"}, "F": {"type": "float"},
    "B": {"type": "blob"}, "Doc": {"type": "structure", "members": {}, "document": true},
    "M": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "T"}},
    "L": {"type": "list", "member": {"shape": "B"}}
  },
  "operations": {
    "Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}},
    "NoInput": {"name": "NoInput", "http": {"method": "POST", "requestUri": "/"}}
  }})";

}  // namespace

TEST_CASE("json: target header, content type, and {} with no input") {
  auto m = compile_model(json_model);
  auto r = serialize(*m, "NoInput", "{}");
  CHECK(r.method == "POST");
  CHECK(r.path == "/");
  CHECK(header(r, "X-Amz-Target") == "Svc.NoInput");
  CHECK(header(r, "Content-Type") == "application/x-amz-json-1.1");
  CHECK_FALSE(r.headers.contains("x-amzn-query-mode"));
  CHECK(r.body == "{}");
  CHECK(serialize(*m, "Op", "{}").body == "{}");
}

TEST_CASE("json: member forms") {
  auto m = compile_model(json_model);
  auto r = serialize(*m, "Op", R"({"Name": "x", "When": 1422172800.9, "WhenIso": 1422172800.25,
      "Ratio": 1.1, "Small": "Infinity", "Data": "\u0000\u00ff", "Doc": {"a": [1, null, "\u00e9"]},
      "Map": {"k": 0}, "List": ["a", "bb"], "Unknown": 1, "Skipped": null})");
  CHECK(r.body ==
        R"({"wireName": "x", "When": 1422172800, "WhenIso": "2015-01-25T08:00:00.250000Z", "Ratio": 1.1, )"
        R"("Small": "Infinity", "Data": "AMO/", "Doc": {"a": [1, null, "\u00e9"]}, "Map": {"k": 0}, )"
        R"("List": ["YQ==", "YmI="]})");
}

TEST_CASE("millisecond timestamp precision for the services botocore registers it for") {
  auto text = std::string(json_model);
  auto m = compile_model(text, "bedrock-agentcore");
  auto r = serialize(*m, "Op", R"({"When": 1422172800.1239, "WhenIso": 1422172800})");
  CHECK(r.body == R"({"When": 1422172800.123, "WhenIso": "2015-01-25T08:00:00.000Z"})");
}

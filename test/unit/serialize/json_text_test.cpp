#include <string>

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include "util/json_text.hpp"

using namespace awscoro::detail;

namespace {
std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}
std::string dumps(std::string_view json_text, json_spacing spacing) {
  std::string out;
  append_json_value(out, boost::json::parse(json_text), spacing);
  return out;
}
}  // namespace

TEST_CASE("JSON strings are escaped as json.dumps does, ASCII only") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(quoted("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(quoted(std::string_view("\x00\x1f\x7f", 3)) == "\"\\u0000\\u001f\\u007f\"");
  CHECK(quoted("/") == "\"/\"");
  CHECK(quoted("\xc3\xbc") == "\"\\u00fc\"");              // ü
  CHECK(quoted("\xe2\x82\xac") == "\"\\u20ac\"");          // €
  CHECK(quoted("\xf0\x9f\x98\x80") == "\"\\ud83d\\ude00\"");  // an emoji: a surrogate pair
}

TEST_CASE("with ensure_ascii off only quotes, backslashes and control characters are escaped") {
  auto keep = [](std::string_view text) {
    std::string out;
    append_json_string(out, text, json_ascii::keep_utf8);
    return out;
  };
  CHECK(keep("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(keep("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(keep(std::string_view("\x00\x1f", 2)) == "\"\\u0000\\u001f\"");
  CHECK(keep("\x7f") == "\"\x7f\"");  // json.dumps(ensure_ascii=False) leaves DEL as it is
  CHECK(keep("\xc3\xbc \xe2\x82\xac \xf0\x9f\x98\x80") == "\"\xc3\xbc \xe2\x82\xac \xf0\x9f\x98\x80\"");
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD") {
  CHECK(quoted("a\xff" "b") == "\"a\\ufffdb\"");
  CHECK(quoted("\xc3") == "\"\\ufffd\"");              // truncated sequence
  CHECK(quoted("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // an encoded surrogate
  CHECK(quoted("\xc0\xaf") == "\"\\ufffd\\ufffd\"");   // overlong
}

TEST_CASE("shapeless JSON values keep Python's spacing and number forms") {
  CHECK(dumps(R"({"a": [1, 2.5, true, null], "b": {"c": "d"}})", json_spacing::python_default) ==
        R"({"a": [1, 2.5, true, null], "b": {"c": "d"}})");
  CHECK(dumps(R"({"a": [1, 2.5, true, null], "b": {"c": "d"}})", json_spacing::compact) ==
        R"({"a":[1,2.5,true,null],"b":{"c":"d"}})");
  CHECK(dumps("1.0", json_spacing::compact) == "1.0");
  CHECK(dumps("1e300", json_spacing::compact) == "1e+300");
  CHECK(dumps("18446744073709551615", json_spacing::compact) == "18446744073709551615");
  CHECK(dumps("-9223372036854775808", json_spacing::compact) == "-9223372036854775808");
}

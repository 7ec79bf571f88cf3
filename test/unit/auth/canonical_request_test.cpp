#include <doctest/doctest.h>

#include "auth/canonical_request.hpp"

using namespace awscoro;
using namespace awscoro::detail;

namespace {
std::string uri(std::string_view path, bool normalize, bool encode) {
  canonical_scratch s;
  std::string out;
  append_canonical_uri(out, path, normalize, encode, s);
  return out;
}
std::string query(std::string_view q) {
  canonical_scratch s;
  std::string out;
  append_canonical_query(out, q, s);
  return out;
}
std::string trimmed(std::string_view v) {
  std::string out;
  append_trimmed_header_value(out, v);
  return out;
}
}  // namespace

TEST_CASE("canonical URI removes dot and empty segments only when normalizing") {
  CHECK(uri("/example/..", true, true) == "/");
  CHECK(uri("//example//", true, true) == "/example/");
  CHECK(uri("/./a/b/../c/", true, true) == "/a/c/");
  CHECK(uri("//", true, true) == "/");
  CHECK(uri("", true, true) == "/");
  CHECK(uri("/example space/", true, true) == "/example%20space/");
  CHECK(uri("/a%2Fb", true, true) == "/a%252Fb");
  CHECK(uri("/a%2Fb", true, false) == "/a%2Fb");
  CHECK(uri("//a/./b/..", false, false) == "//a/./b/..");
}

TEST_CASE("canonical query re-encodes and sorts by key, then value") {
  CHECK(query("Param1=value2&Param1=Value1") == "Param1=Value1&Param1=value2");
  CHECK(query("b=2&a=x%2fy&a=1") == "a=1&a=x%2Fy&b=2");
  CHECK(query("\xe1\x88\xb4=bar") == "%E1%88%B4=bar");
  CHECK(query("a&b=") == "a=&b=");
  CHECK(query("k=a b+c%7E") == "k=a%20b%2Bc~");
  CHECK(query("") == "");
}

TEST_CASE("header values are trimmed and inner whitespace folded") {
  CHECK(trimmed("  a   b  ") == "a b");
  CHECK(trimmed("value1\n  value2\n     value3") == "value1 value2 value3");
  CHECK(trimmed("\"a   b   c\"") == "\"a b c\"");
  CHECK(trimmed("a\xc2\xa0\tb") == "a b");
  CHECK(trimmed("   ") == "");
}

TEST_CASE("canonical headers: lowercase, sorted, repeats joined in order, unsigned ones left out") {
  header_list h;
  h.add("X-B", "2");
  h.add("user-agent", "ua");
  h.add("My-Header1", "value2");
  h.add("Expect", "100-continue");
  h.add("my-header1", "value1");
  h.add("X-Amzn-Trace-Id", "t");
  canonical_scratch s;
  std::string out, names;
  append_canonical_headers(out, names, h, s);
  CHECK(out == "my-header1:value2,value1\nx-b:2\n");
  CHECK(names == "my-header1;x-b");
  CHECK(is_unsigned_header("transfer-encoding"));
  CHECK_FALSE(is_unsigned_header("content-type"));
}

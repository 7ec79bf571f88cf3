#include <string>

#include <doctest/doctest.h>

#include "serialize/timestamp_text.hpp"

using namespace awscoro::detail;

namespace {
std::string fmt(timestamp_us t, timestamp_format f, timestamp_precision p = timestamp_precision::standard) {
  std::string out;
  append_timestamp(out, t, f, p);
  return out;
}
constexpr timestamp_us s = 1'000'000;
}  // namespace

TEST_CASE("timestamp format names") {
  CHECK(timestamp_format_from("iso8601", timestamp_format::rfc822) == timestamp_format::iso8601);
  CHECK(timestamp_format_from("unixTimestamp", timestamp_format::rfc822) == timestamp_format::unix_seconds);
  CHECK(timestamp_format_from("rfc822", timestamp_format::iso8601) == timestamp_format::rfc822);
  CHECK(timestamp_format_from("", timestamp_format::rfc822) == timestamp_format::rfc822);
}

TEST_CASE("ISO 8601 carries microseconds when there are any, as botocore's strftime does") {
  CHECK(fmt(1422172800 * s, timestamp_format::iso8601) == "2015-01-25T08:00:00Z");
  CHECK(fmt(1422172800 * s + 123000, timestamp_format::iso8601) == "2015-01-25T08:00:00.123000Z");
  CHECK(fmt(1422172800 * s + 5, timestamp_format::iso8601) == "2015-01-25T08:00:00.000005Z");
  CHECK(fmt(0, timestamp_format::iso8601) == "1970-01-01T00:00:00Z");
  CHECK(fmt(-1 * s - 500000, timestamp_format::iso8601) == "1969-12-31T23:59:58.500000Z");
  CHECK(fmt(951782400 * s, timestamp_format::iso8601) == "2000-02-29T00:00:00Z");
}

TEST_CASE("epoch seconds are truncated to whole seconds by default") {
  CHECK(fmt(1422172800 * s + 999999, timestamp_format::unix_seconds) == "1422172800");
  CHECK(fmt(-1 * s - 500000, timestamp_format::unix_seconds) == "-2");
}

TEST_CASE("millisecond precision: three digits in ISO 8601, a float in epoch seconds") {
  auto ms = timestamp_precision::millisecond;
  CHECK(fmt(1422172800 * s + 123456, timestamp_format::iso8601, ms) == "2015-01-25T08:00:00.123Z");
  CHECK(fmt(1422172800 * s, timestamp_format::iso8601, ms) == "2015-01-25T08:00:00.000Z");
  CHECK(fmt(1422172800 * s + 123456, timestamp_format::unix_seconds, ms) == "1422172800.123");
  CHECK(fmt(1422172800 * s, timestamp_format::unix_seconds, ms) == "1422172800.0");
}

TEST_CASE("RFC 822 dates, whole seconds, with the weekday") {
  CHECK(fmt(1422172800 * s + 999999, timestamp_format::rfc822) == "Sun, 25 Jan 2015 08:00:00 GMT");
  CHECK(fmt(0, timestamp_format::rfc822) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(fmt(-86400 * s, timestamp_format::rfc822) == "Wed, 31 Dec 1969 00:00:00 GMT");
  CHECK(fmt(784111777 * s, timestamp_format::rfc822) == "Sun, 06 Nov 1994 08:49:37 GMT");
}

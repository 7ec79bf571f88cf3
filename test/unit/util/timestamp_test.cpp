#include <doctest/doctest.h>

#include <boost/json/value.hpp>

#include "util/timestamp.hpp"

using namespace awscoro::detail;

TEST_CASE("timestamps parse from every wire form") {
  CHECK(parse_timestamp("1422172800").value() == 1422172800'000000);
  CHECK(parse_timestamp("1422172800.123").value() == 1422172800'123000);
  CHECK(parse_timestamp("2015-01-25T08:00:00Z").value() == 1422172800'000000);
  CHECK(parse_timestamp("2015-01-25T08:00:00.5Z").value() == 1422172800'500000);
  CHECK(parse_timestamp("2015-01-25T10:00:00+02:00").value() == 1422172800'000000);
  CHECK(parse_timestamp("2015-01-25").value() == 1422144000'000000);
  CHECK(parse_timestamp("Sun, 25 Jan 2015 08:00:00 GMT").value() == 1422172800'000000);
  CHECK_FALSE(parse_timestamp("yesterday").has_value());
  CHECK_FALSE(parse_timestamp("2015-13-25T08:00:00Z").has_value());
  CHECK(timestamp_from_json(boost::json::value(1422172800)).value() == 1422172800'000000);
}

TEST_CASE("timestamps format as botocore writes them") {
  CHECK(format_iso8601(1422172800'000000) == "2015-01-25T08:00:00Z");
  CHECK(format_iso8601(1422172800'123000) == "2015-01-25T08:00:00.123Z");
  CHECK(format_iso8601(1422172800'000000, true) == "2015-01-25T08:00:00.000Z");
  CHECK(format_rfc822(1422172800'000000) == "Sun, 25 Jan 2015 08:00:00 GMT");
  CHECK(format_amz_date(1422172800'000000) == "20150125T080000Z");
  CHECK(format_epoch(1422172800'000000) == "1422172800");
  CHECK(format_epoch(1422172800'123000) == "1422172800.123");
  CHECK(format_iso8601(-1'000000) == "1969-12-31T23:59:59Z");
}

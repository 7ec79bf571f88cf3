// Timestamps as microseconds since the Unix epoch, UTC, and their wire forms: ISO 8601,
// RFC 822 (HTTP dates) and epoch seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

namespace awscoro::detail {

using timestamp_us = std::int64_t;

// Accepts what botocore's parse_timestamp accepts in practice: epoch seconds (integer or
// fractional, as text), ISO 8601 with or without a time, fraction and UTC offset, and RFC 822 /
// HTTP dates ("Sun, 06 Nov 1994 08:49:37 GMT").
std::optional<timestamp_us> parse_timestamp(std::string_view text);
// A JSON number is epoch seconds; a string is parsed as above.
std::optional<timestamp_us> timestamp_from_json(boost::json::value const& v);

// "2015-01-25T08:00:00Z"; ".123Z" / ".123456Z" when there is a fraction. `millis` always writes
// exactly three fraction digits (Smithy's millisecond precision).
std::string format_iso8601(timestamp_us t, bool millis = false);
// "Sun, 25 Jan 2015 08:00:00 GMT"
std::string format_rfc822(timestamp_us t);
// "20150125T080000Z" and "20150125", as SigV4 wants them.
std::string format_amz_date(timestamp_us t);
// Epoch seconds: an integer when there is no fraction, else a double with millisecond precision.
boost::json::value epoch_seconds(timestamp_us t, bool millis = true);
// Epoch seconds as text, the way botocore writes them into headers and query strings.
std::string format_epoch(timestamp_us t, bool millis = true);

timestamp_us now_us();

}  // namespace awscoro::detail

// Timestamps in the three wire forms botocore writes, with its precision rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/timestamp.hpp"

namespace awscoro::detail {

enum class timestamp_format : std::uint8_t { iso8601, unix_seconds, rfc822 };

// botocore writes microseconds into ISO 8601 and whole seconds into epoch values; services
// registered for millisecond precision get exactly three fraction digits in both.
enum class timestamp_precision : std::uint8_t { standard, millisecond };

// A model's timestampFormat ("iso8601", "unixTimestamp", "rfc822"), or `fallback` when empty.
timestamp_format timestamp_format_from(std::string_view name, timestamp_format fallback);

// ISO 8601: "2015-01-25T08:00:00Z", "2015-01-25T08:00:00.123000Z" (standard) or
// "2015-01-25T08:00:00.123Z" (millisecond). Epoch: "1422172800" (standard, truncated) or
// "1422172800.123" (millisecond, a Python float). RFC 822: "Sun, 25 Jan 2015 08:00:00 GMT",
// always whole seconds.
void append_timestamp(std::string& out, timestamp_us t, timestamp_format f, timestamp_precision p);

}  // namespace awscoro::detail

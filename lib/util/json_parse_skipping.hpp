// Parses JSON while dropping the members named `key` whose value is a string. botocore models
// are mostly "documentation" strings no stage reads: skipping them while parsing saves copying,
// allocating and freeing four fifths of S3's model. A member of that name holding anything
// other than a string (a structure member called "documentation") is kept.
#pragma once

#include <string_view>

#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>

namespace awscoro::detail {

boost::json::value parse_json_skipping_strings(std::string_view text, std::string_view key, std::size_t max_depth,
                                               boost::system::error_code& ec);

}  // namespace awscoro::detail

// Semantic JSON equality for tests: objects ignore key order, arrays keep it, numbers compare
// by value across int64/uint64/double (1 equals 1.0), NaN equals NaN.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace awscoro::test {

bool json_equal(boost::json::value const& a, boost::json::value const& b);
// The first difference as "path: expected X, got Y", or empty when equal.
std::string json_diff(boost::json::value const& expected, boost::json::value const& actual,
                      std::string const& path = "$");

}  // namespace awscoro::test

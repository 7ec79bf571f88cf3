#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "util/python_float.hpp"

using awscoro::detail::append_python_float;

namespace {
std::string repr(double d) {
  std::string s;
  append_python_float(s, d);
  return s;
}
}  // namespace

TEST_CASE("floats print as Python's repr") {
  CHECK(repr(1.1) == "1.1");
  CHECK(repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(repr(100.0) == "100.0");
  CHECK(repr(0.0) == "0.0");
  CHECK(repr(-0.0) == "-0.0");
  CHECK(repr(-2.5) == "-2.5");
  CHECK(repr(0.5) == "0.5");
  CHECK(repr(0.0001) == "0.0001");
  CHECK(repr(0.00001) == "1e-05");
  CHECK(repr(1.5e-7) == "1.5e-07");
  CHECK(repr(1e-7) == "1e-07");
  CHECK(repr(123456789012345.6) == "123456789012345.6");
  CHECK(repr(1234567890123456.0) == "1234567890123456.0");
  CHECK(repr(1e16) == "1e+16");
  CHECK(repr(1.5e16) == "1.5e+16");
  CHECK(repr(1e21) == "1e+21");
  CHECK(repr(1e100) == "1e+100");
  CHECK(repr(5e-324) == "5e-324");
  CHECK(repr(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(repr(1422172800.123) == "1422172800.123");
  CHECK(repr(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(repr(std::numeric_limits<double>::quiet_NaN()) == "nan");
}

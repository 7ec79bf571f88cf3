#include "serialize/serialize_context.hpp"

#include <boost/json/value.hpp>

#include "util/python_float.hpp"

namespace awscoro::detail {

bool serialize_context::fail_in(std::string_view key) {
  std::string p(key);
  if (!error_path.empty() && error_path.front() != '[') p += '.';
  p += error_path;
  error_path = std::move(p);
  return false;
}

bool serialize_context::fail_at(std::size_t index) {
  std::string p = "[";
  append_decimal(p, static_cast<std::uint64_t>(index));
  p += ']';
  p += error_path;
  error_path = std::move(p);
  return false;
}

std::string_view describe_kind(boost::json::value const& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

}  // namespace awscoro::detail

// The built-in functions: their names and arities, known when an expression is compiled.
#pragma once

#include <cstdint>
#include <string_view>

namespace awscoro::detail::jmespath {

enum class function_id : std::uint8_t {
  abs, avg, ceil, contains, ends_with, floor, join, keys, length, map, max, max_by, merge, min,
  min_by, not_null, reverse, sort, sort_by, starts_with, sum, to_array, to_number, to_string,
  type, values,
};

struct function_info {
  std::string_view name;
  std::uint8_t arity;  // the exact count, or the minimum when variadic
  bool variadic;
};

// nullptr when there is no function of that name.
function_info const* find_function(std::string_view name, function_id& id) noexcept;
function_info const& info(function_id id) noexcept;

}  // namespace awscoro::detail::jmespath

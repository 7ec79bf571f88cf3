// The compiled form of an expression: a flat table of nodes that refer to each other, to names
// and to literals by index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "jmespath/functions.hpp"

namespace awscoro::detail::jmespath {

enum class node_kind : std::uint8_t {
  current,             // @, and the implicit right side of a projection
  field,               // a: name = names[a]
  literal,             // `json` or 'raw': literals[a]
  chain,               // a.b, a[0], a | b: evaluate a, then b on its result
  index,               // [n]: number = n
  slice,               // [start:stop:step]: slices[a]
  list_projection,     // a[*].b, a[].b, a[1:].b: b over each element of the array a
  object_projection,   // a.*.b: b over each value of the object a
  filter_projection,   // a[?c].b: b over each element of a for which c is truthy
  flatten,             // a[]: the elements of a, with array elements spliced in
  compare,             // a <op> b: op = compare_op(sub)
  logical_or,          // a || b
  logical_and,         // a && b
  logical_not,         // !a
  multiselect_list,    // [a, b]: nodes children[a .. a+b)
  multiselect_hash,    // {k: a, ...}: pairs (name index, node) at children[a .. a+2b)
  function_call,       // f(args): function = function_id(sub), args children[a .. a+b)
  expref,              // &a
};

enum class compare_op : std::uint8_t { eq, ne, lt, le, gt, ge };

struct node {
  node_kind kind = node_kind::current;
  std::uint8_t sub = 0;
  std::uint32_t a = 0, b = 0, c = 0;
  std::int64_t number = 0;
};

struct slice_spec {
  std::optional<std::int64_t> start, stop;
  std::int64_t step = 1;
};

struct program {
  std::string text;
  std::vector<node> nodes;
  std::vector<std::uint32_t> children;
  std::vector<std::string> names;
  std::vector<boost::json::value> literals;
  std::vector<slice_spec> slices;
  std::uint32_t root = 0;
};

}  // namespace awscoro::detail::jmespath

// A value met while evaluating an endpoint rule set: none, a boolean, an integer, a string, an
// array or an object (a partition, a parsed URL, a parsed ARN).
//
// Values are views: their strings, items and fields live in the rule set, the partitions, the
// caller's parameters or the per-call arena, all of which outlive one resolution. Copying a
// value never allocates.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

namespace awscoro::detail {

struct rule_field;

struct rule_value {
  enum class kind : std::uint8_t { none, boolean, integer, string, array, object };

  kind type = kind::none;
  bool boolean = false;
  std::uint32_t count = 0;  // items of an array, fields of an object
  std::int64_t integer = 0;
  std::string_view string;
  rule_value const* items = nullptr;
  rule_field const* fields = nullptr;

  static rule_value of_bool(bool b) {
    rule_value v;
    v.type = kind::boolean;
    v.boolean = b;
    return v;
  }
  static rule_value of_int(std::int64_t i) {
    rule_value v;
    v.type = kind::integer;
    v.integer = i;
    return v;
  }
  static rule_value of_string(std::string_view s) {
    rule_value v;
    v.type = kind::string;
    v.string = s;
    return v;
  }
  static rule_value of_array(rule_value const* items, std::size_t n) {
    rule_value v;
    v.type = kind::array;
    v.items = items;
    v.count = static_cast<std::uint32_t>(n);
    return v;
  }
  static rule_value of_object(rule_field const* fields, std::size_t n) {
    rule_value v;
    v.type = kind::object;
    v.fields = fields;
    v.count = static_cast<std::uint32_t>(n);
    return v;
  }

  bool is_none() const { return type == kind::none; }
  bool is_string() const { return type == kind::string; }
  bool is_bool() const { return type == kind::boolean; }

  // The field named `key` of an object, or nullptr (also for non-objects).
  rule_value const* find(std::string_view key) const;
};

struct rule_field {
  std::string_view key;
  rule_value value;
};

// Python's truthiness, which the rules engine's `not` follows: none, false, 0 and empty
// strings, arrays and objects are false.
bool truthy(rule_value const& v);

// Owns the data behind values made from JSON (partition outputs, parameter defaults, literal
// arguments). Element addresses stay stable while the store grows.
class rule_value_store {
 public:
  // A value for a JSON document; null becomes none, doubles are truncated to integers.
  rule_value from_json(boost::json::value const& v);
  std::string_view keep(std::string_view s);

 private:
  std::deque<std::string> strings_;
  std::deque<std::vector<rule_value>> arrays_;
  std::deque<std::vector<rule_field>> objects_;
};

}  // namespace awscoro::detail

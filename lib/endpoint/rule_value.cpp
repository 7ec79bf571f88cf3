#include "endpoint/rule_value.hpp"

#include <boost/json/value.hpp>

namespace awscoro::detail {
namespace json = boost::json;

rule_value const* rule_value::find(std::string_view key) const {
  if (type != kind::object) return nullptr;
  for (std::uint32_t i = 0; i < count; ++i)
    if (fields[i].key == key) return &fields[i].value;
  return nullptr;
}

bool truthy(rule_value const& v) {
  switch (v.type) {
    case rule_value::kind::none: return false;
    case rule_value::kind::boolean: return v.boolean;
    case rule_value::kind::integer: return v.integer != 0;
    case rule_value::kind::string: return !v.string.empty();
    case rule_value::kind::array:
    case rule_value::kind::object: return v.count != 0;
  }
  return false;
}

std::string_view rule_value_store::keep(std::string_view s) { return strings_.emplace_back(s); }

rule_value rule_value_store::from_json(json::value const& v) {
  switch (v.kind()) {
    case json::kind::null: return {};
    case json::kind::bool_: return rule_value::of_bool(v.get_bool());
    case json::kind::int64: return rule_value::of_int(v.get_int64());
    case json::kind::uint64: return rule_value::of_int(static_cast<std::int64_t>(v.get_uint64()));
    case json::kind::double_: return rule_value::of_int(static_cast<std::int64_t>(v.get_double()));
    case json::kind::string: return rule_value::of_string(keep(v.get_string()));
    case json::kind::array: {
      auto const& a = v.get_array();
      std::vector<rule_value> items;
      items.reserve(a.size());
      for (auto const& e : a) items.push_back(from_json(e));
      auto const& kept = arrays_.emplace_back(std::move(items));
      return rule_value::of_array(kept.data(), kept.size());
    }
    case json::kind::object: {
      auto const& o = v.get_object();
      std::vector<rule_field> fields;
      fields.reserve(o.size());
      for (auto const& [k, e] : o) fields.push_back({keep(k), from_json(e)});
      auto const& kept = objects_.emplace_back(std::move(fields));
      return rule_value::of_object(kept.data(), kept.size());
    }
  }
  return {};
}

}  // namespace awscoro::detail

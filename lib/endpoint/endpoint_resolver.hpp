// Endpoint resolution: a compiled rule set + parameter values + partitions -> an endpoint
// (URL, headers, properties such as authSchemes) or the rule set's error message.
//
// One resolution allocates only its result (and, for rare very large inputs, scratch beyond a
// stack buffer): values are views, scratch strings live in a per-call arena, variables live in
// slots indexed at compile time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include "endpoint/partitions.hpp"
#include "endpoint/rule_set.hpp"

namespace awscoro::detail {

using endpoint_param_value = std::variant<std::monostate, bool, std::string, std::vector<std::string>>;

// Parameter values by the rule set's parameter index; a parameter not set takes its default.
class endpoint_params {
 public:
  void set(std::size_t index, endpoint_param_value value);
  // False when `rs` has no parameter of that name.
  bool set(rule_set const& rs, std::string_view name, endpoint_param_value value);
  // nullptr when unset.
  endpoint_param_value const* get(std::size_t index) const;
  // Unsets every value, keeping the storage for reuse.
  void clear();

 private:
  std::vector<endpoint_param_value> values_;
};

struct resolved_endpoint {
  std::string url;
  std::vector<std::pair<std::string, std::vector<std::string>>> headers;  // in rule order
  boost::json::object properties;  // authSchemes, backend, ...
};

struct resolve_error {
  enum class kind {
    rule_error,         // an error rule matched: `message` is its text
    no_rule_matched,    // no rule applied to the parameters
    missing_parameter,  // a required parameter has no value and no default
    invalid_parameter,  // a value of the wrong type
    evaluation_failed,  // a function met an argument of the wrong type
  };
  kind type = kind::rule_error;
  std::string message;
};

boost::system::result<resolved_endpoint, resolve_error> resolve_endpoint(rule_set const& rules,
                                                                         endpoint_params const& params,
                                                                         partitions const& parts);

}  // namespace awscoro::detail

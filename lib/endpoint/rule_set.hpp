// A compiled endpoint rule set (Smithy endpoint rules, botocore's endpoint-rule-set-1.json).
//
// The JSON is read once into flat arrays: parameters (type, builtIn, default, required),
// rules (endpoint / error / tree, children stored contiguously), conditions and function calls
// (function by enum, arguments as expressions, `assign` as a slot), templates ("{Region}",
// "{url#scheme}") split into literal and reference parts, getAttr paths split into steps.
// Every reference is resolved to a slot index at compile time: parameters take slots
// 0..P-1 in declaration order, assigned variables the slots after. Resolution never touches
// JSON nor looks a variable up by name.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "endpoint/rule_value.hpp"

namespace awscoro::detail {

class model_registry;

enum class param_type : std::uint8_t { string, boolean, string_array };

struct rule_parameter {
  std::string name;
  param_type type = param_type::string;
  std::string built_in;  // "AWS::Region", empty when none
  bool required = false;
  bool deprecated = false;
  rule_value default_value;  // none when there is no default
};

enum class rule_fn : std::uint8_t {
  is_set,
  not_,
  get_attr,
  string_equals,
  boolean_equals,
  substring,
  uri_encode,
  parse_url,
  is_valid_host_label,
  aws_partition,
  aws_parse_arn,
  aws_is_virtual_hostable_s3_bucket,
  coalesce,
  ite,
  split,
};

// An argument, URL, header value or error message.
struct rule_expr {
  enum class kind : std::uint8_t { literal, ref, templ, call };
  kind type = kind::literal;
  std::uint32_t index = 0;  // ref: slot; templ: template; call: call
  rule_value literal;
};

// One step of a getAttr path or a template reference: a field name, then an optional index.
struct attr_step {
  std::string_view key;  // empty for a bare "[0]"
  std::int32_t index = -1;
};

struct rule_call {
  // Shapes that make up most conditions, evaluated without walking the arguments:
  // booleanEquals(ref, true|false) and isSet(ref).
  enum class shortcut : std::uint8_t { none, bool_equals_ref, is_set_ref };

  rule_fn fn = rule_fn::is_set;
  shortcut fast = shortcut::none;
  bool fast_bool = false;
  std::uint32_t fast_slot = 0;
  std::uint32_t first_arg = 0, arg_count = 0;  // into exprs
  std::int32_t assign = -1;                     // slot, or -1
  std::uint32_t first_step = 0, step_count = 0;  // getAttr's path, into steps
};

// A literal run (slot < 0) or a reference {slot#key#key...}.
struct template_part {
  std::string_view literal;
  std::int32_t slot = -1;
  std::uint32_t first_step = 0, step_count = 0;
};

struct rule_template {
  std::uint32_t first_part = 0, part_count = 0;
};

// An endpoint's properties: JSON with templated strings.
struct property_node {
  enum class kind : std::uint8_t { literal, templ, array, object };
  kind type = kind::literal;
  boost::json::value literal;  // kind::literal: a subtree with no template
  std::uint32_t templ = 0;
  std::vector<std::string> keys;  // kind::object: the key of each item
  std::vector<property_node> items;
};

struct rule_endpoint {
  rule_expr url;
  std::vector<std::pair<std::string, std::vector<rule_expr>>> headers;
  property_node properties;  // an object (possibly empty)
};

struct rule_node {
  enum class kind : std::uint8_t { endpoint, error, tree };
  kind type = kind::error;
  std::uint32_t first_condition = 0, condition_count = 0;  // into conditions (call indices)
  std::uint32_t first_child = 0, child_count = 0;          // tree: into rules
  std::uint32_t payload = 0;                               // endpoint: into endpoints; error: into exprs
};

class rule_set {
 public:
  // Compiles an endpoint-rule-set-1.json document. On failure sets `error_message`, naming
  // the rule or parameter at fault.
  static boost::system::result<std::shared_ptr<rule_set const>> compile(boost::json::value const& doc,
                                                                        std::string* error_message);
  // The rule set of a service from the process-wide model registry, compiled once per process
  // and shared; nullptr and `error_message` when the service has none.
  static std::shared_ptr<rule_set const> load(std::string const& service, std::string* error_message);
  // The rule set of a service (newest API version) from `registry`, compiled afresh.
  static std::shared_ptr<rule_set const> load(model_registry& registry, std::string const& service,
                                              std::string* error_message);

  std::string const& version() const { return version_; }
  std::vector<rule_parameter> const& parameters() const { return parameters_; }
  // Index of the parameter named `name` / carrying built-in `built_in`, or -1.
  int find_parameter(std::string_view name) const;
  int find_built_in(std::string_view built_in) const;

  // The compiled program, read by the evaluator.
  std::size_t slot_count() const { return slot_count_; }
  std::vector<rule_node> const& rules() const { return rules_; }
  std::uint32_t top_rule_count() const { return top_rule_count_; }  // rules [0, top) are the roots
  std::vector<std::uint32_t> const& conditions() const { return conditions_; }
  std::vector<rule_call> const& calls() const { return calls_; }
  std::vector<rule_expr> const& exprs() const { return exprs_; }
  std::vector<attr_step> const& steps() const { return steps_; }
  std::vector<template_part> const& template_parts() const { return template_parts_; }
  std::vector<rule_template> const& templates() const { return templates_; }
  std::vector<rule_endpoint> const& endpoints() const { return endpoints_; }

 private:
  friend class rule_set_compiler;
  friend class rule_set_codec;

  std::string version_;
  std::vector<rule_parameter> parameters_;
  std::size_t slot_count_ = 0;
  std::uint32_t top_rule_count_ = 0;
  std::vector<rule_node> rules_;
  std::vector<std::uint32_t> conditions_;
  std::vector<rule_call> calls_;
  std::vector<rule_expr> exprs_;
  std::vector<attr_step> steps_;
  std::vector<template_part> template_parts_;
  std::vector<rule_template> templates_;
  std::vector<rule_endpoint> endpoints_;
  rule_value_store store_;
};

}  // namespace awscoro::detail

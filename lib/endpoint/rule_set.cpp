#include "endpoint/rule_set.hpp"

#include <mutex>
#include <unordered_map>

#include "endpoint/rule_set_codec.hpp"
#include "model/model_registry.hpp"
#include "util/compiled_cache.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

struct fn_info {
  std::string_view name;
  rule_fn fn;
  std::uint32_t min_args, max_args;
};

constexpr fn_info functions[] = {
    {"isSet", rule_fn::is_set, 1, 1},
    {"not", rule_fn::not_, 1, 1},
    {"getAttr", rule_fn::get_attr, 2, 2},
    {"stringEquals", rule_fn::string_equals, 2, 2},
    {"booleanEquals", rule_fn::boolean_equals, 2, 2},
    {"substring", rule_fn::substring, 4, 4},
    {"uriEncode", rule_fn::uri_encode, 1, 1},
    {"parseURL", rule_fn::parse_url, 1, 1},
    {"isValidHostLabel", rule_fn::is_valid_host_label, 2, 2},
    {"aws.partition", rule_fn::aws_partition, 1, 1},
    {"aws.parseArn", rule_fn::aws_parse_arn, 1, 1},
    {"aws.isVirtualHostableS3Bucket", rule_fn::aws_is_virtual_hostable_s3_bucket, 2, 2},
    {"coalesce", rule_fn::coalesce, 1, 64},
    {"ite", rule_fn::ite, 3, 3},
    {"split", rule_fn::split, 3, 3},
};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// botocore treats a string as a template only when it holds "{letters-or-#}".
bool looks_like_template(std::string_view s) {
  for (std::size_t open = s.find('{'); open != std::string_view::npos; open = s.find('{', open + 1)) {
    std::size_t i = open + 1;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '#')) ++i;
    if (i > open + 1 && i < s.size() && s[i] == '}') return true;
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

class rule_set_compiler {
 public:
  rule_set_compiler(rule_set& rs, std::string* error_message) : rs_(rs), error_(error_message) {}

  bool run(json::value const& doc) {
    auto const* root = doc.if_object();
    if (!root) return fail("the rule set is not a JSON object");
    if (auto const* v = root->if_contains("version"); v && v->is_string()) rs_.version_ = std::string(v->get_string());
    if (!parameters(root->if_contains("parameters"))) return false;
    auto const* rules = root->if_contains("rules");
    if (!rules || !rules->is_array()) return fail("no \"rules\" array");
    path_.push_back("rules");
    std::uint32_t first = 0;
    if (!rule_list(rules->get_array(), first)) return false;
    path_.pop_back();
    rs_.top_rule_count_ = static_cast<std::uint32_t>(rules->get_array().size());
    rs_.slot_count_ = rs_.parameters_.size() + variable_slots_.size();
    return true;
  }

 private:
  bool fail(std::string msg) {
    if (error_) {
      std::string where;
      for (auto const& p : path_) where += p;
      *error_ = where.empty() ? std::move(msg) : where + ": " + msg;
    }
    return false;
  }

  bool parameters(json::value const* params) {
    if (!params) return true;
    if (!params->is_object()) return fail("\"parameters\" is not an object");
    for (auto const& [name, spec_value] : params->get_object()) {
      path_.push_back("parameters." + std::string(name));
      auto const* spec = spec_value.if_object();
      if (!spec) return fail("not an object");
      rule_parameter p;
      p.name = std::string(name);
      auto const* type = spec->if_contains("type");
      std::string const t = type && type->is_string() ? lower(type->get_string()) : std::string();
      if (t == "string")
        p.type = param_type::string;
      else if (t == "boolean")
        p.type = param_type::boolean;
      else if (t == "stringarray")
        p.type = param_type::string_array;
      else
        return fail("unknown parameter type (must be string, boolean or stringArray)");
      if (auto const* b = spec->if_contains("builtIn"); b && b->is_string()) p.built_in = std::string(b->get_string());
      if (auto const* r = spec->if_contains("required"); r && r->is_bool()) p.required = r->get_bool();
      p.deprecated = spec->contains("deprecated");
      if (auto const* d = spec->if_contains("default"); d && !d->is_null()) {
        bool const ok = (p.type == param_type::string && d->is_string()) ||
                        (p.type == param_type::boolean && d->is_bool()) ||
                        (p.type == param_type::string_array && d->is_array());
        if (!ok) return fail("the default does not match the parameter type");
        p.default_value = rs_.store_.from_json(*d);
      }
      scope_.emplace_back(rs_.store_.keep(name), static_cast<std::int32_t>(rs_.parameters_.size()));
      rs_.parameters_.push_back(std::move(p));
      path_.pop_back();
    }
    return true;
  }

  // Compiles `rules` into a contiguous block of rule_nodes; `first` receives its start.
  bool rule_list(json::array const& rules, std::uint32_t& first) {
    first = static_cast<std::uint32_t>(rs_.rules_.size());
    rs_.rules_.resize(rs_.rules_.size() + rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
      path_.push_back("[" + std::to_string(i) + "]");
      if (!rule(rules[i], first + static_cast<std::uint32_t>(i))) return false;
      path_.pop_back();
    }
    return true;
  }

  bool rule(json::value const& v, std::uint32_t index) {
    auto const* obj = v.if_object();
    if (!obj) return fail("a rule is not an object");
    rule_node node;
    auto const* type = obj->if_contains("type");
    std::string_view const t = type && type->is_string() ? std::string_view(type->get_string()) : std::string_view();
    if (t == "endpoint")
      node.type = rule_node::kind::endpoint;
    else if (t == "error")
      node.type = rule_node::kind::error;
    else if (t == "tree")
      node.type = rule_node::kind::tree;
    else
      return fail("unknown rule type (must be endpoint, error or tree)");

    std::size_t const scope_mark = scope_.size();
    std::vector<std::uint32_t> conds;
    if (auto const* c = obj->if_contains("conditions"); c && !c->is_null()) {
      if (!c->is_array()) return fail("\"conditions\" is not an array");
      for (std::size_t i = 0; i < c->get_array().size(); ++i) {
        path_.push_back(".conditions[" + std::to_string(i) + "]");
        auto const* cond = c->get_array()[i].if_object();
        if (!cond || !cond->contains("fn")) return fail("a condition must be a function call");
        std::uint32_t call = 0;
        if (!compile_call(*cond, call)) return false;
        conds.push_back(call);
        path_.pop_back();
      }
    }
    node.first_condition = static_cast<std::uint32_t>(rs_.conditions_.size());
    node.condition_count = static_cast<std::uint32_t>(conds.size());
    rs_.conditions_.insert(rs_.conditions_.end(), conds.begin(), conds.end());

    switch (node.type) {
      case rule_node::kind::endpoint: {
        auto const* ep = obj->if_contains("endpoint");
        if (!ep || !ep->is_object()) return fail("an endpoint rule needs an \"endpoint\" object");
        path_.push_back(".endpoint");
        rule_endpoint out;
        if (!endpoint(ep->get_object(), out)) return false;
        path_.pop_back();
        node.payload = static_cast<std::uint32_t>(rs_.endpoints_.size());
        rs_.endpoints_.push_back(std::move(out));
        break;
      }
      case rule_node::kind::error: {
        auto const* err = obj->if_contains("error");
        if (!err) return fail("an error rule needs an \"error\"");
        path_.push_back(".error");
        rule_expr e;
        if (!expr(*err, e)) return false;
        path_.pop_back();
        node.payload = static_cast<std::uint32_t>(rs_.exprs_.size());
        rs_.exprs_.push_back(std::move(e));
        break;
      }
      case rule_node::kind::tree: {
        auto const* children = obj->if_contains("rules");
        if (!children || !children->is_array()) return fail("a tree rule needs a \"rules\" array");
        path_.push_back(".rules");
        if (!rule_list(children->get_array(), node.first_child)) return false;
        path_.pop_back();
        node.child_count = static_cast<std::uint32_t>(children->get_array().size());
        break;
      }
    }
    scope_.resize(scope_mark);
    rs_.rules_[index] = node;
    return true;
  }

  bool endpoint(json::object const& ep, rule_endpoint& out) {
    auto const* url = ep.if_contains("url");
    if (!url) return fail("no \"url\"");
    if (!expr(*url, out.url)) return false;
    if (auto const* headers = ep.if_contains("headers"); headers && !headers->is_null()) {
      if (!headers->is_object()) return fail("\"headers\" is not an object");
      for (auto const& [name, values] : headers->get_object()) {
        if (!values.is_array()) return fail("header " + std::string(name) + " is not an array");
        std::vector<rule_expr> exprs;
        for (auto const& item : values.get_array()) {
          rule_expr e;
          if (!expr(item, e)) return false;
          exprs.push_back(std::move(e));
        }
        out.headers.emplace_back(std::string(name), std::move(exprs));
      }
    }
    out.properties.type = property_node::kind::object;
    if (auto const* props = ep.if_contains("properties"); props && !props->is_null()) {
      if (!props->is_object()) return fail("\"properties\" is not an object");
      if (!property(*props, out.properties)) return false;
    }
    return true;
  }

  static bool has_template(json::value const& v) {
    if (auto const* s = v.if_string()) return looks_like_template(*s);
    if (auto const* a = v.if_array()) {
      for (auto const& e : *a)
        if (has_template(e)) return true;
    }
    if (auto const* o = v.if_object()) {
      for (auto const& [k, e] : *o)
        if (has_template(e)) return true;
    }
    return false;
  }

  bool property(json::value const& v, property_node& out) {
    if (!has_template(v)) {
      out.type = property_node::kind::literal;
      out.literal = v;
      return true;
    }
    if (auto const* s = v.if_string()) {
      out.type = property_node::kind::templ;
      return compile_template(*s, out.templ);
    }
    if (auto const* a = v.if_array()) {
      out.type = property_node::kind::array;
      for (auto const& e : *a) {
        property_node n;
        if (!property(e, n)) return false;
        out.items.push_back(std::move(n));
      }
      return true;
    }
    auto const& o = v.get_object();
    out.type = property_node::kind::object;
    for (auto const& [k, e] : o) {
      property_node n;
      if (!property(e, n)) return false;
      out.keys.emplace_back(k);
      out.items.push_back(std::move(n));
    }
    return true;
  }

  std::int32_t lookup(std::string_view name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (it->first == name) return it->second;
    return -1;
  }

  bool expr(json::value const& v, rule_expr& out) {
    switch (v.kind()) {
      case json::kind::object: {
        auto const& o = v.get_object();
        if (o.contains("fn")) {
          out.type = rule_expr::kind::call;
          return compile_call(o, out.index);
        }
        if (auto const* ref = o.if_contains("ref"); ref && ref->is_string()) {
          std::int32_t const slot = lookup(ref->get_string());
          if (slot < 0) return fail("reference to undefined variable \"" + std::string(ref->get_string()) + "\"");
          out.type = rule_expr::kind::ref;
          out.index = static_cast<std::uint32_t>(slot);
          return true;
        }
        return fail("an object argument must be a function call or a reference");
      }
      case json::kind::string:
        if (looks_like_template(v.get_string())) {
          out.type = rule_expr::kind::templ;
          return compile_template(v.get_string(), out.index);
        }
        [[fallthrough]];
      default:
        out.type = rule_expr::kind::literal;
        out.literal = rs_.store_.from_json(v);
        return true;
    }
  }

  bool compile_call(json::object const& o, std::uint32_t& index) {
    auto const* fn = o.if_contains("fn");
    if (!fn || !fn->is_string()) return fail("\"fn\" is not a string");
    fn_info const* info = nullptr;
    for (auto const& f : functions)
      if (f.name == fn->get_string()) info = &f;
    if (!info) return fail("unknown function \"" + std::string(fn->get_string()) + "\"");
    auto const* argv = o.if_contains("argv");
    if (!argv || !argv->is_array()) return fail(std::string(info->name) + ": no \"argv\" array");
    auto const& args = argv->get_array();
    if (args.size() < info->min_args || args.size() > info->max_args)
      return fail(std::string(info->name) + ": wrong number of arguments (" + std::to_string(args.size()) + ")");

    rule_call call;
    call.fn = info->fn;
    std::size_t arg_count = args.size();
    if (info->fn == rule_fn::get_attr) {
      // The path is always a literal; it becomes steps and is not an argument at run time.
      if (!args[1].is_string()) return fail("getAttr: the path must be a literal string");
      call.first_step = static_cast<std::uint32_t>(rs_.steps_.size());
      if (!attr_path(args[1].get_string())) return false;
      call.step_count = static_cast<std::uint32_t>(rs_.steps_.size()) - call.first_step;
      arg_count = 1;
    }
    std::vector<rule_expr> compiled(arg_count);
    for (std::size_t i = 0; i < arg_count; ++i)
      if (!expr(args[i], compiled[i])) return false;
    auto const is_ref = [](rule_expr const& e) { return e.type == rule_expr::kind::ref; };
    auto const is_bool = [](rule_expr const& e) {
      return e.type == rule_expr::kind::literal && e.literal.type == rule_value::kind::boolean;
    };
    if (info->fn == rule_fn::boolean_equals && (is_ref(compiled[0]) || is_ref(compiled[1])) &&
        (is_bool(compiled[0]) || is_bool(compiled[1]))) {
      rule_expr const& ref = is_ref(compiled[0]) ? compiled[0] : compiled[1];
      rule_expr const& lit = is_ref(compiled[0]) ? compiled[1] : compiled[0];
      call.fast = rule_call::shortcut::bool_equals_ref;
      call.fast_slot = ref.index;
      call.fast_bool = lit.literal.boolean;
    } else if (info->fn == rule_fn::is_set && is_ref(compiled[0])) {
      call.fast = rule_call::shortcut::is_set_ref;
      call.fast_slot = compiled[0].index;
    }
    call.first_arg = static_cast<std::uint32_t>(rs_.exprs_.size());
    call.arg_count = static_cast<std::uint32_t>(arg_count);
    rs_.exprs_.insert(rs_.exprs_.end(), compiled.begin(), compiled.end());

    if (auto const* assign = o.if_contains("assign"); assign && !assign->is_null()) {
      if (!assign->is_string()) return fail("\"assign\" is not a string");
      std::string_view const name = assign->get_string();
      if (lookup(name) >= 0)
        return fail("assignment to \"" + std::string(name) + "\", which is already in scope");
      auto [it, fresh] = variable_slots_.try_emplace(
          std::string(name), static_cast<std::int32_t>(rs_.parameters_.size() + variable_slots_.size()));
      call.assign = it->second;
      scope_.emplace_back(rs_.store_.keep(name), call.assign);
    }
    index = static_cast<std::uint32_t>(rs_.calls_.size());
    rs_.calls_.push_back(call);
    return true;
  }

  // botocore's getAttr path: '.'-separated names; a part "name[N]" (or "[N]") indexes and ends
  // the path.
  bool attr_path(std::string_view path) {
    while (true) {
      auto const dot = path.find('.');
      std::string_view part = path.substr(0, dot);
      attr_step step;
      if (auto const br = part.find('['); br != std::string_view::npos) {
        if (part.back() != ']' || br + 2 >= part.size()) return fail("getAttr: bad index in \"" + std::string(part) + "\"");
        step.key = rs_.store_.keep(part.substr(0, br));
        for (char c : step.key)
          if (!is_word_char(c)) return fail("getAttr: bad name in \"" + std::string(part) + "\"");
        std::int64_t n = 0;
        for (char c : part.substr(br + 1, part.size() - br - 2)) {
          if (c < '0' || c > '9' || n > 100000000) return fail("getAttr: bad index in \"" + std::string(part) + "\"");
          n = n * 10 + (c - '0');
        }
        step.index = static_cast<std::int32_t>(n);
        rs_.steps_.push_back(step);
        return true;
      }
      if (part.empty()) return fail("getAttr: empty name in path");
      step.key = rs_.store_.keep(part);
      rs_.steps_.push_back(step);
      if (dot == std::string_view::npos) return true;
      path.remove_prefix(dot + 1);
    }
  }

  // Python str.format syntax as botocore reads it: "{{" and "}}" are braces, "{a#b}" reads
  // variable a, then its field b.
  bool compile_template(std::string_view s, std::uint32_t& index) {
    std::vector<template_part> parts;
    std::string literal;
    auto flush = [&] {
      if (literal.empty()) return;
      template_part p;
      p.literal = rs_.store_.keep(literal);
      parts.push_back(p);
      literal.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
      char const c = s[i];
      if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
        literal += '{';
        i += 2;
      } else if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') {
        literal += '}';
        i += 2;
      } else if (c == '}') {
        return fail("template \"" + std::string(s) + "\": single '}'");
      } else if (c == '{') {
        auto const close = s.find('}', i + 1);
        if (close == std::string_view::npos) return fail("template \"" + std::string(s) + "\": unmatched '{'");
        std::string_view ref = s.substr(i + 1, close - i - 1);
        flush();
        template_part p;
        auto const hash = ref.find('#');
        std::string_view const var = ref.substr(0, hash);
        p.slot = lookup(var);
        if (p.slot < 0) return fail("template \"" + std::string(s) + "\": undefined variable \"" + std::string(var) + "\"");
        p.first_step = static_cast<std::uint32_t>(rs_.steps_.size());
        if (hash != std::string_view::npos) {
          std::string_view rest = ref.substr(hash + 1);
          while (true) {
            auto const h = rest.find('#');
            attr_step step;
            step.key = rs_.store_.keep(rest.substr(0, h));
            rs_.steps_.push_back(step);
            if (h == std::string_view::npos) break;
            rest.remove_prefix(h + 1);
          }
        }
        p.step_count = static_cast<std::uint32_t>(rs_.steps_.size()) - p.first_step;
        parts.push_back(p);
        i = close + 1;
      } else {
        literal += c;
        ++i;
      }
    }
    flush();
    rule_template t;
    t.first_part = static_cast<std::uint32_t>(rs_.template_parts_.size());
    t.part_count = static_cast<std::uint32_t>(parts.size());
    rs_.template_parts_.insert(rs_.template_parts_.end(), parts.begin(), parts.end());
    index = static_cast<std::uint32_t>(rs_.templates_.size());
    rs_.templates_.push_back(t);
    return true;
  }

  rule_set& rs_;
  std::string* error_;
  std::vector<std::string> path_;
  std::vector<std::pair<std::string_view, std::int32_t>> scope_;
  std::unordered_map<std::string, std::int32_t> variable_slots_;
};

boost::system::result<std::shared_ptr<rule_set const>> rule_set::compile(json::value const& doc,
                                                                        std::string* error_message) {
  auto rs = std::make_shared<rule_set>();
  rule_set_compiler compiler(*rs, error_message);
  if (!compiler.run(doc)) return boost::system::error_code(EINVAL, boost::system::generic_category());
  return std::shared_ptr<rule_set const>(std::move(rs));
}

int rule_set::find_parameter(std::string_view name) const {
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    if (parameters_[i].name == name) return static_cast<int>(i);
  return -1;
}

int rule_set::find_built_in(std::string_view built_in) const {
  for (std::size_t i = 0; i < parameters_.size(); ++i)
    if (parameters_[i].built_in == built_in) return static_cast<int>(i);
  return -1;
}

std::shared_ptr<rule_set const> rule_set::load(model_registry& registry, std::string const& service,
                                               std::string* error_message) {
  load_error err{};
  auto source = registry.service_source(service, "", "endpoint-rule-set-1", &err);
  auto failed = [&](std::string const& message) -> std::shared_ptr<rule_set const> {
    if (error_message) *error_message = message;
    return nullptr;
  };
  if (!source) return failed(service + ": " + err.message);
  constexpr std::string_view kind = "endpoint-rule-set";
  auto const* cache = registry.compiled();
  std::string key;
  if (cache) {
    key = model_registry::cache_key(kind, rule_set_format_version, service, *source);
    if (auto bytes = cache->get(kind, key))
      if (auto rs = rule_set_codec::decode(*bytes)) return rs;
  }
  auto doc = model_registry::parse_source(*source, &err);
  if (!doc) return failed(service + ": " + err.message);
  std::string msg;
  auto compiled = compile(*doc, &msg);
  if (!compiled) return failed(service + " endpoint rule set: " + msg);
  if (cache) cache->put(kind, key, rule_set_codec::encode(**compiled));
  return *compiled;
}

std::shared_ptr<rule_set const> rule_set::load(std::string const& service, std::string* error_message) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<rule_set const>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(service); it != cache.end()) return it->second;
  auto rs = load(model_registry::instance(), service, error_message);
  if (rs) cache.emplace(service, rs);
  return rs;
}

}  // namespace awscoro::detail

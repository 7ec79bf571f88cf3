#include "endpoint/endpoint_resolver.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <memory_resource>
#include <new>

#include <boost/json/value.hpp>

#include "endpoint/rule_functions.hpp"

namespace awscoro::detail {
namespace json = boost::json;

void endpoint_params::set(std::size_t index, endpoint_param_value value) {
  if (values_.size() <= index) values_.resize(index + 1);
  values_[index] = std::move(value);
}

bool endpoint_params::set(rule_set const& rs, std::string_view name, endpoint_param_value value) {
  int const index = rs.find_parameter(name);
  if (index < 0) return false;
  set(static_cast<std::size_t>(index), std::move(value));
  return true;
}

endpoint_param_value const* endpoint_params::get(std::size_t index) const {
  if (index >= values_.size() || std::holds_alternative<std::monostate>(values_[index])) return nullptr;
  return &values_[index];
}

void endpoint_params::clear() {
  for (auto& v : values_) v = std::monostate{};
}

namespace {

char const* kind_name(rule_value::kind k) {
  switch (k) {
    case rule_value::kind::none: return "none";
    case rule_value::kind::boolean: return "a boolean";
    case rule_value::kind::integer: return "an integer";
    case rule_value::kind::string: return "a string";
    case rule_value::kind::array: return "an array";
    case rule_value::kind::object: return "an object";
  }
  return "?";
}

char const* type_name(param_type t) {
  switch (t) {
    case param_type::string: return "a string";
    case param_type::boolean: return "a boolean";
    case param_type::string_array: return "an array of strings";
  }
  return "?";
}

class rule_evaluator {
 public:
  enum class outcome { no_match, endpoint, error, failed };

  rule_evaluator(rule_set const& rs, partitions const& parts, std::pmr::memory_resource& arena, rule_value* slots)
      : rs_(rs), parts_(parts), arena_(arena), slots_(slots) {}

  outcome rules(std::uint32_t first, std::uint32_t count) {
    auto const& all = rs_.rules();
    for (std::uint32_t r = first; r < first + count; ++r) {
      rule_node const& node = all[r];
      bool ok = true;
      auto const* conds = rs_.conditions().data() + node.first_condition;
      for (std::uint32_t i = 0; i < node.condition_count; ++i) {
        rule_value v;
        if (!call(conds[i], v)) return outcome::failed;
        if (v.type == rule_value::kind::none || (v.type == rule_value::kind::boolean && !v.boolean)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      switch (node.type) {
        case rule_node::kind::endpoint: matched_ = r; return outcome::endpoint;
        case rule_node::kind::error: matched_ = r; return outcome::error;
        case rule_node::kind::tree: {
          // A tree whose children all decline falls through to its next sibling, as in botocore.
          auto const o = rules(node.first_child, node.child_count);
          if (o != outcome::no_match) return o;
          break;
        }
      }
    }
    return outcome::no_match;
  }

  bool eval(rule_expr const& e, rule_value& out) {
    switch (e.type) {
      case rule_expr::kind::literal: out = e.literal; return true;
      case rule_expr::kind::ref: out = slots_[e.index]; return true;
      case rule_expr::kind::templ: out = rule_value::of_string(expand(rs_.templates()[e.index])); return true;
      case rule_expr::kind::call: return call(e.index, out);
    }
    return false;
  }

  // The text a value stands for in a template, URL, header or message (Python's str()).
  std::string_view render(rule_value const& v) {
    switch (v.type) {
      case rule_value::kind::string: return v.string;
      case rule_value::kind::boolean: return v.boolean ? "True" : "False";
      case rule_value::kind::none: return "None";
      case rule_value::kind::integer: {
        char* buf = static_cast<char*>(arena_.allocate(24, 1));
        auto r = std::to_chars(buf, buf + 24, v.integer);
        return {buf, static_cast<std::size_t>(r.ptr - buf)};
      }
      case rule_value::kind::array:
      case rule_value::kind::object: return {};
    }
    return {};
  }

  std::string_view expand(rule_template const& t) {
    auto const* parts = rs_.template_parts().data() + t.first_part;
    if (t.part_count == 1) return piece(parts[0]);
    std::array<std::string_view, 16> small;
    std::string_view* pieces = small.data();
    if (t.part_count > small.size())
      pieces = static_cast<std::string_view*>(
          arena_.allocate(t.part_count * sizeof(std::string_view), alignof(std::string_view)));
    std::size_t total = 0;
    for (std::uint32_t i = 0; i < t.part_count; ++i) {
      new (&pieces[i]) std::string_view(piece(parts[i]));
      total += pieces[i].size();
    }
    char* const buf = static_cast<char*>(arena_.allocate(total == 0 ? 1 : total, 1));
    char* out = buf;
    for (std::uint32_t i = 0; i < t.part_count; ++i) {
      if (!pieces[i].empty()) std::memcpy(out, pieces[i].data(), pieces[i].size());
      out += pieces[i].size();
    }
    return {buf, total};
  }

  std::uint32_t matched() const { return matched_; }
  std::string const& failure() const { return failure_; }

 private:
  std::string_view piece(template_part const& p) {
    if (p.slot < 0) return p.literal;
    return render(walk(slots_[p.slot], p.first_step, p.step_count));
  }

  rule_value walk(rule_value v, std::uint32_t first_step, std::uint32_t count) const {
    auto const* steps = rs_.steps().data() + first_step;
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!steps[i].key.empty()) {
        auto const* f = v.find(steps[i].key);
        v = f ? *f : rule_value{};
      }
      if (steps[i].index >= 0) {
        auto const idx = static_cast<std::uint32_t>(steps[i].index);
        if (v.type != rule_value::kind::array || idx >= v.count) return {};
        return v.items[idx];
      }
    }
    return v;
  }

  bool fail(std::string msg) {
    failure_ = std::move(msg);
    return false;
  }

  bool call(std::uint32_t index, rule_value& out) {
    rule_call const& c = rs_.calls()[index];
    rule_expr const* args = rs_.exprs().data() + c.first_arg;
    out = {};
    if (c.fast == rule_call::shortcut::is_set_ref) {
      out = rule_value::of_bool(!slots_[c.fast_slot].is_none());
    } else if (c.fast == rule_call::shortcut::bool_equals_ref && slots_[c.fast_slot].is_bool()) {
      out = rule_value::of_bool(slots_[c.fast_slot].boolean == c.fast_bool);
    } else if (c.fn == rule_fn::coalesce) {
      for (std::uint32_t i = 0; i < c.arg_count; ++i) {
        if (!eval(args[i], out)) return false;
        if (!out.is_none()) break;
      }
    } else {
      // Raw storage: zero-filling four values per call costs more than the call itself.
      alignas(rule_value) unsigned char storage[4 * sizeof(rule_value)];
      auto* a = reinterpret_cast<rule_value*>(storage);
      for (std::uint32_t i = 0; i < c.arg_count; ++i) {
        new (&a[i]) rule_value();
        if (!eval(args[i], a[i])) return false;
      }
      if (!apply(c, a, out)) return false;
    }
    if (c.assign >= 0) slots_[c.assign] = out;
    return true;
  }

  bool apply(rule_call const& c, rule_value const* a, rule_value& out) {
    switch (c.fn) {
      case rule_fn::is_set: out = rule_value::of_bool(!a[0].is_none()); return true;
      case rule_fn::not_: out = rule_value::of_bool(!truthy(a[0])); return true;
      case rule_fn::get_attr: out = walk(a[0], c.first_step, c.step_count); return true;
      case rule_fn::string_equals:
        if (!a[0].is_string() || !a[1].is_string())
          return fail(std::string("stringEquals: both arguments must be strings, got ") + kind_name(a[0].type) +
                      " and " + kind_name(a[1].type));
        out = rule_value::of_bool(a[0].string == a[1].string);
        return true;
      case rule_fn::boolean_equals:
        if (!a[0].is_bool() || !a[1].is_bool())
          return fail(std::string("booleanEquals: both arguments must be booleans, got ") + kind_name(a[0].type) +
                      " and " + kind_name(a[1].type));
        out = rule_value::of_bool(a[0].boolean == a[1].boolean);
        return true;
      case rule_fn::substring: {
        if (!a[0].is_string()) return fail(std::string("substring: the input must be a string, got ") + kind_name(a[0].type));
        if (a[1].type != rule_value::kind::integer || a[2].type != rule_value::kind::integer)
          return fail("substring: start and stop must be integers");
        if (auto s = substring(a[0].string, a[1].integer, a[2].integer, a[3].is_bool() && a[3].boolean))
          out = rule_value::of_string(*s);
        return true;
      }
      case rule_fn::uri_encode:
        if (!a[0].is_none()) out = rule_value::of_string(uri_encode(render(a[0]), arena_));
        return true;
      case rule_fn::parse_url: {
        if (a[0].is_none()) return true;
        if (!a[0].is_string()) return fail(std::string("parseURL: the input must be a string, got ") + kind_name(a[0].type));
        auto u = parse_url(a[0].string, arena_);
        if (!u) return true;
        auto* f = static_cast<rule_field*>(arena_.allocate(5 * sizeof(rule_field), alignof(rule_field)));
        new (&f[0]) rule_field{"scheme", rule_value::of_string(u->scheme)};
        new (&f[1]) rule_field{"authority", rule_value::of_string(u->authority)};
        new (&f[2]) rule_field{"path", rule_value::of_string(u->path)};
        new (&f[3]) rule_field{"normalizedPath", rule_value::of_string(u->normalized_path)};
        new (&f[4]) rule_field{"isIp", rule_value::of_bool(u->is_ip)};
        out = rule_value::of_object(f, 5);
        return true;
      }
      case rule_fn::is_valid_host_label:
        out = rule_value::of_bool(a[0].is_string() && is_valid_host_label(a[0].string, a[1].is_bool() && a[1].boolean));
        return true;
      case rule_fn::aws_partition:
        if (a[0].is_none()) {
          out = parts_.default_partition();
          return true;
        }
        if (!a[0].is_string()) return fail(std::string("aws.partition: the region must be a string, got ") + kind_name(a[0].type));
        out = parts_.partition_for(a[0].string);
        return true;
      case rule_fn::aws_parse_arn: {
        if (!a[0].is_string()) return true;
        auto arn = parse_arn(a[0].string, arena_);
        if (!arn) return true;
        auto const n = arn->resource_id.size();
        auto* ids = static_cast<rule_value*>(arena_.allocate(n * sizeof(rule_value), alignof(rule_value)));
        for (std::size_t i = 0; i < n; ++i) new (&ids[i]) rule_value(rule_value::of_string(arn->resource_id[i]));
        auto* f = static_cast<rule_field*>(arena_.allocate(5 * sizeof(rule_field), alignof(rule_field)));
        new (&f[0]) rule_field{"partition", rule_value::of_string(arn->partition)};
        new (&f[1]) rule_field{"service", rule_value::of_string(arn->service)};
        new (&f[2]) rule_field{"region", rule_value::of_string(arn->region)};
        new (&f[3]) rule_field{"accountId", rule_value::of_string(arn->account_id)};
        new (&f[4]) rule_field{"resourceId", rule_value::of_array(ids, n)};
        out = rule_value::of_object(f, 5);
        return true;
      }
      case rule_fn::aws_is_virtual_hostable_s3_bucket:
        out = rule_value::of_bool(a[0].is_string() &&
                                  is_virtual_hostable_s3_bucket(a[0].string, a[1].is_bool() && a[1].boolean));
        return true;
      case rule_fn::ite:
        if (!a[0].is_bool()) return fail(std::string("ite: the condition must be a boolean, got ") + kind_name(a[0].type));
        out = a[0].boolean ? a[1] : a[2];
        return true;
      case rule_fn::split: return split(a, out);
      case rule_fn::coalesce: return true;  // handled in call()
    }
    return true;
  }

  // Smithy's split(value, delimiter, limit): limit 0 splits everywhere, N yields at most N
  // parts, the last holding the rest.
  bool split(rule_value const* a, rule_value& out) {
    if (!a[0].is_string() || !a[1].is_string() || a[1].string.empty() || a[2].type != rule_value::kind::integer ||
        a[2].integer < 0)
      return fail("split: expects a string, a non-empty delimiter and a non-negative limit");
    std::string_view s = a[0].string, d = a[1].string;
    std::size_t const limit = static_cast<std::size_t>(a[2].integer);
    std::size_t n = 1;
    for (std::size_t p = s.find(d); p != std::string_view::npos && (limit == 0 || n < limit); p = s.find(d, p + d.size()))
      ++n;
    auto* items = static_cast<rule_value*>(arena_.allocate(n * sizeof(rule_value), alignof(rule_value)));
    std::size_t k = 0;
    while (k + 1 < n) {
      auto const p = s.find(d);
      new (&items[k++]) rule_value(rule_value::of_string(s.substr(0, p)));
      s.remove_prefix(p + d.size());
    }
    new (&items[k]) rule_value(rule_value::of_string(s));
    out = rule_value::of_array(items, n);
    return true;
  }

  rule_set const& rs_;
  partitions const& parts_;
  std::pmr::memory_resource& arena_;
  rule_value* slots_;
  std::uint32_t matched_ = 0;
  std::string failure_;
};

json::value build_property(property_node const& n, rule_evaluator& ev, rule_set const& rs) {
  switch (n.type) {
    case property_node::kind::literal: return n.literal;
    case property_node::kind::templ: return json::string(ev.expand(rs.templates()[n.templ]));
    case property_node::kind::array: {
      json::array a;
      a.reserve(n.items.size());
      for (auto const& item : n.items) a.push_back(build_property(item, ev, rs));
      return a;
    }
    case property_node::kind::object: {
      json::object o;
      o.reserve(n.items.size());
      for (std::size_t i = 0; i < n.items.size(); ++i) o.emplace(n.keys[i], build_property(n.items[i], ev, rs));
      return o;
    }
  }
  return {};
}

using resolve_result = boost::system::result<resolved_endpoint, resolve_error>;

resolve_result error_of(resolve_error::kind k, std::string message) {
  return resolve_result(boost::system::in_place_error, resolve_error{k, std::move(message)});
}

}  // namespace

resolve_result resolve_endpoint(rule_set const& rules, endpoint_params const& params, partitions const& parts) {
  alignas(std::max_align_t) std::byte scratch[4096];
  std::pmr::monotonic_buffer_resource arena(scratch, sizeof scratch);

  std::size_t const slot_count = rules.slot_count();
  auto* slots = static_cast<rule_value*>(arena.allocate(slot_count * sizeof(rule_value) + 1, alignof(rule_value)));
  for (std::size_t i = 0; i < slot_count; ++i) new (&slots[i]) rule_value();

  auto const& specs = rules.parameters();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    rule_parameter const& spec = specs[i];
    endpoint_param_value const* given = params.get(i);
    if (!given) {
      if (!spec.default_value.is_none())
        slots[i] = spec.default_value;
      else if (spec.required)
        return error_of(resolve_error::kind::missing_parameter,
                        "missing required endpoint parameter " + spec.name);
      continue;
    }
    bool const ok = std::visit(
        [&](auto const& v) -> bool {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, bool>) {
            if (spec.type != param_type::boolean) return false;
            slots[i] = rule_value::of_bool(v);
          } else if constexpr (std::is_same_v<T, std::string>) {
            if (spec.type != param_type::string) return false;
            slots[i] = rule_value::of_string(v);
          } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            if (spec.type != param_type::string_array) return false;
            auto* items = static_cast<rule_value*>(arena.allocate(v.size() * sizeof(rule_value) + 1, alignof(rule_value)));
            for (std::size_t k = 0; k < v.size(); ++k) new (&items[k]) rule_value(rule_value::of_string(v[k]));
            slots[i] = rule_value::of_array(items, v.size());
          }
          return true;
        },
        *given);
    if (!ok)
      return error_of(resolve_error::kind::invalid_parameter,
                      "endpoint parameter " + spec.name + " must be " + type_name(spec.type));
  }

  rule_evaluator ev(rules, parts, arena, slots);
  switch (ev.rules(0, rules.top_rule_count())) {
    case rule_evaluator::outcome::failed: return error_of(resolve_error::kind::evaluation_failed, ev.failure());
    case rule_evaluator::outcome::no_match: {
      std::string msg = "no endpoint rule matched the parameters";
      for (std::size_t i = 0; i < specs.size(); ++i) {
        if (slots[i].is_none()) continue;
        msg += i ? ", " : ": ";
        msg += specs[i].name;
        msg += '=';
        msg += ev.render(slots[i]);
      }
      return error_of(resolve_error::kind::no_rule_matched, std::move(msg));
    }
    case rule_evaluator::outcome::error: {
      rule_value v;
      if (!ev.eval(rules.exprs()[rules.rules()[ev.matched()].payload], v))
        return error_of(resolve_error::kind::evaluation_failed, ev.failure());
      return error_of(resolve_error::kind::rule_error, std::string(ev.render(v)));
    }
    case rule_evaluator::outcome::endpoint: break;
  }

  rule_endpoint const& ep = rules.endpoints()[rules.rules()[ev.matched()].payload];
  resolved_endpoint out;
  rule_value v;
  if (!ev.eval(ep.url, v)) return error_of(resolve_error::kind::evaluation_failed, ev.failure());
  out.url = ev.render(v);
  out.headers.reserve(ep.headers.size());
  for (auto const& [name, values] : ep.headers) {
    std::vector<std::string> rendered;
    rendered.reserve(values.size());
    for (auto const& e : values) {
      if (!ev.eval(e, v)) return error_of(resolve_error::kind::evaluation_failed, ev.failure());
      rendered.emplace_back(ev.render(v));
    }
    out.headers.emplace_back(name, std::move(rendered));
  }
  if (ep.properties.type == property_node::kind::literal) {
    if (ep.properties.literal.is_object()) out.properties = ep.properties.literal.get_object();
  } else {
    json::value p = build_property(ep.properties, ev, rules);
    if (p.is_object()) out.properties = std::move(p.get_object());
  }
  return out;
}

}  // namespace awscoro::detail

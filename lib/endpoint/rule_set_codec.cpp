#include "endpoint/rule_set_codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "util/binary_codec.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// Literal values are rare and small: they travel as JSON and go back through the store, which
// owns what they point at.
json::value as_json(rule_value const& v) {
  switch (v.type) {
    case rule_value::kind::none: return nullptr;
    case rule_value::kind::boolean: return v.boolean;
    case rule_value::kind::integer: return v.integer;
    case rule_value::kind::string: return json::string(v.string);
    case rule_value::kind::array: {
      json::array a;
      for (std::uint32_t i = 0; i < v.count; ++i) a.push_back(as_json(v.items[i]));
      return a;
    }
    case rule_value::kind::object: {
      json::object o;
      for (std::uint32_t i = 0; i < v.count; ++i) o[v.fields[i].key] = as_json(v.fields[i].value);
      return o;
    }
  }
  return nullptr;
}

void put_json(binary_writer& out, json::value const& v) { out.str(json::serialize(v)); }

json::value get_json(binary_reader& in) {
  auto text = in.str();
  if (!in.ok()) return nullptr;
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 4096;
  auto v = json::parse(text, ec, {}, options);
  if (ec) in.fail();
  return v;
}

template <class Enum>
Enum get_enum(binary_reader& in, Enum last) {
  auto v = in.u8();
  if (v > static_cast<std::uint8_t>(last)) in.fail();
  return static_cast<Enum>(v);
}

void put_expr(binary_writer& out, rule_expr const& e) {
  out.u8(static_cast<std::uint8_t>(e.type));
  out.u32(e.index);
  if (e.type == rule_expr::kind::literal) put_json(out, as_json(e.literal));
}

void put_property(binary_writer& out, property_node const& n) {
  out.u8(static_cast<std::uint8_t>(n.type));
  switch (n.type) {
    case property_node::kind::literal: put_json(out, n.literal); break;
    case property_node::kind::templ: out.u32(n.templ); break;
    case property_node::kind::array:
    case property_node::kind::object:
      out.u32(static_cast<std::uint32_t>(n.items.size()));
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        if (n.type == property_node::kind::object) out.str(n.keys[i]);
        put_property(out, n.items[i]);
      }
      break;
  }
}

bool in_range(std::uint64_t first, std::uint64_t count, std::size_t size) { return first + count <= size; }

}  // namespace

std::string rule_set_codec::encode(rule_set const& rs) {
  binary_writer out;
  out.u32(rule_set_format_version);
  out.str(rs.version_);
  out.u32(static_cast<std::uint32_t>(rs.parameters_.size()));
  for (auto const& p : rs.parameters_) {
    out.str(p.name);
    out.u8(static_cast<std::uint8_t>(p.type));
    out.str(p.built_in);
    out.boolean(p.required);
    out.boolean(p.deprecated);
    put_json(out, as_json(p.default_value));
  }
  out.u64(rs.slot_count_);
  out.u32(rs.top_rule_count_);
  out.u32(static_cast<std::uint32_t>(rs.rules_.size()));
  for (auto const& r : rs.rules_) {
    out.u8(static_cast<std::uint8_t>(r.type));
    for (auto v : {r.first_condition, r.condition_count, r.first_child, r.child_count, r.payload}) out.u32(v);
  }
  out.u32(static_cast<std::uint32_t>(rs.conditions_.size()));
  for (auto c : rs.conditions_) out.u32(c);
  out.u32(static_cast<std::uint32_t>(rs.calls_.size()));
  for (auto const& c : rs.calls_) {
    out.u8(static_cast<std::uint8_t>(c.fn));
    out.u8(static_cast<std::uint8_t>(c.fast));
    out.boolean(c.fast_bool);
    for (auto v : {c.fast_slot, c.first_arg, c.arg_count}) out.u32(v);
    out.i32(c.assign);
    out.u32(c.first_step);
    out.u32(c.step_count);
  }
  out.u32(static_cast<std::uint32_t>(rs.exprs_.size()));
  for (auto const& e : rs.exprs_) put_expr(out, e);
  out.u32(static_cast<std::uint32_t>(rs.steps_.size()));
  for (auto const& s : rs.steps_) {
    out.str(s.key);
    out.i32(s.index);
  }
  out.u32(static_cast<std::uint32_t>(rs.template_parts_.size()));
  for (auto const& t : rs.template_parts_) {
    out.str(t.literal);
    out.i32(t.slot);
    out.u32(t.first_step);
    out.u32(t.step_count);
  }
  out.u32(static_cast<std::uint32_t>(rs.templates_.size()));
  for (auto const& t : rs.templates_) {
    out.u32(t.first_part);
    out.u32(t.part_count);
  }
  out.u32(static_cast<std::uint32_t>(rs.endpoints_.size()));
  for (auto const& ep : rs.endpoints_) {
    put_expr(out, ep.url);
    out.u32(static_cast<std::uint32_t>(ep.headers.size()));
    for (auto const& [name, values] : ep.headers) {
      out.str(name);
      out.u32(static_cast<std::uint32_t>(values.size()));
      for (auto const& v : values) put_expr(out, v);
    }
    put_property(out, ep.properties);
  }
  return out.take();
}

namespace {

// Reads one rule set, checking as it goes every index against the arrays it points into.
class rule_set_reader {
 public:
  rule_set_reader(binary_reader& in, rule_value_store& store) : in_(in), store_(store) {}

  rule_value value() {
    auto v = get_json(in_);
    return in_.ok() ? store_.from_json(v) : rule_value{};
  }

  std::string_view kept_string() {
    auto s = in_.str();
    return in_.ok() ? store_.keep(s) : std::string_view();
  }

  void expr(rule_expr& e) {
    e.type = get_enum(in_, rule_expr::kind::call);
    e.index = in_.u32();
    if (e.type == rule_expr::kind::literal) e.literal = value();
  }

  void property(property_node& n, int depth) {
    if (depth > 64) return in_.fail();
    n.type = get_enum(in_, property_node::kind::object);
    if (!in_.ok()) return;
    switch (n.type) {
      case property_node::kind::literal: n.literal = get_json(in_); break;
      case property_node::kind::templ: n.templ = in_.u32(); break;
      case property_node::kind::array:
      case property_node::kind::object:
        n.items.resize(in_.count(1));
        for (auto& item : n.items) {
          if (n.type == property_node::kind::object) n.keys.emplace_back(in_.str());
          property(item, depth + 1);
          if (!in_.ok()) return;
        }
        break;
    }
  }

 private:
  binary_reader& in_;
  rule_value_store& store_;
};

}  // namespace

std::shared_ptr<rule_set const> rule_set_codec::decode(std::string_view bytes) {
  binary_reader in(bytes);
  if (in.u32() != rule_set_format_version) return nullptr;
  auto rs = std::make_shared<rule_set>();
  rule_set_reader read(in, rs->store_);
  rs->version_ = in.str();
  rs->parameters_.resize(in.count(12));
  for (auto& p : rs->parameters_) {
    p.name = in.str();
    p.type = get_enum(in, param_type::string_array);
    p.built_in = in.str();
    p.required = in.boolean();
    p.deprecated = in.boolean();
    p.default_value = read.value();
  }
  rs->slot_count_ = static_cast<std::size_t>(in.u64());
  rs->top_rule_count_ = in.u32();
  rs->rules_.resize(in.count(21));
  for (auto& r : rs->rules_) {
    r.type = get_enum(in, rule_node::kind::tree);
    for (auto* v : {&r.first_condition, &r.condition_count, &r.first_child, &r.child_count, &r.payload}) *v = in.u32();
  }
  rs->conditions_.resize(in.count(4));
  for (auto& c : rs->conditions_) c = in.u32();
  rs->calls_.resize(in.count(27));
  for (auto& c : rs->calls_) {
    c.fn = get_enum(in, rule_fn::split);
    c.fast = get_enum(in, rule_call::shortcut::is_set_ref);
    c.fast_bool = in.boolean();
    for (auto* v : {&c.fast_slot, &c.first_arg, &c.arg_count}) *v = in.u32();
    c.assign = in.i32();
    c.first_step = in.u32();
    c.step_count = in.u32();
  }
  rs->exprs_.resize(in.count(5));
  for (auto& e : rs->exprs_) read.expr(e);
  rs->steps_.resize(in.count(8));
  for (auto& s : rs->steps_) {
    s.key = read.kept_string();
    s.index = in.i32();
  }
  rs->template_parts_.resize(in.count(16));
  for (auto& t : rs->template_parts_) {
    t.literal = read.kept_string();
    t.slot = in.i32();
    t.first_step = in.u32();
    t.step_count = in.u32();
  }
  rs->templates_.resize(in.count(8));
  for (auto& t : rs->templates_) {
    t.first_part = in.u32();
    t.part_count = in.u32();
  }
  rs->endpoints_.resize(in.count(10));
  for (auto& ep : rs->endpoints_) {
    read.expr(ep.url);
    ep.headers.resize(in.count(8));
    for (auto& [name, values] : ep.headers) {
      name = in.str();
      values.resize(in.count(5));
      for (auto& v : values) read.expr(v);
    }
    read.property(ep.properties, 0);
  }
  if (!in.ok() || !in.at_end() || !indexes_valid(*rs)) return nullptr;
  return rs;
}

bool rule_set_codec::indexes_valid(rule_set const& rs) {
  auto const slots = rs.slot_count_;
  if (slots < rs.parameters_.size() || rs.top_rule_count_ > rs.rules_.size()) return false;
  auto expr_ok = [&](rule_expr const& e) {
    switch (e.type) {
      case rule_expr::kind::literal: return true;
      case rule_expr::kind::ref: return e.index < slots;
      case rule_expr::kind::templ: return e.index < rs.templates_.size();
      case rule_expr::kind::call: return e.index < rs.calls_.size();
    }
    return false;
  };
  for (auto const& r : rs.rules_) {
    if (!in_range(r.first_condition, r.condition_count, rs.conditions_.size())) return false;
    if (r.type == rule_node::kind::tree && !in_range(r.first_child, r.child_count, rs.rules_.size())) return false;
    if (r.type == rule_node::kind::endpoint && r.payload >= rs.endpoints_.size()) return false;
    if (r.type == rule_node::kind::error && r.payload >= rs.exprs_.size()) return false;
  }
  for (auto c : rs.conditions_)
    if (c >= rs.calls_.size()) return false;
  for (auto const& c : rs.calls_) {
    if (!in_range(c.first_arg, c.arg_count, rs.exprs_.size())) return false;
    if (!in_range(c.first_step, c.step_count, rs.steps_.size())) return false;
    if (c.fast != rule_call::shortcut::none && c.fast_slot >= slots) return false;
    if (c.assign < -1 || (c.assign >= 0 && static_cast<std::size_t>(c.assign) >= slots)) return false;
  }
  for (auto const& e : rs.exprs_)
    if (!expr_ok(e)) return false;
  for (auto const& t : rs.template_parts_) {
    if (t.slot < -1 || (t.slot >= 0 && static_cast<std::size_t>(t.slot) >= slots)) return false;
    if (!in_range(t.first_step, t.step_count, rs.steps_.size())) return false;
  }
  for (auto const& t : rs.templates_)
    if (!in_range(t.first_part, t.part_count, rs.template_parts_.size())) return false;
  auto property_ok = [&](auto const& self, property_node const& n) -> bool {
    if (n.type == property_node::kind::templ) return n.templ < rs.templates_.size();
    if (n.type == property_node::kind::object && n.keys.size() != n.items.size()) return false;
    for (auto const& item : n.items)
      if (!self(self, item)) return false;
    return true;
  };
  for (auto const& ep : rs.endpoints_) {
    if (!expr_ok(ep.url) || !property_ok(property_ok, ep.properties)) return false;
    for (auto const& [name, values] : ep.headers)
      for (auto const& v : values)
        if (!expr_ok(v)) return false;
  }
  return true;
}

}  // namespace awscoro::detail

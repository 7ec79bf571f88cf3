// The built-in functions, with the argument type checks of the specification.
#include "jmespath/functions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <numeric>

#include "jmespath/interpreter.hpp"
#include "jmespath/json_text.hpp"

namespace awscoro::detail::jmespath {

namespace {

constexpr std::array<function_info, 26> functions = {{
    {"abs", 1, false},       {"avg", 1, false},        {"ceil", 1, false},      {"contains", 2, false},
    {"ends_with", 2, false}, {"floor", 1, false},      {"join", 2, false},      {"keys", 1, false},
    {"length", 1, false},    {"map", 2, false},        {"max", 1, false},       {"max_by", 2, false},
    {"merge", 1, true},      {"min", 1, false},        {"min_by", 2, false},    {"not_null", 1, true},
    {"reverse", 1, false},   {"sort", 1, false},       {"sort_by", 2, false},   {"starts_with", 2, false},
    {"sum", 1, false},       {"to_array", 1, false},   {"to_number", 1, false}, {"to_string", 1, false},
    {"type", 1, false},      {"values", 1, false},
}};

// One call: the function, its arguments and where its result goes.
class call {
 public:
  call(interpreter& in, function_id id, value_ref const* args, std::size_t count, value_ref& out)
      : in_(in), id_(id), args_(args), count_(count), out_(out) {}

  bool run();

 private:
  std::string_view name() const { return info(id_).name; }

  bool type_error(std::size_t arg, std::string_view expected, std::string_view got) {
    return in_.fail(error::kind::invalid_type, std::string(name()) + "() expects argument " + std::to_string(arg + 1) +
                                                   " to be " + std::string(expected) + ", got " + std::string(got));
  }
  bool expect(std::size_t arg, std::initializer_list<jtype> allowed, std::string_view expected) {
    jtype t = args_[arg].type();
    for (jtype a : allowed)
      if (a == t) return true;
    return type_error(arg, expected, type_name(t));
  }
  // An array whose elements all have type `element`.
  bool expect_array_of(std::size_t arg, jtype element, std::string_view expected) {
    if (!expect(arg, {jtype::array}, expected)) return false;
    array_view items(args_[arg]);
    for (std::size_t i = 0; i < items.size(); ++i) {
      jtype t = items[i].type();
      if (t != element) return type_error(arg, expected, "an array holding a " + std::string(type_name(t)));
    }
    return true;
  }
  // An array of numbers or an array of strings; `element` receives which (null when empty).
  bool expect_sortable_array(std::size_t arg, jtype& element) {
    constexpr std::string_view expected = "an array of numbers or an array of strings";
    if (!expect(arg, {jtype::array}, expected)) return false;
    array_view items(args_[arg]);
    element = jtype::null;
    if (items.empty()) return true;
    element = items[0].type();
    if (element != jtype::number && element != jtype::string) {
      return type_error(arg, expected, "an array holding a " + std::string(type_name(element)));
    }
    return expect_array_of(arg, element, expected);
  }

  bool set(value_ref v) {
    out_ = v;
    return true;
  }
  bool set_number(number const& n) { return set(value_ref::of_number(n)); }

  // Python's sum(): integers add up exactly while they fit; from the first double (or an
  // overflow) on, the sum is a double added up left to right.
  static number add_up(array_view const& items) {
    number total;
    bool integral = true;
    double d = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      number n = items[i].as_number();
      std::int64_t next = 0;
      if (integral && n.k == number::kind::i64 && !__builtin_add_overflow(total.i, n.i, &next)) {
        total.i = next;
        continue;
      }
      if (integral) {
        integral = false;
        d = static_cast<double>(total.i);
      }
      d += n.k == number::kind::f64 ? n.d : static_cast<double>(n.as_long_double());
    }
    if (!integral) {
      total.k = number::kind::f64;
      total.d = d;
    }
    return total;
  }

  // Orders two numbers or two strings of the same type.
  static int order(value_ref const& a, value_ref const& b) {
    if (a.type() == jtype::number) return compare(a.as_number(), b.as_number());
    auto x = a.as_string(), y = b.as_string();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  bool abs();
  bool avg();
  bool ceil_floor(bool up);
  bool contains();
  bool affix(bool starts);
  bool join();
  bool keys_values(bool keys);
  bool length();
  bool map();
  bool min_max(bool max);
  bool by(bool max);
  bool merge();
  bool reverse();
  bool sort();
  bool sort_by();
  bool sum();
  bool to_number();
  bool to_string();

  interpreter& in_;
  function_id id_;
  value_ref const* args_;
  std::size_t count_;
  value_ref& out_;
};

bool call::run() {
  switch (id_) {
    case function_id::abs: return abs();
    case function_id::avg: return avg();
    case function_id::ceil: return ceil_floor(true);
    case function_id::contains: return contains();
    case function_id::ends_with: return affix(false);
    case function_id::floor: return ceil_floor(false);
    case function_id::join: return join();
    case function_id::keys: return keys_values(true);
    case function_id::length: return length();
    case function_id::map: return map();
    case function_id::max: return min_max(true);
    case function_id::max_by: return by(true);
    case function_id::merge: return merge();
    case function_id::min: return min_max(false);
    case function_id::min_by: return by(false);
    case function_id::not_null:
      for (std::size_t i = 0; i < count_; ++i)
        if (!args_[i].is_null()) return set(args_[i]);
      return set({});
    case function_id::reverse: return reverse();
    case function_id::sort: return sort();
    case function_id::sort_by: return sort_by();
    case function_id::starts_with: return affix(true);
    case function_id::sum: return sum();
    case function_id::to_array: {
      if (args_[0].is_array()) return set(args_[0]);
      ref_list& one = in_.new_list();
      one.push_back(args_[0]);
      return set(value_ref::of_list(one));
    }
    case function_id::to_number: return to_number();
    case function_id::to_string: return to_string();
    case function_id::type: return set(value_ref::of_string(type_name(args_[0].type())));
    case function_id::values: return keys_values(false);
  }
  return set({});
}

bool call::abs() {
  if (!expect(0, {jtype::number}, "a number")) return false;
  number n = args_[0].as_number();
  if (n.k == number::kind::f64) {
    n.d = std::fabs(n.d);
  } else if (n.k == number::kind::i64 && n.i < 0) {
    if (n.i == std::numeric_limits<std::int64_t>::min()) {
      n.k = number::kind::u64;
      n.u = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
    } else {
      n.i = -n.i;
    }
  }
  return set_number(n);
}

bool call::avg() {
  if (!expect_array_of(0, jtype::number, "an array of numbers")) return false;
  array_view items(args_[0]);
  if (items.empty()) return set({});
  number total = add_up(items);
  double sum = total.k == number::kind::f64 ? total.d : static_cast<double>(total.as_long_double());
  return set(value_ref::of_double(sum / static_cast<double>(items.size())));
}

bool call::ceil_floor(bool up) {
  if (!expect(0, {jtype::number}, "a number")) return false;
  number n = args_[0].as_number();
  if (n.k != number::kind::f64) return set_number(n);
  double r = up ? std::ceil(n.d) : std::floor(n.d);
  // Integral results are integers, as in Python; beyond int64 they stay doubles.
  if (r >= -9.2e18 && r <= 9.2e18) return set(value_ref::of_int(static_cast<std::int64_t>(r)));
  return set(value_ref::of_double(r));
}

bool call::contains() {
  if (!expect(0, {jtype::array, jtype::string}, "an array or a string")) return false;
  value_ref const& subject = args_[0];
  value_ref const& search = args_[1];
  if (subject.is_string()) {
    return set(value_ref::of_bool(search.is_string() &&
                                  subject.as_string().find(search.as_string()) != std::string_view::npos));
  }
  array_view items(subject);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (equal(items[i], search)) return set(value_ref::of_bool(true));
  return set(value_ref::of_bool(false));
}

bool call::affix(bool starts) {
  if (!expect(0, {jtype::string}, "a string") || !expect(1, {jtype::string}, "a string")) return false;
  auto s = args_[0].as_string(), a = args_[1].as_string();
  bool r = a.size() <= s.size() && (starts ? s.substr(0, a.size()) == a : s.substr(s.size() - a.size()) == a);
  return set(value_ref::of_bool(r));
}

bool call::join() {
  if (!expect(0, {jtype::string}, "a string") || !expect_array_of(1, jtype::string, "an array of strings")) {
    return false;
  }
  auto glue = args_[0].as_string();
  array_view items(args_[1]);
  std::string& joined = in_.new_string();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) joined += glue;
    joined += items[i].as_string();
  }
  return set(value_ref::of_string(joined));
}

bool call::keys_values(bool keys) {
  if (!expect(0, {jtype::object}, "an object")) return false;
  object_view members(args_[0]);
  ref_list& collected = in_.new_list();
  collected.reserve(members.size());
  members.for_each([&](std::string_view key, value_ref const& v) {
    collected.push_back(keys ? value_ref::of_string(key) : v);
  });
  return set(value_ref::of_list(collected));
}

bool call::length() {
  if (!expect(0, {jtype::string, jtype::array, jtype::object}, "a string, an array or an object")) return false;
  value_ref const& v = args_[0];
  std::size_t n = 0;
  if (v.is_string()) {
    for (char c : v.as_string())
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  } else if (v.is_array()) {
    n = array_view(v).size();
  } else {
    n = object_view(v).size();
  }
  return set(value_ref::of_int(static_cast<std::int64_t>(n)));
}

bool call::map() {
  if (!expect(0, {jtype::expref}, "an expression reference (&expr)") ||
      !expect(1, {jtype::array}, "an array")) {
    return false;
  }
  std::uint32_t expr = args_[0].expref_node();
  array_view items(args_[1]);
  ref_list& mapped = in_.new_list();
  mapped.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!in_.eval(expr, items[i], mapped[i])) return false;
  return set(value_ref::of_list(mapped));
}

bool call::min_max(bool max) {
  jtype element{};
  if (!expect_sortable_array(0, element)) return false;
  array_view items(args_[0]);
  if (items.empty()) return set({});
  value_ref best = items[0];
  for (std::size_t i = 1; i < items.size(); ++i) {
    int c = order(items[i], best);
    if (max ? c > 0 : c < 0) best = items[i];
  }
  return set(best);
}

bool call::by(bool max) {
  if (!expect(0, {jtype::array}, "an array") ||
      !expect(1, {jtype::expref}, "an expression reference (&expr)")) {
    return false;
  }
  array_view items(args_[0]);
  std::uint32_t expr = args_[1].expref_node();
  value_ref best, best_key;
  jtype key_type = jtype::null;
  for (std::size_t i = 0; i < items.size(); ++i) {
    value_ref key;
    if (!in_.eval(expr, items[i], key)) return false;
    jtype t = key.type();
    if (i == 0) {
      if (t != jtype::number && t != jtype::string) {
        return in_.fail(error::kind::invalid_type, std::string(name()) +
                                                       "() expects its expression to give a number or a string, got " +
                                                       std::string(type_name(t)));
      }
      key_type = t;
      best = items[i];
      best_key = key;
      continue;
    }
    if (t != key_type) {
      return in_.fail(error::kind::invalid_type, std::string(name()) + "() expects its expression to give a " +
                                                     std::string(type_name(key_type)) + " for every element, got " +
                                                     std::string(type_name(t)));
    }
    int c = order(key, best_key);
    if (max ? c > 0 : c < 0) {
      best = items[i];
      best_key = key;
    }
  }
  return set(best);
}

bool call::merge() {
  for (std::size_t i = 0; i < count_; ++i)
    if (!expect(i, {jtype::object}, "an object")) return false;
  ref_object& merged = in_.new_object();
  for (std::size_t i = 0; i < count_; ++i) {
    object_view(args_[i]).for_each([&](std::string_view key, value_ref const& v) {
      auto same = std::find_if(merged.begin(), merged.end(), [&](auto const& m) { return m.first == key; });
      if (same != merged.end()) {
        same->second = v;
      } else {
        merged.emplace_back(key, v);
      }
    });
  }
  return set(value_ref::of_object(merged));
}

bool call::reverse() {
  if (!expect(0, {jtype::array, jtype::string}, "an array or a string")) return false;
  if (args_[0].is_string()) {
    auto s = args_[0].as_string();
    std::string& reversed = in_.new_string();
    reversed.reserve(s.size());
    // Reverse whole code points, not bytes.
    std::size_t end = s.size();
    while (end > 0) {
      std::size_t begin = end - 1;
      while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
      reversed.append(s.substr(begin, end - begin));
      end = begin;
    }
    return set(value_ref::of_string(reversed));
  }
  array_view items(args_[0]);
  ref_list& reversed = in_.new_list();
  reversed.reserve(items.size());
  for (std::size_t i = items.size(); i > 0; --i) reversed.push_back(items[i - 1]);
  return set(value_ref::of_list(reversed));
}

bool call::sort() {
  jtype element{};
  if (!expect_sortable_array(0, element)) return false;
  array_view items(args_[0]);
  ref_list& sorted = in_.new_list();
  sorted.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) sorted.push_back(items[i]);
  std::stable_sort(sorted.begin(), sorted.end(), [](value_ref const& a, value_ref const& b) { return order(a, b) < 0; });
  return set(value_ref::of_list(sorted));
}

bool call::sort_by() {
  if (!expect(0, {jtype::array}, "an array") ||
      !expect(1, {jtype::expref}, "an expression reference (&expr)")) {
    return false;
  }
  array_view items(args_[0]);
  std::uint32_t expr = args_[1].expref_node();
  // Keys first (element i's key at index i), then a stable sort of the indices by key.
  ref_list& keys = in_.new_list();
  keys.resize(items.size());
  jtype key_type = jtype::null;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!in_.eval(expr, items[i], keys[i])) return false;
    jtype t = keys[i].type();
    if (i == 0) {
      if (t != jtype::number && t != jtype::string) {
        return in_.fail(error::kind::invalid_type,
                        "sort_by() expects its expression to give a number or a string, got " + std::string(type_name(t)));
      }
      key_type = t;
    } else if (t != key_type) {
      return in_.fail(error::kind::invalid_type, "sort_by() expects its expression to give a " +
                                                     std::string(type_name(key_type)) + " for every element, got " +
                                                     std::string(type_name(t)));
    }
  }
  ref_list& order_of = in_.new_list();
  order_of.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) order_of.push_back(value_ref::of_int(static_cast<std::int64_t>(i)));
  std::stable_sort(order_of.begin(), order_of.end(), [&](value_ref const& a, value_ref const& b) {
    return order(keys[static_cast<std::size_t>(a.as_number().i)], keys[static_cast<std::size_t>(b.as_number().i)]) < 0;
  });
  for (auto& slot : order_of) slot = items[static_cast<std::size_t>(slot.as_number().i)];
  return set(value_ref::of_list(order_of));
}

bool call::sum() {
  if (!expect_array_of(0, jtype::number, "an array of numbers")) return false;
  return set_number(add_up(array_view(args_[0])));
}

bool call::to_number() {
  value_ref const& v = args_[0];
  if (v.is_number()) return set(v);
  if (!v.is_string()) return set({});
  auto n = parse_number(v.as_string());
  return set(n ? value_ref::of_number(*n) : value_ref());
}

bool call::to_string() {
  value_ref const& v = args_[0];
  if (v.is_string()) return set(v);
  std::string& text = in_.new_string();
  append_json_text(text, v);
  return set(value_ref::of_string(text));
}

}  // namespace

function_info const* find_function(std::string_view name, function_id& id) noexcept {
  for (std::size_t i = 0; i < functions.size(); ++i) {
    if (functions[i].name == name) {
      id = static_cast<function_id>(i);
      return &functions[i];
    }
  }
  return nullptr;
}

function_info const& info(function_id id) noexcept { return functions[static_cast<std::size_t>(id)]; }

bool call_function(interpreter& in, function_id id, value_ref const* args, std::size_t count, value_ref& out) {
  return call(in, id, args, count, out).run();
}

}  // namespace awscoro::detail::jmespath

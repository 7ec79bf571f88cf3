// Types, truthiness, equality and materialization of evaluation values.
#include "jmespath/value_ref.hpp"

#include <cmath>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

namespace awscoro::detail::jmespath {

namespace json = boost::json;

std::string_view type_name(jtype t) noexcept {
  switch (t) {
    case jtype::null: return "null";
    case jtype::boolean: return "boolean";
    case jtype::number: return "number";
    case jtype::string: return "string";
    case jtype::array: return "array";
    case jtype::object: return "object";
    case jtype::expref: return "expref";
  }
  return "unknown";
}

json::value const& value_ref::null_json() noexcept {
  static json::value const v;
  return v;
}
json::value const& value_ref::true_json() noexcept {
  static json::value const v(true);
  return v;
}
json::value const& value_ref::false_json() noexcept {
  static json::value const v(false);
  return v;
}

jtype value_ref::type() const noexcept {
  switch (rep_) {
    case rep::json:
      switch (j_->kind()) {
        case json::kind::null: return jtype::null;
        case json::kind::bool_: return jtype::boolean;
        case json::kind::int64:
        case json::kind::uint64:
        case json::kind::double_: return jtype::number;
        case json::kind::string: return jtype::string;
        case json::kind::array: return jtype::array;
        case json::kind::object: return jtype::object;
      }
      return jtype::null;
    case rep::str: return jtype::string;
    case rep::i64:
    case rep::u64:
    case rep::f64: return jtype::number;
    case rep::list: return jtype::array;
    case rep::object: return jtype::object;
    case rep::expref: return jtype::expref;
  }
  return jtype::null;
}

bool value_ref::is_number() const noexcept {
  switch (rep_) {
    case rep::i64:
    case rep::u64:
    case rep::f64: return true;
    case rep::json: return j_->is_number();
    default: return false;
  }
}

number value_ref::as_number() const noexcept {
  number n;
  switch (rep_) {
    case rep::i64: n.i = i_; break;
    case rep::u64: n.k = number::kind::u64; n.u = u_; break;
    case rep::f64: n.k = number::kind::f64; n.d = d_; break;
    default:
      if (j_->is_int64()) {
        n.i = j_->get_int64();
      } else if (j_->is_uint64()) {
        n.k = number::kind::u64;
        n.u = j_->get_uint64();
      } else {
        n.k = number::kind::f64;
        n.d = j_->get_double();
      }
  }
  return n;
}

int compare(number const& a, number const& b) noexcept {
  using k = number::kind;
  if (a.k != k::f64 && b.k != k::f64) {
    // Both integers: compare exactly, minding the signs.
    if (a.k == k::i64 && b.k == k::i64) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    if (a.k == k::u64 && b.k == k::u64) return a.u < b.u ? -1 : a.u > b.u ? 1 : 0;
    if (a.k == k::i64) {
      if (a.i < 0) return -1;
      auto au = static_cast<std::uint64_t>(a.i);
      return au < b.u ? -1 : au > b.u ? 1 : 0;
    }
    if (b.i < 0) return 1;
    auto bu = static_cast<std::uint64_t>(b.i);
    return a.u < bu ? -1 : a.u > bu ? 1 : 0;
  }
  // long double holds every int64 and uint64 exactly on the targets we build for.
  long double x = a.as_long_double(), y = b.as_long_double();
  return x < y ? -1 : x > y ? 1 : 0;
}

value_ref object_view::find(std::string_view key, bool* found) const noexcept {
  if (json_) {
    // Boost.JSON hashes the key on every lookup; a scan is several times faster on the small
    // objects AWS responses are made of.
    constexpr std::size_t scan_limit = 16;
    if (json_->size() <= scan_limit) {
      for (auto const& kv : *json_) {
        if (kv.key() == key) {
          if (found) *found = true;
          return value_ref(kv.value());
        }
      }
    } else if (auto const* v = json_->if_contains(key)) {
      if (found) *found = true;
      return value_ref(*v);
    }
  } else {
    for (auto const& [k, v] : *object_) {
      if (k == key) {
        if (found) *found = true;
        return v;
      }
    }
  }
  if (found) *found = false;
  return {};
}

bool truthy(value_ref const& v) noexcept {
  switch (v.type()) {
    case jtype::null: return false;
    case jtype::boolean: return v.as_bool();
    case jtype::string: return !v.as_string().empty();
    case jtype::array: return !array_view(v).empty();
    case jtype::object: return object_view(v).size() != 0;
    case jtype::number:
    case jtype::expref: return true;
  }
  return true;
}

bool equal(value_ref const& a, value_ref const& b) noexcept {
  jtype t = a.type();
  if (t != b.type()) return false;
  switch (t) {
    case jtype::null: return true;
    case jtype::boolean: return a.as_bool() == b.as_bool();
    case jtype::number: return compare(a.as_number(), b.as_number()) == 0;
    case jtype::string: return a.as_string() == b.as_string();
    case jtype::array: {
      array_view x(a), y(b);
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!equal(x[i], y[i])) return false;
      return true;
    }
    case jtype::object: {
      object_view x(a), y(b);
      if (x.size() != y.size()) return false;
      bool same = true;
      x.for_each([&](std::string_view key, value_ref const& xv) {
        if (!same) return;
        bool found = false;
        value_ref yv = y.find(key, &found);
        same = found && equal(xv, yv);
      });
      return same;
    }
    case jtype::expref: return a.expref_node() == b.expref_node();
  }
  return false;
}

json::value materialize(value_ref const& v, json::storage_ptr sp) {
  switch (v.representation()) {
    case value_ref::rep::json: return json::value(*v.json(), std::move(sp));
    case value_ref::rep::str: return json::value(json::string(v.as_string(), std::move(sp)));
    case value_ref::rep::i64:
    case value_ref::rep::u64:
    case value_ref::rep::f64: {
      number n = v.as_number();
      if (n.k == number::kind::i64) return json::value(n.i, std::move(sp));
      if (n.k == number::kind::u64) return json::value(n.u, std::move(sp));
      return json::value(n.d, std::move(sp));
    }
    case value_ref::rep::list: {
      json::array out(sp);
      out.reserve(v.list()->size());
      for (auto const& e : *v.list()) {
        if (auto const* j = e.json()) {
          out.emplace_back(*j);  // copied straight into the array's storage
        } else {
          out.push_back(materialize(e, sp));
        }
      }
      return json::value(std::move(out));
    }
    case value_ref::rep::object: {
      json::object out(sp);
      out.reserve(v.object()->size());
      for (auto const& [k, e] : *v.object()) out.insert_or_assign(k, materialize(e, sp));
      return json::value(std::move(out));
    }
    case value_ref::rep::expref: return json::value(nullptr, std::move(sp));
  }
  return json::value(nullptr, std::move(sp));
}

}  // namespace awscoro::detail::jmespath

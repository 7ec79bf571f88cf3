// The values an evaluation passes around: a 16-byte handle that points into the input document
// (or into a literal of the expression), holds a number or a string view inline, or points to a
// list or object the evaluation built from such handles. Nothing of the document is copied until
// the final result is materialized.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

namespace awscoro::detail::jmespath {

enum class jtype : std::uint8_t { null, boolean, number, string, array, object, expref };

// "null", "boolean", "number", "string", "array", "object", "expref".
std::string_view type_name(jtype t) noexcept;

class value_ref;
using ref_list = std::vector<value_ref>;
using ref_object = std::vector<std::pair<std::string_view, value_ref>>;

// A number of either JSON integer kind or a double, compared by value.
struct number {
  enum class kind : std::uint8_t { i64, u64, f64 } k = kind::i64;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;

  long double as_long_double() const noexcept {
    return k == kind::i64 ? static_cast<long double>(i) : k == kind::u64 ? static_cast<long double>(u) : d;
  }
};

// -1, 0 or 1; exact across int64, uint64 and double for every finite value.
int compare(number const& a, number const& b) noexcept;

class value_ref {
 public:
  enum class rep : std::uint8_t { json, str, i64, u64, f64, list, object, expref };

  value_ref() noexcept : rep_(rep::json), j_(&null_json()) {}
  explicit value_ref(boost::json::value const& v) noexcept : rep_(rep::json), j_(&v) {}

  static value_ref of_bool(bool b) noexcept { return value_ref(b ? true_json() : false_json()); }
  static value_ref of_string(std::string_view s) noexcept {
    value_ref r;
    r.rep_ = rep::str;
    r.len_ = static_cast<std::uint32_t>(s.size());
    r.s_ = s.data();
    return r;
  }
  static value_ref of_int(std::int64_t i) noexcept {
    value_ref r;
    r.rep_ = rep::i64;
    r.i_ = i;
    return r;
  }
  static value_ref of_uint(std::uint64_t u) noexcept {
    value_ref r;
    r.rep_ = rep::u64;
    r.u_ = u;
    return r;
  }
  static value_ref of_double(double d) noexcept {
    value_ref r;
    r.rep_ = rep::f64;
    r.d_ = d;
    return r;
  }
  static value_ref of_number(number const& n) noexcept {
    return n.k == number::kind::i64 ? of_int(n.i) : n.k == number::kind::u64 ? of_uint(n.u) : of_double(n.d);
  }
  static value_ref of_list(ref_list const& l) noexcept {
    value_ref r;
    r.rep_ = rep::list;
    r.l_ = &l;
    return r;
  }
  static value_ref of_object(ref_object const& o) noexcept {
    value_ref r;
    r.rep_ = rep::object;
    r.o_ = &o;
    return r;
  }
  static value_ref of_expref(std::uint32_t node) noexcept {
    value_ref r;
    r.rep_ = rep::expref;
    r.node_ = node;
    return r;
  }

  rep representation() const noexcept { return rep_; }
  jtype type() const noexcept;
  bool is_null() const noexcept { return rep_ == rep::json && j_->is_null(); }
  bool is_array() const noexcept { return rep_ == rep::list || (rep_ == rep::json && j_->is_array()); }
  bool is_object() const noexcept { return rep_ == rep::object || (rep_ == rep::json && j_->is_object()); }
  bool is_string() const noexcept { return rep_ == rep::str || (rep_ == rep::json && j_->is_string()); }
  bool is_number() const noexcept;

  // Valid only for the matching type().
  bool as_bool() const noexcept { return j_->get_bool(); }
  std::string_view as_string() const noexcept {
    return rep_ == rep::str ? std::string_view(s_, len_) : std::string_view(j_->get_string());
  }
  number as_number() const noexcept;
  std::uint32_t expref_node() const noexcept { return node_; }
  boost::json::value const* json() const noexcept { return rep_ == rep::json ? j_ : nullptr; }
  ref_list const* list() const noexcept { return rep_ == rep::list ? l_ : nullptr; }
  ref_object const* object() const noexcept { return rep_ == rep::object ? o_ : nullptr; }

  static boost::json::value const& null_json() noexcept;
  static boost::json::value const& true_json() noexcept;
  static boost::json::value const& false_json() noexcept;

 private:
  rep rep_;
  std::uint32_t len_ = 0;
  union {
    boost::json::value const* j_;
    char const* s_;
    std::int64_t i_;
    std::uint64_t u_;
    double d_;
    ref_list const* l_;
    ref_object const* o_;
    std::uint32_t node_;
  };
};

// The elements of an array value, whichever way it is held.
class array_view {
 public:
  explicit array_view(value_ref const& v) noexcept
      : json_(v.json() ? &v.json()->get_array() : nullptr), list_(v.list()) {}
  std::size_t size() const noexcept { return json_ ? json_->size() : list_->size(); }
  bool empty() const noexcept { return size() == 0; }
  value_ref operator[](std::size_t i) const noexcept { return json_ ? value_ref((*json_)[i]) : (*list_)[i]; }

 private:
  boost::json::array const* json_;
  ref_list const* list_;
};

// The members of an object value, whichever way it is held.
class object_view {
 public:
  explicit object_view(value_ref const& v) noexcept
      : json_(v.json() ? &v.json()->get_object() : nullptr), object_(v.object()) {}
  std::size_t size() const noexcept { return json_ ? json_->size() : object_->size(); }
  // A default (null) value_ref when absent; `found` says which.
  value_ref find(std::string_view key, bool* found = nullptr) const noexcept;
  template <class F>
  void for_each(F&& f) const {
    if (json_) {
      for (auto const& kv : *json_) f(std::string_view(kv.key()), value_ref(kv.value()));
    } else {
      for (auto const& [k, v] : *object_) f(k, v);
    }
  }

 private:
  boost::json::object const* json_;
  ref_object const* object_;
};

// JMESPath truthiness: false, null, "", [] and {} are false; everything else (0 included) true.
bool truthy(value_ref const& v) noexcept;

// JMESPath equality: same type and value; numbers by value, objects regardless of key order.
bool equal(value_ref const& a, value_ref const& b) noexcept;

// A deep copy into `sp`; an expression reference becomes null.
boost::json::value materialize(value_ref const& v, boost::json::storage_ptr sp);

}  // namespace awscoro::detail::jmespath

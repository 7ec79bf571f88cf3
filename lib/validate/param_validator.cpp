#include "validate/param_validator.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>

#include "util/timestamp.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

// Python's names for the JSON kinds, so reports read exactly like botocore's.
char const* python_type(json::value const& v) {
  switch (v.kind()) {
    case json::kind::string: return "<class 'str'>";
    case json::kind::int64:
    case json::kind::uint64: return "<class 'int'>";
    case json::kind::double_: return "<class 'float'>";
    case json::kind::bool_: return "<class 'bool'>";
    case json::kind::object: return "<class 'dict'>";
    case json::kind::array: return "<class 'list'>";
    case json::kind::null: return "<class 'NoneType'>";
  }
  return "<class 'object'>";
}

std::string show(json::value const& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_bool()) return v.get_bool() ? "True" : "False";
  if (v.is_null()) return "None";
  return json::serialize(v);
}

std::string show_number(double d) {
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return std::to_string(d);
}

bool is_integer(json::value const& v) { return v.is_int64() || v.is_uint64(); }
bool is_number(json::value const& v) { return is_integer(v) || v.is_double(); }
double number_of(json::value const& v) {
  return v.is_int64() ? double(v.get_int64()) : v.is_uint64() ? double(v.get_uint64()) : v.get_double();
}

class validator {
 public:
  explicit validator(service_model const& m) : m_(m) {}

  void validate(json::value const& v, shape const& s, member_ref const* ref, std::string const& name) {
    if (s.document) return validate_document(v, name);
    if (s.json_value || (ref && ref->json_value)) return;  // any JSON value serializes
    switch (s.type) {
      case shape_type::structure: return structure(v, s, name);
      case shape_type::list: return list(v, s, name);
      case shape_type::map: return map(v, s, name);
      case shape_type::string:
        if (!type_check(v, v.is_string(), name, "<class 'str'>")) return;
        range(name, double(utf8_length(v.get_string())), s, ref, "invalid length");
        return;
      case shape_type::integer:
      case shape_type::long_:
        if (!type_check(v, is_integer(v), name, "<class 'int'>")) return;
        range(name, number_of(v), s, ref, "invalid range");
        return;
      case shape_type::float_:
      case shape_type::double_:
      case shape_type::bigdecimal:
        if (v.is_string() && (v.get_string() == "NaN" || v.get_string() == "Infinity" || v.get_string() == "-Infinity"))
          return;
        if (!type_check(v, is_number(v), name, "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>")) return;
        range(name, number_of(v), s, ref, "invalid range");
        return;
      case shape_type::biginteger:
        type_check(v, is_integer(v) || v.is_string(), name, "<class 'int'>");
        return;
      case shape_type::boolean:
        type_check(v, v.is_bool(), name, "<class 'bool'>");
        return;
      case shape_type::blob:
        if (!v.is_string()) report(name, "Invalid type for parameter " + display(name) + ", value: " + show(v) + ", type: " +
                                             python_type(v) + ", valid types: <class 'bytes'>, <class 'bytearray'>, file-like object");
        return;
      case shape_type::timestamp:
        if (!timestamp_from_json(v))
          report(name, "Invalid type for parameter " + display(name) + ", value: " + show(v) + ", type: " + python_type(v) +
                           ", valid types: <class 'datetime.datetime'>, timestamp-string");
        return;
    }
  }

  std::string take() { return std::move(report_); }

 private:
  static std::size_t utf8_length(json::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }

  static std::string display(std::string const& name) {
    if (name.empty()) return "input";
    return name[0] == '.' ? name.substr(1) : name;
  }

  void report(std::string const&, std::string line) {
    if (!report_.empty()) report_ += '\n';
    report_ += line;
  }

  bool type_check(json::value const& v, bool ok, std::string const& name, char const* valid) {
    if (!ok)
      report(name, "Invalid type for parameter " + display(name) + ", value: " + show(v) + ", type: " + python_type(v) +
                       ", valid types: " + valid);
    return ok;
  }

  void range(std::string const& name, double value, shape const& s, member_ref const* ref, char const* kind) {
    double min = -INFINITY;
    if (s.min) {
      min = *s.min;
    } else if (ref && ref->host_label) {
      min = 1;
    } else {
      return;
    }
    if (value >= min) return;
    bool length = std::string_view(kind) == "invalid length";
    report(name, std::string(length ? "Invalid length" : "Invalid value") + " for parameter " + display(name) +
                     ", value: " + show_number(value) + ", valid min " + (length ? "length" : "value") + ": " +
                     show_number(min));
  }

  void structure(json::value const& v, shape const& s, std::string const& name) {
    if (type_check(v, v.is_object(), name, "<class 'dict'>")) members(v.get_object(), s, name);
  }

 public:
  void members(json::object const& o, shape const& s, std::string const& name) {
    auto members_list = [&] {
      std::string out;
      for (auto const& m : s.members) out += (out.empty() ? "" : ", ") + m.name;
      return out;
    };
    if (s.union_) {
      std::size_t set = 0;
      for (auto const& [k, val] : o)
        if (!val.is_null()) ++set;
      if (set == 0)
        report(name, "Must set one of the following keys for tagged unionstructure " + display(name) + ": " +
                         members_list() + ".");
      else if (set > 1)
        report(name, "Invalid number of parameters set for tagged union structure " + display(name) +
                         ". Can only set one of the following keys: " + members_list() + ".");
    }
    for (auto const& m : s.members)
      if (m.required) {
        auto const* p = o.if_contains(m.name);
        if (!p || p->is_null()) report(name, "Missing required parameter in " + display(name) + ": \"" + m.name + "\"");
      }
    for (auto const& [k, val] : o) {
      int idx = s.find_member(k);
      if (idx < 0) {
        report(name, "Unknown parameter in " + display(name) + ": \"" + std::string(k) + "\", must be one of: " +
                         members_list());
        continue;
      }
      if (val.is_null()) continue;
      auto const& m = s.members[static_cast<std::size_t>(idx)];
      validate(val, m_.target(m), &m, name + "." + std::string(k));
    }
  }

 private:
  void list(json::value const& v, shape const& s, std::string const& name) {
    if (!type_check(v, v.is_array(), name, "<class 'list'>, <class 'tuple'>")) return;
    auto const& a = v.get_array();
    range(name, double(a.size()), s, nullptr, "invalid length");
    for (std::size_t i = 0; i < a.size(); ++i)
      validate(a[i], m_.target(s.member), &s.member, name + "[" + std::to_string(i) + "]");
  }

  void map(json::value const& v, shape const& s, std::string const& name) {
    if (!type_check(v, v.is_object(), name, "<class 'dict'>")) return;
    for (auto const& [k, val] : v.get_object()) {
      std::string key(k);
      validate(json::value(key), m_.target(s.key), &s.key, name + " (key: " + key + ")");
      validate(val, m_.target(s.value), &s.value, name + "." + key);
    }
  }

  void validate_document(json::value const&, std::string const&) {
    // Every JSON value is a valid document.
  }

 private:
  service_model const& m_;
  std::string report_;
};

}  // namespace

std::string validate_params(service_model const& model, shape_id input, json::object const& params) {
  if (input == no_shape) {
    if (params.empty()) return {};
    std::string out;
    for (auto const& [k, v] : params)
      out += (out.empty() ? "" : "\n") + std::string("Unknown parameter in input: \"") + std::string(k) +
             "\", must be one of: ";
    return out;
  }
  validator v(model);
  v.members(params, model.at(input), "");
  return v.take();
}

}  // namespace awscoro::detail

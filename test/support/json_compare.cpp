#include "json_compare.hpp"

#include <boost/json/serialize.hpp>

#include <cmath>

namespace awscoro::test {
namespace json = boost::json;

namespace {

bool is_number(json::value const& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

bool numbers_equal(json::value const& a, json::value const& b) {
  if (a.is_double() || b.is_double()) {
    double x = a.is_double() ? a.get_double() : a.is_int64() ? double(a.get_int64()) : double(a.get_uint64());
    double y = b.is_double() ? b.get_double() : b.is_int64() ? double(b.get_int64()) : double(b.get_uint64());
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
  if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
  auto const& s = a.is_int64() ? a : b;  // one signed, one unsigned
  auto const& u = a.is_int64() ? b : a;
  return s.get_int64() >= 0 && static_cast<std::uint64_t>(s.get_int64()) == u.get_uint64();
}

std::string show(json::value const& v) {
  auto s = json::serialize(v);
  return s.size() > 200 ? s.substr(0, 200) + "..." : s;
}

}  // namespace

bool json_equal(json::value const& a, json::value const& b) { return json_diff(a, b).empty(); }

std::string json_diff(json::value const& e, json::value const& a, std::string const& path) {
  if (is_number(e) && is_number(a))
    return numbers_equal(e, a) ? "" : path + ": expected " + show(e) + ", got " + show(a);
  if (e.kind() != a.kind()) return path + ": expected " + show(e) + ", got " + show(a);
  if (e.is_object()) {
    auto const& eo = e.get_object();
    auto const& ao = a.get_object();
    for (auto const& [k, v] : eo) {
      auto const* other = ao.if_contains(k);
      if (!other) return path + "." + std::string(k) + ": missing";
      if (auto d = json_diff(v, *other, path + "." + std::string(k)); !d.empty()) return d;
    }
    for (auto const& [k, v] : ao)
      if (!eo.contains(k)) return path + "." + std::string(k) + ": unexpected " + show(v);
    return "";
  }
  if (e.is_array()) {
    auto const& ea = e.get_array();
    auto const& aa = a.get_array();
    if (ea.size() != aa.size())
      return path + ": expected " + std::to_string(ea.size()) + " items, got " + std::to_string(aa.size()) + ": " +
             show(a);
    for (std::size_t i = 0; i < ea.size(); ++i)
      if (auto d = json_diff(ea[i], aa[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
    return "";
  }
  return e == a ? "" : path + ": expected " + show(e) + ", got " + show(a);
}

}  // namespace awscoro::test

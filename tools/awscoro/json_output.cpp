#include "json_output.hpp"

#include "util/python_float.hpp"

#include <cmath>
#include <cstdio>

namespace awscoro::cli {
namespace json = boost::json;

namespace {

void append_string(std::string& out, json::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void write(std::string& out, json::value const& v, int depth) {
  auto indent = [&](int d) {
    out += '\n';
    out.append(static_cast<std::size_t>(d) * 4, ' ');
  };
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(v.get_int64()); break;
    case json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case json::kind::double_: {
      double d = v.get_double();  // json.dumps spells the specials NaN, Infinity, -Infinity
      if (std::isnan(d)) out += "NaN";
      else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
      else detail::append_python_float(out, d);
      break;
    }
    case json::kind::string: append_string(out, v.get_string()); break;
    case json::kind::array: {
      auto const& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        break;
      }
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += ',';
        indent(depth + 1);
        write(out, a[i], depth + 1);
      }
      indent(depth);
      out += ']';
      break;
    }
    case json::kind::object: {
      auto const& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        break;
      }
      out += '{';
      bool first = true;
      for (auto const& [k, val] : o) {
        if (!first) out += ',';
        first = false;
        indent(depth + 1);
        append_string(out, k);
        out += ": ";
        write(out, val, depth + 1);
      }
      indent(depth);
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_pretty_json(json::value const& v) {
  std::string out;
  write(out, v, 0);
  return out;
}

}  // namespace awscoro::cli

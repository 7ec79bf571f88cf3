#include "json_output.hpp"

#include "util/json_text.hpp"
#include "util/python_float.hpp"

namespace awscoro::cli {
namespace json = boost::json;

namespace {

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
    case json::kind::double_: detail::append_json_float(out, v.get_double()); break;
    case json::kind::string: detail::append_json_string(out, v.get_string(), detail::json_ascii::keep_utf8); break;
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
        detail::append_json_string(out, k, detail::json_ascii::keep_utf8);
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

#include "serialize/host_prefix.hpp"

#include <boost/json/object.hpp>

namespace awscoro::detail {

namespace {

bool valid_host_label(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool expand_host_prefix(serialize_context& ctx, boost::json::object const& params, std::string& out) {
  std::string_view tmpl = ctx.op.host_prefix;
  out.clear();
  if (tmpl.empty()) return true;
  shape const* input = ctx.op.input == no_shape ? nullptr : &ctx.model.at(ctx.op.input);
  std::size_t pos = 0;
  while (pos < tmpl.size()) {
    auto open = tmpl.find('{', pos);
    if (open == std::string_view::npos) break;
    auto close = tmpl.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(tmpl.data() + pos, open - pos);
    auto label = tmpl.substr(open + 1, close - open - 1);
    int i = input ? input->find_member(label) : -1;
    if (i < 0 || !input->members[static_cast<std::size_t>(i)].host_label)
      return ctx.fail("host prefix \"" + std::string(tmpl) + "\" names no hostLabel member \"" + std::string(label) +
                      "\"");
    auto const* v = params.if_contains(label);
    if (!v || v->is_null()) {
      ctx.fail("required to build the host prefix, but not set");
      return ctx.fail_in(label);
    }
    if (!v->is_string() || !valid_host_label(v->get_string())) {
      ctx.fail("invalid host label: must contain only alphanumeric characters, hyphen, or period");
      return ctx.fail_in(label);
    }
    out += v->get_string();
    pos = close + 1;
  }
  out.append(tmpl.data() + pos, tmpl.size() - pos);
  return true;
}

}  // namespace awscoro::detail

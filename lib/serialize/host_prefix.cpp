#include "serialize/host_prefix.hpp"

#include <boost/json/object.hpp>

#include "serialize/uri_template.hpp"

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
  bool ok = true;
  expand_labels(tmpl, out, [&](std::string_view label, std::string& prefix) {
    int i = input ? input->find_member(label) : -1;
    if (i < 0 || !input->members[static_cast<std::size_t>(i)].host_label) {
      ok = ctx.fail("host prefix \"" + std::string(tmpl) + "\" names no hostLabel member \"" + std::string(label) +
                    "\"");
      return false;
    }
    auto const* v = params.if_contains(label);
    if (!v || v->is_null()) {
      ctx.fail("required to build the host prefix, but not set");
      ok = ctx.fail_in(label);
      return false;
    }
    if (!v->is_string() || !valid_host_label(v->get_string())) {
      ctx.fail("invalid host label: must contain only alphanumeric characters, hyphen, or period");
      ok = ctx.fail_in(label);
      return false;
    }
    prefix += v->get_string();
    return true;
  });
  return ok;
}

}  // namespace awscoro::detail

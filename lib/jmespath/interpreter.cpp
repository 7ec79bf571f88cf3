// The tree-walking evaluator, and evaluate().
#include "jmespath/interpreter.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace awscoro::detail::jmespath {

namespace json = boost::json;

bool interpreter::run(program const& p, value_ref document, value_ref& out) {
  program_ = &p;
  return eval(p.root, document, out);
}

void interpreter::reset() {
  lists_.reset();
  objects_.reset();
  strings_.reset();
  program_ = nullptr;
}

bool interpreter::fail(error::kind k, std::string message) {
  error_.type = k;
  error_.column = 0;
  error_.message = std::move(message);
  error_.message += " (in '";
  error_.message += program_->text;
  error_.message += "')";
  return false;
}

bool interpreter::eval(std::uint32_t index, value_ref const& current, value_ref& out) {
  node const& n = program_->nodes[index];
  switch (n.kind) {
    case node_kind::current:
      out = current;
      return true;

    case node_kind::field:
      out = current.is_object() ? object_view(current).find(program_->names[n.a]) : value_ref();
      return true;

    case node_kind::literal:
      out = value_ref(program_->literals[n.a]);
      return true;

    case node_kind::chain: {
      value_ref left;
      if (!eval(n.a, current, left)) return false;
      return eval(n.b, left, out);
    }

    case node_kind::index: {
      out = {};
      if (!current.is_array()) return true;
      array_view items(current);
      auto size = static_cast<std::int64_t>(items.size());
      std::int64_t i = n.number < 0 ? n.number + size : n.number;
      if (i >= 0 && i < size) out = items[static_cast<std::size_t>(i)];
      return true;
    }

    case node_kind::slice:
      return eval_slice(program_->slices[n.a], current, out);

    case node_kind::list_projection:
    case node_kind::object_projection:
    case node_kind::filter_projection: {
      value_ref base;
      if (!eval(n.a, current, base)) return false;
      bool is_identity = program_->nodes[n.b].kind == node_kind::current;
      auto visit = [&](ref_list& collected, value_ref const& element) {
        if (n.kind == node_kind::filter_projection) {
          value_ref keep;
          if (!eval(n.c, element, keep)) return false;
          if (!truthy(keep)) return true;
        }
        value_ref projected = element;
        if (!is_identity && !eval(n.b, element, projected)) return false;
        if (!projected.is_null()) collected.push_back(projected);
        return true;
      };
      if (n.kind == node_kind::object_projection) {
        if (!base.is_object()) {
          out = {};
          return true;
        }
        ref_list& collected = new_list();
        bool ok = true;
        object_view(base).for_each([&](std::string_view, value_ref const& v) {
          if (ok) ok = visit(collected, v);
        });
        if (!ok) return false;
        out = value_ref::of_list(collected);
        return true;
      }
      if (!base.is_array()) {
        out = {};
        return true;
      }
      array_view items(base);
      ref_list& collected = new_list();
      collected.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i)
        if (!visit(collected, items[i])) return false;
      out = value_ref::of_list(collected);
      return true;
    }

    case node_kind::flatten: {
      value_ref base;
      if (!eval(n.a, current, base)) return false;
      if (!base.is_array()) {
        out = {};
        return true;
      }
      array_view items(base);
      ref_list& merged = new_list();
      merged.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        value_ref e = items[i];
        if (e.is_array()) {
          array_view inner(e);
          for (std::size_t j = 0; j < inner.size(); ++j) merged.push_back(inner[j]);
        } else {
          merged.push_back(e);
        }
      }
      out = value_ref::of_list(merged);
      return true;
    }

    case node_kind::compare: {
      value_ref left, right;
      if (!eval(n.a, current, left) || !eval(n.b, current, right)) return false;
      auto op = static_cast<compare_op>(n.sub);
      if (op == compare_op::eq || op == compare_op::ne) {
        out = value_ref::of_bool(equal(left, right) == (op == compare_op::eq));
        return true;
      }
      // Ordering is defined on numbers; like botocore's jmespath (and the AWS CLI users who
      // filter on ISO-8601 dates), strings order too, by code point. Anything else is null.
      int c = 0;
      if (left.is_number() && right.is_number()) {
        c = compare(left.as_number(), right.as_number());
      } else if (left.is_string() && right.is_string()) {
        auto x = left.as_string(), y = right.as_string();
        c = x < y ? -1 : (y < x ? 1 : 0);
      } else {
        out = {};
        return true;
      }
      bool r = op == compare_op::lt   ? c < 0
               : op == compare_op::le ? c <= 0
               : op == compare_op::gt ? c > 0
                                      : c >= 0;
      out = value_ref::of_bool(r);
      return true;
    }

    case node_kind::logical_or:
      if (!eval(n.a, current, out)) return false;
      return truthy(out) || eval(n.b, current, out);

    case node_kind::logical_and:
      if (!eval(n.a, current, out)) return false;
      return !truthy(out) || eval(n.b, current, out);

    case node_kind::logical_not: {
      value_ref operand;
      if (!eval(n.a, current, operand)) return false;
      out = value_ref::of_bool(!truthy(operand));
      return true;
    }

    case node_kind::multiselect_list: {
      if (current.is_null()) {
        out = {};
        return true;
      }
      ref_list& items = new_list();
      items.resize(n.b);
      for (std::uint32_t i = 0; i < n.b; ++i)
        if (!eval(program_->children[n.a + i], current, items[i])) return false;
      out = value_ref::of_list(items);
      return true;
    }

    case node_kind::multiselect_hash: {
      if (current.is_null()) {
        out = {};
        return true;
      }
      ref_object& members = new_object();
      members.reserve(n.b);
      for (std::uint32_t i = 0; i < n.b; ++i) {
        std::string_view key = program_->names[program_->children[n.a + 2 * i]];
        value_ref v;
        if (!eval(program_->children[n.a + 2 * i + 1], current, v)) return false;
        auto same = std::find_if(members.begin(), members.end(), [&](auto const& m) { return m.first == key; });
        if (same != members.end()) {
          same->second = v;
        } else {
          members.emplace_back(key, v);
        }
      }
      out = value_ref::of_object(members);
      return true;
    }

    case node_kind::function_call:
      return call(n, current, out);

    case node_kind::expref:
      out = value_ref::of_expref(n.a);
      return true;
  }
  out = {};
  return true;
}

bool interpreter::call(node const& n, value_ref const& current, value_ref& out) {
  std::array<value_ref, 4> small;
  value_ref* args = small.data();
  if (n.b > small.size()) {
    ref_list& many = new_list();
    many.resize(n.b);
    args = many.data();
  }
  for (std::uint32_t i = 0; i < n.b; ++i)
    if (!eval(program_->children[n.a + i], current, args[i])) return false;
  return call_function(*this, static_cast<function_id>(n.sub), args, n.b, out);
}

bool interpreter::eval_slice(slice_spec const& s, value_ref const& current, value_ref& out) {
  if (!current.is_array()) {
    out = {};
    return true;
  }
  array_view items(current);
  auto len = static_cast<std::int64_t>(items.size());
  std::int64_t step = s.step;
  // Python's slice rules: negative bounds count from the end, then bounds are clamped.
  auto bound = [&](std::optional<std::int64_t> const& given, bool is_start) -> std::int64_t {
    if (!given) return step > 0 ? (is_start ? 0 : len) : (is_start ? len - 1 : -1);
    std::int64_t v = *given;
    if (v < 0) {
      v += len;
      if (v < 0) v = step > 0 ? 0 : -1;
    } else if (v >= len) {
      v = step > 0 ? len : len - 1;
    }
    return v;
  };
  std::int64_t start = bound(s.start, true), stop = bound(s.stop, false);
  ref_list& picked = new_list();
  if (step > 0) {
    for (std::int64_t i = start; i < stop; i = (stop - i > step) ? i + step : stop)
      picked.push_back(items[static_cast<std::size_t>(i)]);
  } else {
    for (std::int64_t i = start; i > stop; i += step)
      picked.push_back(items[static_cast<std::size_t>(i)]);
  }
  out = value_ref::of_list(picked);
  return true;
}

namespace {

// Runs `p` on the calling thread's interpreter (a fresh one if that is in use) and hands the
// result to `finish` before the pools are reset.
template <class R, class Finish>
R run_program(program const& p, json::value const& document, Finish&& finish) {
  thread_local interpreter shared;
  interpreter local_fallback;
  interpreter& in = shared.busy() ? local_fallback : shared;
  in.set_busy(true);
  value_ref result;
  R out = in.run(p, value_ref(document), result) ? R(finish(result)) : R(in.failure());
  in.reset();
  in.set_busy(false);
  return out;
}

}  // namespace

boost::system::result<json::value, error> evaluate(expression const& expr, json::value const& document,
                                                   json::storage_ptr sp) {
  using result_t = boost::system::result<json::value, error>;
  program const* p = expr.get();
  if (!p) return json::value(nullptr, std::move(sp));
  return run_program<result_t>(*p, document, [&](value_ref const& r) { return materialize(r, std::move(sp)); });
}

boost::system::result<json::value const*, error> evaluate_view(expression const& expr, json::value const& document,
                                                               json::value& storage) {
  using result_t = boost::system::result<json::value const*, error>;
  program const* p = expr.get();
  if (!p) return &value_ref::null_json();
  return run_program<result_t>(*p, document, [&](value_ref const& r) -> json::value const* {
    if (auto const* j = r.json()) return j;
    storage = materialize(r, storage.storage());
    return &storage;
  });
}

}  // namespace awscoro::detail::jmespath

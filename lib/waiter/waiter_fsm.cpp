#include "waiter/waiter_fsm.hpp"

#include "paginate/resume_token.hpp"
#include "util/python_float.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

bool is_number(json::value const& v) { return v.is_int64() || v.is_uint64() || v.is_double() || v.is_bool(); }

double number_of(json::value const& v) { return v.is_bool() ? (v.get_bool() ? 1.0 : 0.0) : v.to_number<double>(); }

// botocore's is_valid_waiter_error: an "Error" object with a "Code".
bool is_waiter_error(json::value const& response) {
  auto const* o = response.if_object();
  auto const* e = o ? o->if_contains("Error") : nullptr;
  return e && e->is_object() && e->get_object().contains("Code");
}

// Python's str() of an expected value, as botocore's f-strings print it.
std::string python_str(json::value const& v) {
  switch (v.kind()) {
    case json::kind::null: return "None";
    case json::kind::bool_: return v.get_bool() ? "True" : "False";
    case json::kind::string: return std::string(v.get_string());
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: {
      std::string out;
      append_python_float(out, v.get_double());
      return out;
    }
    default: return token_json_dumps(v);
  }
}

std::string string_member(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_string()) return std::string(v->get_string());
  return "Unknown";
}

}  // namespace

bool python_equal(json::value const& a, json::value const& b) {
  if (is_number(a) && is_number(b)) {
    if (a.is_double() || b.is_double()) return number_of(a) == number_of(b);
    if (a.is_uint64() || b.is_uint64()) {
      auto const sa = a.is_bool() ? json::value(static_cast<std::int64_t>(a.get_bool())) : a;
      auto const sb = b.is_bool() ? json::value(static_cast<std::int64_t>(b.get_bool())) : b;
      if (sa.is_int64() && sa.get_int64() < 0) return false;
      if (sb.is_int64() && sb.get_int64() < 0) return false;
      return sa.to_number<std::uint64_t>() == sb.to_number<std::uint64_t>();
    }
    auto as_int = [](json::value const& v) -> std::int64_t { return v.is_bool() ? v.get_bool() : v.get_int64(); };
    return as_int(a) == as_int(b);
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    auto const& x = a.get_array();
    auto const& y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!python_equal(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object()) {
    auto const& x = a.get_object();
    auto const& y = b.get_object();
    if (x.size() != y.size()) return false;
    for (auto const& [k, v] : x) {
      auto const* other = y.if_contains(k);
      if (!other || !python_equal(v, *other)) return false;
    }
    return true;
  }
  return a == b;
}

bool acceptor_matches(acceptor_spec const& acceptor, json::value const& response) {
  auto const* obj = response.if_object();
  switch (acceptor.matcher) {
    case acceptor_matcher::path:
    case acceptor_matcher::path_all:
    case acceptor_matcher::path_any: {
      if (is_waiter_error(response)) return false;
      auto r = jmespath::evaluate(acceptor.expr, response);
      json::value result = r ? std::move(*r) : json::value();
      if (acceptor.matcher == acceptor_matcher::path) return python_equal(result, acceptor.expected);
      auto const* list = result.if_array();
      if (!list || list->empty()) return false;
      for (auto const& e : *list) {
        bool const eq = python_equal(e, acceptor.expected);
        if (acceptor.matcher == acceptor_matcher::path_all && !eq) return false;
        if (acceptor.matcher == acceptor_matcher::path_any && eq) return true;
      }
      return acceptor.matcher == acceptor_matcher::path_all;
    }
    case acceptor_matcher::status: {
      auto const* meta = obj ? obj->if_contains("ResponseMetadata") : nullptr;
      auto const* status = meta && meta->is_object() ? meta->get_object().if_contains("HTTPStatusCode") : nullptr;
      return status && python_equal(*status, acceptor.expected);
    }
    case acceptor_matcher::error: {
      auto const* err = obj ? obj->if_contains("Error") : nullptr;
      if (acceptor.expected.is_bool()) {
        if (acceptor.expected.get_bool()) return err && err->is_object() && err->get_object().contains("Code");
        return err == nullptr;
      }
      json::value code = json::string();
      if (err && err->is_object())
        if (auto const* c = err->get_object().if_contains("Code")) code = *c;
      return python_equal(code, acceptor.expected);
    }
  }
  return false;
}

std::string explanation(acceptor_spec const& a) {
  std::string const expected = python_str(a.expected);
  switch (a.matcher) {
    case acceptor_matcher::path:
      return "For expression \"" + a.argument + "\" we matched expected path: \"" + expected + "\"";
    case acceptor_matcher::path_all:
      return "For expression \"" + a.argument + "\" all members matched expected path: \"" + expected + "\"";
    case acceptor_matcher::path_any:
      return "For expression \"" + a.argument + "\" we matched expected path: \"" + expected + "\" at least once";
    case acceptor_matcher::status: return "Matched expected HTTP status code: " + expected;
    case acceptor_matcher::error: return "Matched expected service error code: " + expected;
  }
  return {};
}

waiter_decision waiter_fsm::on_response(json::object const& response) {
  json::value const doc(response);
  ++attempts_;
  acceptor_spec const* matched = nullptr;
  for (auto const& a : spec_->acceptors) {
    if (acceptor_matches(a, doc)) {
      matched = &a;
      last_matched_ = &a;
      state_ = a.state;
      break;
    }
  }
  if (!matched && is_waiter_error(doc)) {
    auto const& e = response.at("Error").get_object();
    return {waiter_decision::failure,
            "An error occurred (" + string_member(e, "Code") + "): " + string_member(e, "Message")};
  }
  if (state_ == waiter_state::success) return {waiter_decision::success, {}};
  if (state_ == waiter_state::failure)
    return {waiter_decision::failure, "Waiter encountered a terminal failure state: " + explanation(*matched)};
  if (attempts_ >= max_attempts_) {
    if (!last_matched_) return {waiter_decision::failure, "Max attempts exceeded"};
    // As botocore words it: the acceptor of this attempt, or the last one checked when none
    // matched this time.
    auto const& shown = matched ? *matched : spec_->acceptors.back();
    return {waiter_decision::failure, "Max attempts exceeded. Previously accepted state: " + explanation(shown)};
  }
  return {waiter_decision::retry, {}};
}

}  // namespace awscoro::detail

#include "waiter/waiter_model.hpp"

#include <mutex>
#include <unordered_map>

#include <awscoro/error.hpp>

#include "model/model_registry.hpp"

namespace awscoro::detail {
namespace json = boost::json;

boost::system::result<std::shared_ptr<service_waiters const>> compile_waiters(json::value const& doc,
                                                                              std::string* error_message) {
  auto fail = [&](std::string msg) -> boost::system::result<std::shared_ptr<service_waiters const>> {
    if (error_message) *error_message = std::move(msg);
    return make_error_code(error::model_load);
  };
  auto const* root = doc.if_object();
  if (!root) return fail("waiters: not an object");
  auto const* version = root->if_contains("version");
  if (!version || !version->is_number() || version->to_number<double>() != 2)
    return fail("waiters: unsupported waiter version, supported version must be: 2");
  auto const* waiters = root->if_contains("waiters");
  if (!waiters || !waiters->is_object()) return fail("waiters: no \"waiters\" object");
  auto out = std::make_shared<service_waiters>();
  for (auto const& [name, value] : waiters->get_object()) {
    std::string const where = "waiter " + std::string(name) + ": ";
    auto const* w = value.if_object();
    if (!w) return fail(where + "not an object");
    waiter_spec spec;
    spec.name = name;
    auto const* op = w->if_contains("operation");
    auto const* delay = w->if_contains("delay");
    auto const* attempts = w->if_contains("maxAttempts");
    auto const* acceptors = w->if_contains("acceptors");
    if (!op || !op->is_string()) return fail(where + "operation must be a string");
    if (!delay || !delay->is_number()) return fail(where + "delay must be a number");
    if (!attempts || !attempts->is_number()) return fail(where + "maxAttempts must be a number");
    if (!acceptors || !acceptors->is_array()) return fail(where + "acceptors must be a list");
    spec.operation = op->get_string();
    spec.delay = delay->to_number<double>();
    spec.max_attempts = static_cast<int>(attempts->to_number<double>());
    for (auto const& a : acceptors->get_array()) {
      auto const* ao = a.if_object();
      if (!ao) return fail(where + "an acceptor is not an object");
      acceptor_spec acc;
      auto const* state = ao->if_contains("state");
      auto const* matcher = ao->if_contains("matcher");
      auto const* expected = ao->if_contains("expected");
      if (!state || !state->is_string() || !matcher || !matcher->is_string() || !expected)
        return fail(where + "an acceptor needs state, matcher and expected");
      std::string_view const st = state->get_string();
      if (st == "success") acc.state = waiter_state::success;
      else if (st == "failure") acc.state = waiter_state::failure;
      else if (st == "retry") acc.state = waiter_state::retry;
      else return fail(where + "unknown acceptor state: " + std::string(st));
      std::string_view const m = matcher->get_string();
      if (m == "path") acc.matcher = acceptor_matcher::path;
      else if (m == "pathAll") acc.matcher = acceptor_matcher::path_all;
      else if (m == "pathAny") acc.matcher = acceptor_matcher::path_any;
      else if (m == "status") acc.matcher = acceptor_matcher::status;
      else if (m == "error") acc.matcher = acceptor_matcher::error;
      else return fail(where + "Unknown acceptor: " + std::string(m));
      acc.expected = *expected;
      if (auto const* arg = ao->if_contains("argument"); arg && arg->is_string()) acc.argument = arg->get_string();
      if (acc.matcher == acceptor_matcher::path || acc.matcher == acceptor_matcher::path_all ||
          acc.matcher == acceptor_matcher::path_any) {
        auto e = jmespath::compile_cached(acc.argument);
        if (!e) return fail(where + "argument: " + e.error().message);
        acc.expr = *e;
      }
      spec.acceptors.push_back(std::move(acc));
    }
    out->by_name.emplace(spec.name, std::move(spec));
  }
  return std::shared_ptr<service_waiters const>(std::move(out));
}

std::shared_ptr<service_waiters const> waiters_for(std::string const& service, std::string const& api_version) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<service_waiters const>> cache;
  std::string const key = service + "/" + api_version;
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  load_error err;
  auto doc = model_registry::instance().service_data(service, api_version, "waiters-2", &err);
  std::shared_ptr<service_waiters const> compiled;
  if (!doc) {
    if (err.kind != load_error::unreadable || err.message.rfind("no data file", 0) != 0)
      throw model_error(make_error_code(error::model_load), service + " waiters: " + err.message);
    compiled = std::make_shared<service_waiters const>();
  } else {
    std::string msg;
    auto r = compile_waiters(*doc, &msg);
    if (!r) throw model_error(r.error(), service + " waiters: " + msg);
    compiled = *r;
  }
  std::lock_guard lock(mutex);
  return cache.emplace(key, compiled).first->second;
}

}  // namespace awscoro::detail

// awscoro::paginator, page_iterator and search_iterator, and client::get_paginator: thin
// handles over paginator_impl and the page_iterator_fsm, which holds botocore's rules.
#include <awscoro/client.hpp>
#include <awscoro/paginator.hpp>

#include <charconv>

#include "client/client_impl.hpp"
#include "model/naming.hpp"
#include "paginate/paginator_impl.hpp"

namespace awscoro {
namespace json = boost::json;

namespace detail {

namespace {

[[noreturn]] void pagination_fail(error code, std::string message) {
  throw pagination_error(make_error_code(code), std::move(message));
}

// Python's int(): an integer, or text holding one.
std::optional<std::int64_t> as_integer(json::value const& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v.get_uint64());
  if (v.is_double()) return static_cast<std::int64_t>(v.get_double());
  if (auto const* s = v.if_string()) {
    std::string_view t = *s;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (!t.empty() && t.front() == '+') t.remove_prefix(1);
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (!t.empty() && ec == std::errc{} && p == t.data() + t.size()) return n;
  }
  return std::nullopt;
}

}  // namespace

paging_params paginator_impl::extract_paging(json::object& params, pagination_config const& config) const {
  paging_params out;
  std::string const where = spec_->operation + ": PaginationConfig: ";
  if (auto* pc = params.if_contains("PaginationConfig")) {
    if (!pc->is_object()) pagination_fail(error::param_validation, where + "must be an object");
    json::object embedded = std::move(pc->get_object());
    params.erase("PaginationConfig");
    for (auto const& [k, v] : embedded) {
      if (k == "MaxItems") {
        if (v.is_null()) continue;
        auto n = as_integer(v);
        if (!n) pagination_fail(error::param_validation, where + "MaxItems must be an integer");
        out.max_items = *n;
      } else if (k == "PageSize") {
        if (!v.is_null()) out.page_size = v;
      } else if (k == "StartingToken") {
        if (v.is_null()) continue;
        if (!v.is_string()) pagination_fail(error::param_validation, where + "StartingToken must be a string");
        out.starting_token = std::string(v.get_string());
      } else {
        pagination_fail(error::param_validation,
                        where + "unknown key \"" + std::string(k) + "\" (valid: MaxItems, PageSize, StartingToken)");
      }
    }
  }
  if (config.max_items) out.max_items = config.max_items;
  if (config.page_size) out.page_size = *config.page_size;
  if (config.starting_token) out.starting_token = config.starting_token;
  if (out.page_size) {
    if (spec_->limit_key.empty())
      pagination_fail(error::param_validation,
                      spec_->operation + ": PageSize parameter is not supported for the pagination interface for this "
                                         "operation.");
    if (limit_is_string_) {
      if (!out.page_size->is_string()) {
        auto n = as_integer(*out.page_size);
        if (!n) pagination_fail(error::param_validation, where + "PageSize must be an integer");
        out.page_size = json::string(std::to_string(*n));
      }
    } else {
      auto n = as_integer(*out.page_size);
      if (!n) pagination_fail(error::param_validation, where + "PageSize must be an integer");
      out.page_size = *n;
    }
  }
  return out;
}

boost::asio::awaitable<std::optional<json::object>> page_iterator_impl::next() {
  if (busy_) pagination_fail(error::param_validation, "page_iterator::next: a next() is already in progress");
  std::optional<json::object> request;
  std::string error_text;
  if (!fsm_.next_request(request, error_text))
    pagination_fail(error_text.rfind("bad StartingToken", 0) == 0 ? error::param_validation : error::parse,
                    fsm_.spec().operation + ": " + error_text);
  if (!request) co_return std::nullopt;
  busy_ = true;
  struct clear_busy {
    bool& b;
    ~clear_busy() { b = false; }
  } guard{busy_};
  // Built before the co_await (GCC 12 and temporaries inside co_await expressions).
  auto pending = paginator_->call()(fsm_.spec().operation, std::move(*request));
  json::object response = co_await std::move(pending);
  co_return fsm_.on_response(std::move(response));
}

namespace {

boost::asio::awaitable<json::object> call_on(client c, std::string operation, json::object params) {
  auto pending = c.call(std::move(operation), std::move(params));
  co_return co_await std::move(pending);
}

}  // namespace

call_function client_call_function(client const& c) {
  return [c](std::string operation, json::object params) {
    return call_on(c, std::move(operation), std::move(params));
  };
}

paginator_spec const* find_paginator(service_paginators const& all, std::string_view operation) {
  if (auto it = all.by_operation.find(operation); it != all.by_operation.end()) return &it->second;
  for (auto const& [name, spec] : all.by_operation)
    if (xform_name(name) == operation) return &spec;
  return nullptr;
}

paginator make_paginator(call_function call, std::shared_ptr<service_paginators const> all, std::string_view operation,
                         service_model const* model) {
  auto const* spec = all ? find_paginator(*all, operation) : nullptr;
  if (!spec) {
    std::string names;
    if (all)
      for (auto const& [name, s] : all->by_operation) names += (names.empty() ? "" : ", ") + name;
    std::string const service = model ? model->service_name : std::string("this service");
    throw unknown_operation_error(make_error_code(error::unknown_operation),
                                  "Operation cannot be paginated: " + std::string(operation) + " (" + service +
                                      (names.empty() ? " has no paginators)" : " paginators: " + names + ")"));
  }
  bool limit_is_string = false;
  if (model && !spec->limit_key.empty()) {
    if (auto const* op = model->find_operation(spec->operation); op && op->input != no_shape) {
      auto const& input = model->at(op->input);
      if (int i = input.find_member(spec->limit_key); i >= 0)
        limit_is_string = model->target(input.members[static_cast<std::size_t>(i)]).type == shape_type::string;
    }
  }
  return paginator_access::make_paginator(
      std::make_shared<paginator_impl const>(std::move(call), std::move(all), *spec, limit_is_string));
}

}  // namespace detail

page_iterator paginator::paginate(json::object params, pagination_config config) const {
  auto paging = impl_->extract_paging(params, config);
  page_iterator p;
  p.impl_ = std::make_shared<detail::page_iterator_impl>(impl_, std::move(params), std::move(paging));
  return p;
}

std::string const& paginator::operation_name() const { return impl_->spec().operation; }

std::vector<std::string> paginator::input_tokens() const { return impl_->spec().input_tokens; }

std::vector<std::string> paginator::result_keys() const {
  std::vector<std::string> out;
  for (auto const& k : impl_->spec().result_keys) out.push_back(k.text);
  return out;
}

std::string const& paginator::limit_key() const { return impl_->spec().limit_key; }

namespace {

// The coroutines take the state by value, so they own it from the moment they are created:
// a handle destroyed before the awaitable first runs leaves nothing dangling.
boost::asio::awaitable<std::optional<json::object>> next_page(std::shared_ptr<detail::page_iterator_impl> impl) {
  co_return co_await impl->next();
}

boost::asio::awaitable<json::object> full_result(std::shared_ptr<detail::page_iterator_impl> impl) {
  detail::full_result_builder builder(impl->fsm().spec());
  while (auto page = co_await impl->next()) builder.add_page(*page);
  co_return builder.finish(impl->fsm().non_aggregate_part(), impl->fsm().resume_token());
}

boost::asio::awaitable<std::optional<json::value>> next_value(std::shared_ptr<detail::search_state> state) {
  while (state->next_index >= state->buffered.size()) {
    auto page = co_await state->pages->next();
    if (!page) co_return std::nullopt;
    state->buffered.clear();
    state->next_index = 0;
    auto r = detail::jmespath::evaluate(state->expr, json::value(std::move(*page)));
    json::value v = r ? std::move(*r) : json::value();
    if (v.is_array())
      state->buffered = std::move(v.get_array());
    else
      state->buffered.push_back(std::move(v));
  }
  co_return std::move(state->buffered[state->next_index++]);
}

}  // namespace

boost::asio::awaitable<std::optional<json::object>> page_iterator::next() { return next_page(impl_); }

boost::asio::awaitable<json::object> page_iterator::build_full_result() { return full_result(impl_); }

search_iterator page_iterator::search(std::string_view expression) {
  auto compiled = detail::jmespath::compile_cached(expression);
  if (!compiled)
    throw pagination_error(make_error_code(error::param_validation),
                           "search: " + compiled.error().message);
  search_iterator it;
  it.state_ = std::make_shared<detail::search_state>();
  it.state_->pages = impl_;
  it.state_->expr = *compiled;
  return it;
}

std::optional<std::string> page_iterator::resume_token() const { return impl_->fsm().resume_token(); }

json::object const& page_iterator::non_aggregate_part() const { return impl_->fsm().non_aggregate_part(); }

std::vector<std::string> page_iterator::result_keys() const {
  std::vector<std::string> out;
  for (auto const& k : impl_->fsm().spec().result_keys) out.push_back(k.text);
  return out;
}

boost::asio::awaitable<std::optional<json::value>> search_iterator::next() { return next_value(state_); }

bool client::can_paginate(std::string_view operation) const {
  auto const& impl = detail::access::impl(*this);
  if (!impl) return false;
  auto all = detail::paginators_for(impl->meta().service_name, impl->meta().api_version);
  return detail::find_paginator(*all, operation) != nullptr;
}

paginator client::get_paginator(std::string_view operation) const {
  auto const& impl = detail::access::impl(*this);
  if (!impl) throw config_error(make_error_code(error::invalid_config), "get_paginator on an empty client");
  auto all = detail::paginators_for(impl->meta().service_name, impl->meta().api_version);
  return detail::make_paginator(detail::client_call_function(*this), std::move(all), operation, &impl->model());
}

}  // namespace awscoro

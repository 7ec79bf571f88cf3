// What stands behind awscoro::paginator and page_iterator: the compiled spec, the function that
// performs one request, and the page_iterator_fsm of each pagination.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <awscoro/client.hpp>
#include <awscoro/paginator.hpp>

#include "jmespath/expression.hpp"
#include "model/service_model.hpp"
#include "paginate/page_iterator_fsm.hpp"
#include "paginate/paginator_model.hpp"

namespace awscoro::detail {

// Performs one request of `operation` with `params` and returns botocore's parsed response
// (client::call for real clients; canned pages in tests).
using call_function = std::function<boost::asio::awaitable<boost::json::object>(std::string, boost::json::object)>;

// client::call on a copy of `c`: the client stays alive as long as the function does.
call_function client_call_function(client const& c);

class paginator_impl {
 public:
  paginator_impl(call_function call, std::shared_ptr<service_paginators const> owner, paginator_spec const& spec,
                 bool limit_key_is_string)
      : call_(std::move(call)), owner_(std::move(owner)), spec_(&spec), limit_is_string_(limit_key_is_string) {}

  call_function const& call() const { return call_; }
  paginator_spec const& spec() const { return *spec_; }
  std::shared_ptr<service_paginators const> const& owner() const { return owner_; }
  // botocore's _extract_paging_params: PaginationConfig out of params, checked and converted.
  paging_params extract_paging(boost::json::object& params, pagination_config const& config) const;

 private:
  call_function call_;
  std::shared_ptr<service_paginators const> owner_;  // keeps spec_ alive
  paginator_spec const* spec_;
  bool limit_is_string_;
};

class page_iterator_impl {
 public:
  page_iterator_impl(std::shared_ptr<paginator_impl const> paginator, boost::json::object params, paging_params paging)
      : paginator_(std::move(paginator)), fsm_(paginator_->spec(), std::move(params), std::move(paging)) {}

  boost::asio::awaitable<std::optional<boost::json::object>> next();
  page_iterator_fsm const& fsm() const { return fsm_; }

 private:
  std::shared_ptr<paginator_impl const> paginator_;
  page_iterator_fsm fsm_;
  bool busy_ = false;
};

struct search_state {
  std::shared_ptr<page_iterator_impl> pages;
  jmespath::expression expr;
  boost::json::array buffered;  // the current page's values not yet handed out
  std::size_t next_index = 0;
};

struct paginator_access {
  static paginator make_paginator(std::shared_ptr<paginator_impl const> impl) {
    paginator p;
    p.impl_ = std::move(impl);
    return p;
  }
  static std::shared_ptr<page_iterator_impl> const& impl(page_iterator const& p) { return p.impl_; }
};

// The spec for `operation` (the model's name or its snake_case form), or nullptr.
paginator_spec const* find_paginator(service_paginators const& all, std::string_view operation);

// A paginator over `call` for `operation` of a service whose compiled paginators are `all`;
// `model` (may be null) says whether the limit key is a string. Throws unknown_operation_error
// listing the pageable operations when `operation` has no paginator.
paginator make_paginator(call_function call, std::shared_ptr<service_paginators const> all, std::string_view operation,
                         service_model const* model);

}  // namespace awscoro::detail

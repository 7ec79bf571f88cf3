// What stands behind awscoro::waiter: the compiled spec and the function that performs one call.
#pragma once

#include <memory>
#include <string_view>

#include <awscoro/waiter.hpp>

#include "paginate/paginator_impl.hpp"
#include "waiter/waiter_model.hpp"

namespace awscoro::detail {

class waiter_impl {
 public:
  waiter_impl(call_function call, std::shared_ptr<service_waiters const> owner, waiter_spec const& spec)
      : call_(std::move(call)), owner_(std::move(owner)), spec_(&spec) {}

  call_function const& call() const { return call_; }
  waiter_spec const& spec() const { return *spec_; }

 private:
  call_function call_;  // service errors must arrive as client_error (their response is matched)
  std::shared_ptr<service_waiters const> owner_;  // keeps spec_ alive
  waiter_spec const* spec_;
};

struct waiter_access {
  static waiter make_waiter(std::shared_ptr<waiter_impl const> impl) {
    waiter w;
    w.impl_ = std::move(impl);
    return w;
  }
};

// The spec named `name` (the model's name or its snake_case form), or nullptr.
waiter_spec const* find_waiter(service_waiters const& all, std::string_view name);

// A waiter over `call`; throws unknown_operation_error listing the service's waiters when
// `name` is not one of them.
waiter make_waiter(call_function call, std::shared_ptr<service_waiters const> all, std::string_view name,
                   std::string_view service_name);

}  // namespace awscoro::detail

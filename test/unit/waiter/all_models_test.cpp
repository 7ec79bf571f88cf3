// Every paginator and every waiter of every installed model compiles, names an operation of its
// service, and can be constructed as a paginator / waiter object.
#include <doctest/doctest.h>

#include "model/model_registry.hpp"
#include "paginate/paginator_impl.hpp"
#include "waiter/waiter_impl.hpp"

using namespace awscoro::detail;

TEST_CASE("every paginator and waiter of every installed model") {
  auto& registry = model_registry::instance();
  call_function never;  // nothing is sent
  std::size_t services = 0, paginators = 0, waiters = 0;
  for (auto const& service : registry.available_services()) {
    for (auto const& version : registry.api_versions(service)) {
      CAPTURE(service);
      CAPTURE(version);
      load_error err;
      auto model = registry.service(service, version, &err);
      // A version folder without a service model (dynamodb/2011-12-05 has only endpoint data).
      if (!model && err.kind == load_error::unknown_api_version) continue;
      REQUIRE_MESSAGE(model, err.message);
      ++services;
      std::shared_ptr<service_paginators const> pags;
      CHECK_NOTHROW(pags = paginators_for(service, version));
      if (pags) {
        for (auto const& [op, spec] : pags->by_operation) {
          CAPTURE(op);
          CHECK(model->find_operation(op) != nullptr);
          CHECK(spec.output_tokens.size() >= 1);
          auto p = make_paginator(never, pags, op, model.get());
          CHECK(p.operation_name() == op);
          // Paging parameters of every kind are accepted where the model allows them.
          if (!spec.limit_key.empty()) CHECK_NOTHROW(p.paginate({}, {.max_items = 1, .page_size = 2}));
          ++paginators;
        }
      }
      std::shared_ptr<service_waiters const> ws;
      CHECK_NOTHROW(ws = waiters_for(service, version));
      if (ws) {
        for (auto const& [name, spec] : ws->by_name) {
          CAPTURE(name);
          CHECK(model->find_operation(spec.operation) != nullptr);
          CHECK(!spec.acceptors.empty());
          auto w = make_waiter(never, ws, name, service);
          CHECK(w.operation_name() == spec.operation);
          ++waiters;
        }
      }
    }
  }
  MESSAGE(services << " API versions, " << paginators << " paginators, " << waiters << " waiters");
  CHECK(services > 400);
  CHECK(paginators > 3000);
  CHECK(waiters > 200);
}

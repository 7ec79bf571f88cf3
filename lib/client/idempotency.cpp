#include "client/idempotency.hpp"

namespace awscoro::detail {

void fill_idempotency_tokens(service_model const& model, operation_model const& op, boost::json::object& params) {
  if (op.input == no_shape) return;
  for (auto const& m : model.at(op.input).members) {
    if (!m.idempotency_token) continue;
    auto const* v = params.if_contains(m.name);
    if (!v || v->is_null()) params[m.name] = random_uuid4();
  }
}

}  // namespace awscoro::detail

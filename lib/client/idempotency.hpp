// Idempotency tokens: members marked idempotencyToken that the caller left unset get a random
// UUID4, as botocore's generate_idempotent_uuid handler does before the params are built.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "model/service_model.hpp"
#include "util/uuid.hpp"

namespace awscoro::detail {

void fill_idempotency_tokens(service_model const& model, operation_model const& op, boost::json::object& params);

}  // namespace awscoro::detail

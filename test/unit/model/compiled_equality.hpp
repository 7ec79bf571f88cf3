// Field-by-field comparison of compiled service models and rule sets, for proving that what the
// compiled cache gives back is what compiling the JSON gives. Each function returns an empty
// string when both sides are equal, else where they first differ.
#pragma once

#include <string>

#include "endpoint/rule_set.hpp"
#include "model/service_model.hpp"

namespace awscoro::detail::testing {

std::string service_model_difference(service_model const& a, service_model const& b);
std::string rule_set_difference(rule_set const& a, rule_set const& b);

}  // namespace awscoro::detail::testing

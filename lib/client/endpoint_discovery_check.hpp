// Operations whose model requires endpoint discovery (Timestream's, today): botocore asks the
// service's DescribeEndpoints for the address to call, and refuses such a call when discovery
// is turned off. awscoro does not discover endpoints, so such a call needs an explicit
// endpoint URL (the one DescribeEndpoints gives), as botocore does with an endpoint_url.
#pragma once

#include <string>
#include <string_view>

#include "model/service_model.hpp"

namespace awscoro::detail {

// Why a call of `op` cannot be made, or empty when it can. `discovery_setting` is the
// endpoint_discovery_enabled setting ("auto", "true" or "false", any case).
std::string endpoint_discovery_refusal(operation_model const& op, std::string_view discovery_setting,
                                       bool endpoint_url_given);

}  // namespace awscoro::detail

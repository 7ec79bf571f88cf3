#include "client/endpoint_discovery_check.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/trim.hpp>

namespace awscoro::detail {

std::string endpoint_discovery_refusal(operation_model const& op, std::string_view discovery_setting,
                                       bool endpoint_url_given) {
  if (!op.endpoint_discovery_required || endpoint_url_given) return {};
  if (boost::algorithm::iequals(boost::algorithm::trim_copy(discovery_setting), std::string_view("false")))
    return "Endpoint Discovery is not enabled but this operation requires it: " + op.name +
           " (endpoint_discovery_enabled is false)";
  return op.name +
         " requires endpoint discovery, which awscoro does not perform: call DescribeEndpoints and give the "
         "address it returns as the client's endpoint_url";
}

}  // namespace awscoro::detail

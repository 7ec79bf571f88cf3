// Endpoint discovery operations (DescribeEndpoints) name the API version they answer for in
// x-amz-api-version; the model marks them with "endpointoperation".
// botocore: handlers.py inject_api_version_header_if_needed.
#include <string>

#include "client/customizations/customizations.hpp"

namespace awscoro::detail {

void register_endpoint_discovery_handlers(event_emitter& events, service_model const& model) {
  for (auto const& op : model.operations) {
    if (!op.endpoint_operation) continue;
    events.register_handler("before-call." + model.service_name + "." + op.name,
                            [version = model.metadata.api_version](event_args& a) {
                              a.request->headers.set("x-amz-api-version", version);
                            }, "inject-api-version-header");
  }
}

}  // namespace awscoro::detail

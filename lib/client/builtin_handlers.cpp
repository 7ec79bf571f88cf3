#include "client/builtin_handlers.hpp"

#include "client/customizations/customizations.hpp"

namespace awscoro::detail {

void register_builtin_handlers(event_emitter& events, service_model const& model) {
  std::string const& service = model.service_name;
  if (service == "s3") {
    register_s3_list_encoding(events);
    register_s3_sse_customer_key(events);
  }
  if (service == "glacier") register_glacier_handlers(events, model);
  if (service == "apigateway") register_apigateway_handlers(events);
  if (service == "cloudsearchdomain") register_cloudsearch_domain_handlers(events);
  if (service == "machinelearning") register_machinelearning_handlers(events);
  register_cross_region_presign_handlers(events, model);
  register_endpoint_discovery_handlers(events, model);
}

}  // namespace awscoro::detail

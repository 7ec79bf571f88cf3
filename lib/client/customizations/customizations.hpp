// botocore's per-service customizations (handlers.py's BUILTIN_HANDLERS), one file per service
// family. Each register_* function adds that family's handlers to a new client's events; the
// client registers them all through register_builtin_handlers.
#pragma once

#include <awscoro/events.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

// s3_list_encoding.cpp: url-encoded keys for the list operations, decoded in the result.
void register_s3_list_encoding(event_emitter& events);
// s3_sse_customer_key.cpp: base64 SSE-C keys and their MD5s.
void register_s3_sse_customer_key(event_emitter& events);
// glacier.cpp: the API version header, the default account id, the body's tree hash.
void register_glacier_handlers(event_emitter& events, service_model const& model);
// apigateway.cpp: JSON answers.
void register_apigateway_handlers(event_emitter& events);
// cloudsearch_domain.cpp: Search as a form POST.
void register_cloudsearch_domain_handlers(event_emitter& events);
// endpoint_discovery.cpp: the API version header on endpoint discovery operations.
void register_endpoint_discovery_handlers(event_emitter& events, service_model const& model);
// machinelearning.cpp: Predict goes to the endpoint in its PredictEndpoint parameter.
void register_machinelearning_handlers(event_emitter& events);
// cross_region_presign.cpp: RDS, Neptune, DocumentDB and EC2 cross-region copies.
void register_cross_region_presign_handlers(event_emitter& events, service_model const& model);

}  // namespace awscoro::detail

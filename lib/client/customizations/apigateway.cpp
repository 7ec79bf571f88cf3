// API Gateway answers in JSON only when asked (it defaults to HAL), so every request asks,
// unless the operation itself set Accept (GetExport's export type).
// botocore: handlers.py add_accept_header.
#include "client/customizations/customizations.hpp"

namespace awscoro::detail {

void register_apigateway_handlers(event_emitter& events) {
  events.register_handler("before-call.apigateway", [](event_args& a) {
    if (!a.request->headers.contains("Accept")) a.request->headers.set("Accept", "application/json");
  }, "add-accept-header");
}

}  // namespace awscoro::detail

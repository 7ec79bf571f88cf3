// CloudSearch Domain's Search is modeled as a GET, but a query can outgrow a URL: the query
// string moves into a form-encoded POST body, before signing.
// botocore: handlers.py change_get_to_post.
#include <utility>

#include "client/customizations/customizations.hpp"

namespace awscoro::detail {

void register_cloudsearch_domain_handlers(event_emitter& events) {
  events.register_handler("request-created.cloudsearchdomain.Search", [](event_args& a) {
    http_request& request = *a.request;
    if (request.method != "GET" || request.query.empty()) return;
    request.headers.set("Content-Type", "application/x-www-form-urlencoded");
    request.method = "POST";
    request.body = std::move(request.query);
    request.query.clear();
  }, "change-get-to-post");
}

}  // namespace awscoro::detail

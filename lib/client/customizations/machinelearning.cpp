// Amazon Machine Learning's Predict is sent to the real-time endpoint named in its
// PredictEndpoint parameter: that URL's scheme and host replace the modeled endpoint's, the
// path and query stay. botocore: handlers.py switch_host_machinelearning.
#include <boost/url/parse.hpp>

#include <string>
#include <string_view>

#include <awscoro/error.hpp>

#include "client/customizations/customizations.hpp"

namespace awscoro::detail {

void register_machinelearning_handlers(event_emitter& events) {
  events.register_handler("request-created.machinelearning.Predict", [](event_args& a) {
    auto const* given = a.params ? a.params->if_contains("PredictEndpoint") : nullptr;
    if (!given || !given->is_string() || given->get_string().empty()) return;
    auto url = boost::urls::parse_uri(std::string_view(given->get_string()));
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->encoded_host_address().empty()) {
      diagnostics d;
      d.message = "PredictEndpoint must be an absolute http(s) URL, such as the EndpointUrl of GetMLModel's "
                  "EndpointInfo";
      d.operation = "Predict";
      throw_error(make_error_code(error::param_validation), std::move(d));
    }
    http_request& request = *a.request;
    request.scheme = std::string(url->scheme());
    request.host = std::string(url->encoded_host_address());
    if (!request.host.empty() && request.host.front() == '[') request.host = request.host.substr(1, request.host.size() - 2);
    request.port = url->has_port() ? url->port_number() : 0;
    request.headers.remove("Host");
  }, "switch-host-machinelearning");
}

}  // namespace awscoro::detail

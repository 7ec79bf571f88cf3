// Client-side monitoring, botocore's monitoring.py: with csm_enabled, every API call and every
// attempt of it is reported as one JSON datagram over UDP to csm_host:csm_port (127.0.0.1:31000
// unless configured), tagged with csm_client_id, for a local agent to collect. Sending never
// blocks the loop and never fails a call: a datagram that cannot be sent is dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>

#include <awscoro/events.hpp>

#include "config/error_info.hpp"

namespace awscoro::detail {

class config_resolver;

struct csm_settings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 31000;
  std::string client_id;
};

// The settings when csm_enabled (AWS_CSM_ENABLED, csm_enabled) is on, else nullopt. Errors:
// invalid_config for a port outside 1-65535 or a client id longer than 255 characters.
config_result<std::optional<csm_settings>> csm_settings_from(config_resolver const& config);

// Registers the monitor on a client's events; `service_id` is the model's serviceId, which
// the events name as their Service.
void register_csm_monitor(event_emitter& events, boost::asio::any_io_executor executor, std::string service_id,
                          csm_settings settings);

}  // namespace awscoro::detail

// Endpoint discovery, botocore's EndpointDiscoveryManager: operations with the endpointdiscovery
// trait (DynamoDB's, Timestream's) may or must be sent to an address the service's own
// DescribeEndpoints operation gives. The addresses are cached per client for the minutes each
// one states; a failed refresh is not tried again for a minute, stale addresses serve meanwhile,
// and a 421 or InvalidEndpointException answer drops them so the retry discovers afresh.
//
// Whether a client discovers follows endpoint_discovery_enabled: "auto" (the default) for the
// operations that require it when the model has any, "true" for every operation with the trait,
// "false" never (a required operation is then refused). An endpoint_url given to create_client
// turns discovery off, as botocore does; a configured one (AWS_ENDPOINT_URL_<SERVICE>, the
// config file) only changes where DescribeEndpoints is sent.
//
// None of the models' DescribeEndpoints take Operation or Identifiers, so one cache serves all
// of a client's operations.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

enum class discovery_mode {
  off,       // never discover
  required,  // only for operations that require it
  always,    // for every operation with the trait
};

// The service's DescribeEndpoints (the operation the model marks endpointoperation), or null.
operation_model const* endpoint_operation_of(service_model const& model);

// The mode of a client of `model`, from its endpoint_discovery_enabled value ("auto", "true" or
// "false", any case; validated earlier) and whether create_client was given an endpoint_url.
discovery_mode discovery_mode_for(service_model const& model, std::string_view setting, bool endpoint_url_argument);

// Whether a call of `op` discovers its endpoint in `mode`.
bool discovers(operation_model const& op, discovery_mode mode);

// Why a call of `op` cannot be made (it requires discovery, which is off), or empty.
std::string endpoint_discovery_refusal(operation_model const& op, discovery_mode mode, bool endpoint_url_argument);

// The addresses one client has discovered. Not thread-safe: the client serialises access.
class discovered_endpoints {
 public:
  using clock = std::chrono::steady_clock;

  // The first address still within its cache period.
  std::optional<std::string> fresh(clock::time_point now) const;
  // The first address, even past its period (while refreshing fails).
  std::optional<std::string> any() const;
  // Whether a refresh failed less than a minute ago.
  bool recently_failed(clock::time_point now) const;

  // Takes DescribeEndpoints' result ({"Endpoints": [{"Address", "CachePeriodInMinutes"}]});
  // false when it holds no usable address.
  bool store(boost::json::object const& result, clock::time_point now);
  void refresh_failed(clock::time_point now);
  // Forgets every address (the service said the one used is wrong).
  void evict();

 private:
  struct entry {
    std::string address;
    clock::time_point expires;
  };
  std::vector<entry> entries_;
  std::optional<clock::time_point> failed_until_;
};

// The URL a discovered address stands for: botocore prefixes https:// unless it has a scheme.
std::string discovered_endpoint_url(std::string_view address);

}  // namespace awscoro::detail

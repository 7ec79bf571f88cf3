// botocore's defaults modes (sdk-default-configuration.json): the defaults that replace the
// legacy ones when defaults_mode is standard, in-region, cross-region, mobile or auto.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

#include "config/environment.hpp"
#include "config/error_info.hpp"

namespace awscoro::detail {

struct smart_defaults {
  std::string mode;  // the resolved mode: "standard", "in-region", "cross-region", "mobile"
  std::string retry_mode;
  std::string sts_regional_endpoints;
  std::string s3_us_east_1_regional_endpoint;
  std::optional<std::chrono::milliseconds> connect_timeout;
};

// The defaults of `mode` (case-insensitive) from the parsed sdk-default-configuration.json;
// nullopt for "legacy", which keeps botocore's historical defaults. "auto" picks in-region or
// cross-region by comparing `region` with AWS_REGION / AWS_DEFAULT_REGION when AWS_EXECUTION_ENV
// is set, else standard (botocore would also ask the instance metadata service; awscoro does
// not block on it here). Errors: invalid_config naming the mode and the valid ones.
config_result<std::optional<smart_defaults>> resolve_smart_defaults(boost::json::value const& sdk_default_configuration,
                                                                    std::string_view mode, std::string_view region,
                                                                    environment const& env);

}  // namespace awscoro::detail

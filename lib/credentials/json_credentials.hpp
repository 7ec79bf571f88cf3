// Reading credentials out of a JSON object whose member names vary by source (credential
// process, container endpoint, instance metadata, STS results).
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

// Requires the key and secret members (strings); token and expiration are optional (pass "" to
// ignore). Errors name the missing member after `prefix`, never a value.
credential_result credentials_from_json(boost::json::object const& obj, std::string_view key_name,
                                        std::string_view secret_name, std::string_view token_name,
                                        std::string_view expiry_name, std::string_view method,
                                        std::string_view prefix);

}  // namespace awscoro::detail

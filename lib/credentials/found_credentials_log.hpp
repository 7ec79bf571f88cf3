// The log line saying which provider supplied the credentials, in botocore's words where botocore
// logs one ("Found credentials in environment variables."), so `--debug` output reads like the
// AWS CLI's. Names sources and files only, never a key.
#pragma once

#include <string>

#include <awscoro/credentials.hpp>

#include "config/config_resolver.hpp"

namespace awscoro::detail {

std::string found_credentials_message(credentials const& found, config_resolver const& config);

}  // namespace awscoro::detail

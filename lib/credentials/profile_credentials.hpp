// Reading aws_access_key_id, aws_secret_access_key and the session token from one profile
// section, shared by the shared-credentials-file and config-file providers.
#pragma once

#include <string_view>

#include "config/ini_parser.hpp"
#include "credentials/credential_provider.hpp"

namespace awscoro::detail {

// nullopt when the section has no aws_access_key_id (the provider has nothing); the key pair,
// the token (aws_security_token, else aws_session_token) and aws_account_id otherwise, with
// `method` set. A missing aws_secret_access_key is partial_credentials; `where` ("profile dev in
// /home/u/.aws/credentials") goes into messages.
credential_result credentials_from_section(config_section const& section, std::string_view method,
                                           std::string_view where);

}  // namespace awscoro::detail

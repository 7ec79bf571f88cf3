// AWS Signature Version 2 (botocore's "v2": SimpleDB-era query signing with HmacSHA256).
// The operation's form parameters (a POST body or, for GET, the query) gain AWSAccessKeyId,
// SignatureVersion, SignatureMethod, Timestamp, SecurityToken (with a session token) and
// Signature.
#pragma once

#include <string>

#include "awscoro/credentials.hpp"
#include "awscoro/http_message.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

// Signs at time `now`. Returns an empty string or what was wrong; `string_to_sign`, when given,
// receives what was signed.
std::string sigv2_sign(http_request& request, credentials const& creds, timestamp_us now,
                       std::string* string_to_sign = nullptr);

}  // namespace awscoro::detail

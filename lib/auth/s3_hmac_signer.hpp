// S3's legacy HMAC-SHA1 signatures (botocore's "s3", "s3-query" and "s3-presign-post"
// signature versions): the Authorization header form, the query form botocore still uses by
// default for presigned S3 URLs in the regions that accept it, and the HMAC-SHA1 of a POST
// policy.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "awscoro/credentials.hpp"
#include "awscoro/http_message.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

// base64 of HMAC-SHA1(key, data): the signature of every S3 legacy form.
std::string hmac_sha1_base64(std::string_view key, std::string_view data);

// The string to sign: method, Content-MD5, Content-Type, the date (or the expiry, for the
// query form), the x-amz-* headers, and the canonical resource: `auth_path` (the path with the
// bucket, even for virtual-hosted requests; empty: the request's path) plus the sub-resources
// of the query that S3 signs.
std::string s3_hmac_string_to_sign(http_request const& request, std::string_view date, std::string_view auth_path);

// Header form: sets Date (RFC 822 of `now`), X-Amz-Security-Token with a session token, and
// `Authorization: AWS <access key>:<signature>`. Returns an empty string or what was wrong.
std::string s3_hmac_sign(http_request& request, credentials const& creds, timestamp_us now,
                         std::string_view auth_path, std::string* string_to_sign = nullptr);

// Query form: appends AWSAccessKeyId, Signature, the x-amz-*, Content-MD5 and Content-Type
// headers (lowercased) and Expires (epoch seconds of now + expires) to the query.
std::string s3_hmac_presign(http_request& request, credentials const& creds, timestamp_us now,
                            std::int64_t expires_seconds, std::string_view auth_path,
                            std::string* string_to_sign = nullptr);

}  // namespace awscoro::detail

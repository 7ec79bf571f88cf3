// S3 browser-based uploads (presigned POST): the policy document, base64-encoded, and the form
// fields that sign it, as botocore's S3PostPresigner with the "s3v4-presign-post" (SigV4) and
// "s3-presign-post" (HMAC-SHA1) signers makes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "awscoro/credentials.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

class signing_key_cache;

// JSON text exactly as Python's json.dumps writes it with its defaults: ", " and ": "
// separators, non-ASCII escaped as \uXXXX, members in insertion order. The policy is signed as
// text, so its bytes must match what the service is given.
std::string python_json_dumps(boost::json::value const& v);

struct post_policy_request {
  boost::json::object fields;      // the form fields so far ("key" included)
  boost::json::array conditions;   // the policy's conditions so far (bucket and key included)
  timestamp_us now = 0;
  std::int64_t expires_seconds = 3600;
};

// SigV4: adds x-amz-algorithm, x-amz-credential, x-amz-date, x-amz-security-token (with a
// session token) to the fields and conditions, then policy and x-amz-signature. Returns an
// empty string or what was wrong; `policy_json`, when given, receives the policy text.
std::string sign_post_policy_v4(post_policy_request& post, credentials const& creds, std::string_view region,
                                std::string_view service, signing_key_cache* cache = nullptr,
                                std::string* policy_json = nullptr);

// HMAC-SHA1: adds AWSAccessKeyId, x-amz-security-token (with a session token), policy and
// signature.
std::string sign_post_policy_v2(post_policy_request& post, credentials const& creds,
                                std::string* policy_json = nullptr);

}  // namespace awscoro::detail

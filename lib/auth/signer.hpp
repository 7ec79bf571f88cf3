// Request signing by auth scheme: the one function the client calls for each attempt (and for
// presigning), whatever the operation's scheme is.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "awscoro/credentials.hpp"
#include "awscoro/http_message.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

class signing_key_cache;
struct sigv4_trace;

struct signing_params {
  // "v4" (or "sigv4", or empty): SigV4, with S3's rules when `s3` is set;
  // "s3v4": SigV4 with S3's rules; "bearer": `Authorization: Bearer <bearer_token>`;
  // "none" (or "anonymous"): the request is left unsigned; "v4a" (or "sigv4a"): SigV4a over
  // `region_set`; "s3" (or "s3-query" when presigning): S3's legacy HMAC-SHA1 over `auth_path`;
  // "v2": Signature Version 2.
  std::string scheme = "v4";
  credentials const* creds = nullptr;
  std::string_view bearer_token;
  std::string region;        // signing region
  std::string signing_name;  // the service's signing name
  std::string region_set;    // sigv4a: "us-east-1,us-west-2" or "*"; empty: `region`
  std::string auth_path;     // s3 HMAC-SHA1: the path with the bucket; empty: the request's path
  timestamp_us time = 0;     // signing time, microseconds since the epoch
  bool unsigned_payload = false;
  bool s3 = false;
  bool disable_double_encoding = false;
  // Set: presign into the query string, valid this long (1 s .. 7 days). Unset: sign in headers.
  std::optional<std::chrono::seconds> expires;
  // When not empty, signed verbatim as the payload hash.
  std::string_view payload_hash;
  signing_key_cache* key_cache = nullptr;  // null: the process-wide cache
  sigv4_trace* trace = nullptr;            // filled with the canonical request and string to sign
};

// Signs `request` in place. Returns an empty string on success, otherwise a message naming what
// was wrong (never a secret).
std::string sign_request(http_request& request, signing_params const& params);

}  // namespace awscoro::detail

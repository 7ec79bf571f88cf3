// SigV4 header signing of a request whose body is a body_source (S3 only): the body cannot be
// hashed before it is sent, so it goes as aws-chunked with one of S3's streaming payload hashes.
//
//   payload signed (over http unless payload signing is off; over https without a checksum):
//     STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or ...-PAYLOAD-TRAILER with a flexible checksum; the
//     body's size must be known (S3 requires X-Amz-Decoded-Content-Length with signed chunks);
//   payload unsigned (https): STREAMING-UNSIGNED-PAYLOAD-TRAILER with a flexible checksum,
//     else UNSIGNED-PAYLOAD with the body sent as it is.
//
// The flexible checksum to put in the trailer is the one X-Amz-Trailer names (set by the
// checksum stage). The request's body_stream is replaced by its framed form, which is why each
// attempt signs a fresh copy of the request.
#pragma once

#include <string>

#include "auth/sigv4_signer.hpp"
#include "awscoro/credentials.hpp"
#include "awscoro/http_message.hpp"

namespace awscoro::detail {

struct streaming_sign_params {
  std::string_view region;
  std::string_view service;
  sigv4_options options;  // options.unsigned_payload picks the unsigned form
  signing_key_cache* key_cache = nullptr;
};

// Returns an empty string on success, otherwise what was wrong.
std::string sign_streaming(http_request& request, credentials const& creds, timestamp_us now,
                           streaming_sign_params const& params, sigv4_trace* trace = nullptr);

// For an anonymous request: frames the body with the unsigned trailer when X-Amz-Trailer names
// a checksum, and says so in X-Amz-Content-SHA256.
void frame_unsigned_stream(http_request& request);

}  // namespace awscoro::detail

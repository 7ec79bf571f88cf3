// AWS Signature Version 4: header signing (the Authorization header) and query presigning
// (X-Amz-Signature in the URL), with botocore's plain `v4` rules and S3's `s3v4` variant.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "awscoro/credentials.hpp"
#include "awscoro/http_message.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

class signing_key_cache;
struct sigv4_buffers;

struct sigv4_options {
  // S3's rules: the path is signed exactly as sent (no dot-segment removal, no second encoding)
  // and the payload hash is also sent in X-Amz-Content-SHA256.
  bool s3 = false;
  // Sign the constant "UNSIGNED-PAYLOAD" instead of the body's SHA-256 (S3 over https without
  // payload signing, operations modeled with an unsigned payload). Presigned S3 URLs always
  // use it.
  bool unsigned_payload = false;
  // Sign the already percent-encoded path as it is instead of encoding it once more, as the
  // endpoint rule set's disableDoubleEncoding asks.
  bool disable_double_encoding = false;
  // When not empty, signed verbatim as the payload hash (e.g. a streaming payload's marker).
  std::string_view payload_hash;
};

// What a signature was computed over: for tests and for debugging a signature mismatch. Holds
// no secret.
struct sigv4_trace {
  std::string canonical_request;
  std::string string_to_sign;
};

inline constexpr std::int64_t sigv4_min_expires = 1;
inline constexpr std::int64_t sigv4_max_expires = 7 * 24 * 60 * 60;
inline constexpr std::string_view unsigned_payload_hash = "UNSIGNED-PAYLOAD";

class sigv4_signer {
 public:
  // `region` and `service` (the signing name) are viewed, not copied. Derived keys come from
  // `cache`, by default the process-wide one.
  sigv4_signer(std::string_view region, std::string_view service, sigv4_options options = {},
               signing_key_cache* cache = nullptr);

  // Signs in headers at time `now`: replaces X-Amz-Date (or a Date header the request already
  // has), X-Amz-Security-Token when the credentials have a session token,
  // X-Amz-Content-SHA256 when the rules want it, Host when missing, and Authorization.
  // Returns an empty string on success, otherwise what was wrong.
  std::string sign(http_request& request, credentials const& creds, timestamp_us now,
                   sigv4_trace* trace = nullptr) const;

  // Presigns into the query string: the request's query (and a form-encoded body, which is
  // moved into the query) followed by X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
  // X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Security-Token (with a session token) and, last,
  // X-Amz-Signature. `expires_seconds` must lie within 1 s .. 7 days.
  std::string presign(http_request& request, credentials const& creds, timestamp_us now,
                      std::int64_t expires_seconds, sigv4_trace* trace = nullptr) const;

 private:
  std::string check_credentials(credentials const& creds) const;
  // Builds the canonical request and string to sign from the request as it stands and writes
  // the 64 hex digits of the signature to `out`; `signed_headers` is left in the buffers.
  void signature(char* out, http_request const& request, std::string_view secret, std::string_view amz_date,
                 std::string_view payload_hash, sigv4_buffers& buf, sigv4_trace* trace) const;
  void append_scope(std::string& out, std::string_view access_key, std::string_view date, bool encoded) const;

  std::string_view region_;
  std::string_view service_;
  sigv4_options options_;
  signing_key_cache* cache_;
};

}  // namespace awscoro::detail

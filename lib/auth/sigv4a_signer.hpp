// AWS Signature Version 4a: SigV4's canonical request signed with ECDSA P-256 instead of
// HMAC, so one signature is valid in a set of regions (X-Amz-Region-Set, "*" for all). The key
// pair is derived from the secret key as the SigV4a specification defines.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/sigv4_signer.hpp"
#include "awscoro/credentials.hpp"
#include "awscoro/http_message.hpp"
#include "util/timestamp.hpp"

namespace awscoro::detail {

inline constexpr std::string_view sigv4a_algorithm = "AWS4-ECDSA-P256-SHA256";

// The P-256 private scalar (32 bytes, big endian) derived from the credentials: HMAC-SHA256
// keyed with "AWS4A" + secret over a NIST SP 800-108 counter-mode block whose context is the
// access key and a one-byte counter, the first candidate c <= n - 2 giving d = c + 1.
// nullopt only if 254 counters all fail (never in practice).
std::optional<std::array<unsigned char, 32>> sigv4a_derive_private_key(std::string_view access_key,
                                                                       std::string_view secret_key);

// The uncompressed public point (0x04 || X || Y) of a private scalar: to verify signatures.
std::string sigv4a_public_key(std::array<unsigned char, 32> const& private_key);

// Verifies a DER ECDSA-SHA256 signature of `message` with an uncompressed P-256 public point.
bool sigv4a_verify(std::string_view public_key, std::string_view message, std::string_view der_signature);

struct sigv4a_options {
  bool s3 = false;  // S3's rules, as for SigV4
  bool unsigned_payload = false;
  bool disable_double_encoding = false;
  std::string_view payload_hash;
};

class sigv4a_signer {
 public:
  // `region_set` ("us-east-1,us-west-2" or "*") and `service` are viewed, not copied.
  sigv4a_signer(std::string_view region_set, std::string_view service, sigv4a_options options = {});

  // Header signing: X-Amz-Date, X-Amz-Region-Set, X-Amz-Security-Token, X-Amz-Content-SHA256
  // (S3 or unsigned payload), Host and Authorization. The signature is DER ECDSA in hex.
  std::string sign(http_request& request, credentials const& creds, timestamp_us now,
                   sigv4_trace* trace = nullptr) const;

  // Query presigning, valid 1 s .. 7 days.
  std::string presign(http_request& request, credentials const& creds, timestamp_us now,
                      std::int64_t expires_seconds, sigv4_trace* trace = nullptr) const;

 private:
  std::string check(credentials const& creds) const;
  // Canonical request and string to sign of the request as it stands; returns the hex DER
  // signature or, on failure, an empty string. `signed_headers` receives the header list.
  std::string signature(http_request const& request, credentials const& creds, std::string_view amz_date,
                        std::string_view payload_hash, std::string& signed_headers, sigv4_trace* trace) const;

  std::string_view region_set_;
  std::string_view service_;
  sigv4a_options options_;
};

}  // namespace awscoro::detail

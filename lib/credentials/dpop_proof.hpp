// DPoP proofs (RFC 9449) for the sign-in service's token refresh: a compact JWS (ES256) whose
// header carries the public key (jwk) and whose payload binds the proof to the request's method,
// URL, time and a unique id. The key is the P-256 private key `aws login` cached (dpopKey, PEM).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "config/error_info.hpp"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace awscoro::detail {

class dpop_key {
 public:
  // A PEM private key (PKCS#8 or SEC1) on P-256. Errors: credential_provider, naming no key bytes.
  static config_result<dpop_key> from_pem(std::string_view pem);

  // The DPoP header value for a POST to `url` at `issued_at` (epoch seconds) with id `jti`.
  std::string proof(std::string_view url, std::int64_t issued_at, std::string_view jti) const;

  // The public key's affine coordinates, 32 bytes each (what the proof's jwk holds).
  std::string public_x() const { return x_; }
  std::string public_y() const { return y_; }

 private:
  std::shared_ptr<evp_pkey_st> key_;
  std::string x_, y_;
};

// base64url without padding (RFC 7515 section 2).
std::string base64url_encode(std::string_view bytes);

}  // namespace awscoro::detail

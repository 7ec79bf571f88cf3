#include "auth/signer.hpp"

#include "auth/sigv4_signer.hpp"

namespace awscoro::detail {
namespace {

std::string sign_bearer(http_request& request, signing_params const& params) {
  if (params.bearer_token.empty()) return "bearer: no auth token to sign with";
  if (params.expires) return "bearer: a bearer-token request cannot be presigned";
  std::string value;
  value.reserve(7 + params.bearer_token.size());
  value.append("Bearer ").append(params.bearer_token);
  request.headers.set("Authorization", std::move(value));
  return {};
}

std::string sign_v4(http_request& request, signing_params const& params, bool s3) {
  if (!params.creds) return "sigv4: no credentials to sign with";
  sigv4_options options;
  options.s3 = s3;
  options.unsigned_payload = params.unsigned_payload;
  options.disable_double_encoding = params.disable_double_encoding;
  options.payload_hash = params.payload_hash;
  sigv4_signer signer(params.region, params.signing_name, options, params.key_cache);
  if (params.expires) return signer.presign(request, *params.creds, params.time, params.expires->count(), params.trace);
  return signer.sign(request, *params.creds, params.time, params.trace);
}

}  // namespace

std::string sign_request(http_request& request, signing_params const& params) {
  std::string_view scheme = params.scheme;
  if (scheme.empty() || scheme == "v4" || scheme == "sigv4") return sign_v4(request, params, params.s3);
  if (scheme == "s3v4") return sign_v4(request, params, true);
  if (scheme == "bearer") return sign_bearer(request, params);
  if (scheme == "none" || scheme == "anonymous") return {};
  if (scheme == "v4a" || scheme == "sigv4a") return "sigv4a: this signing scheme is not supported";
  return "unknown auth scheme \"" + std::string(scheme) + "\"";
}

}  // namespace awscoro::detail

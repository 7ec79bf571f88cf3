#include "auth/signer.hpp"

#include "auth/s3_hmac_signer.hpp"
#include "auth/sigv2_signer.hpp"
#include "auth/sigv4_signer.hpp"
#include "auth/sigv4a_signer.hpp"
#include "auth/streaming_signer.hpp"

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
  if (s3 && request.body_stream && !params.expires) {
    // A streamed body cannot be hashed before it is sent: S3's streaming forms.
    options.payload_hash = {};
    streaming_sign_params streaming{params.region, params.signing_name, options, params.key_cache};
    return sign_streaming(request, *params.creds, params.time, streaming, params.trace);
  }
  if (request.body_stream && !params.expires && !options.unsigned_payload)
    return "sigv4: a streamed request body can be signed only for S3 or an operation with an unsigned payload";
  sigv4_signer signer(params.region, params.signing_name, options, params.key_cache);
  if (params.expires) return signer.presign(request, *params.creds, params.time, params.expires->count(), params.trace);
  return signer.sign(request, *params.creds, params.time, params.trace);
}

std::string sign_v4a(http_request& request, signing_params const& params) {
  if (!params.creds) return "sigv4a: no credentials to sign with";
  sigv4a_options options;
  options.s3 = params.s3;
  options.unsigned_payload = params.unsigned_payload;
  options.disable_double_encoding = params.disable_double_encoding;
  options.payload_hash = params.payload_hash;
  if (request.body_stream && !params.expires && !options.unsigned_payload)
    return "sigv4a: a streamed request body can be signed only with an unsigned payload";
  std::string_view set = params.region_set.empty() ? std::string_view(params.region) : params.region_set;
  sigv4a_signer signer(set, params.signing_name, options);
  if (params.expires) return signer.presign(request, *params.creds, params.time, params.expires->count(), params.trace);
  return signer.sign(request, *params.creds, params.time, params.trace);
}

std::string sign_s3_hmac(http_request& request, signing_params const& params) {
  if (!params.creds) return "s3 (HMAC-SHA1): no credentials to sign with";
  std::string* sts = params.trace ? &params.trace->string_to_sign : nullptr;
  if (params.expires)
    return s3_hmac_presign(request, *params.creds, params.time, params.expires->count(), params.auth_path, sts);
  return s3_hmac_sign(request, *params.creds, params.time, params.auth_path, sts);
}

std::string sign_v2(http_request& request, signing_params const& params) {
  if (!params.creds) return "sigv2: no credentials to sign with";
  if (params.expires) return "sigv2: a Signature Version 2 request cannot be presigned";
  return sigv2_sign(request, *params.creds, params.time, params.trace ? &params.trace->string_to_sign : nullptr);
}

}  // namespace

std::string sign_request(http_request& request, signing_params const& params) {
  std::string_view scheme = params.scheme;
  if (scheme.empty() || scheme == "v4" || scheme == "sigv4") return sign_v4(request, params, params.s3);
  if (scheme == "s3v4") return sign_v4(request, params, true);
  if (scheme == "bearer") return sign_bearer(request, params);
  if (scheme == "none" || scheme == "anonymous") return {};
  if (scheme == "v4a" || scheme == "sigv4a" || scheme == "s3v4a") return sign_v4a(request, params);
  if (scheme == "s3" || scheme == "s3-query") return sign_s3_hmac(request, params);
  if (scheme == "v2") return sign_v2(request, params);
  return "unknown auth scheme \"" + std::string(scheme) + "\"";
}

}  // namespace awscoro::detail

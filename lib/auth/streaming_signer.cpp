#include "auth/streaming_signer.hpp"

#include "auth/aws_chunked_source.hpp"
#include "auth/signing_key_cache.hpp"

namespace awscoro::detail {
namespace {

// The request signature the chunk signatures chain from: the Authorization header's.
std::string seed_signature(http_request const& request) {
  std::string const* auth = request.headers.find("Authorization");
  if (!auth) return {};
  auto at = auth->rfind("Signature=");
  if (at == std::string::npos) return {};
  return auth->substr(at + 10, 64);
}

std::string signing_date(http_request const& request) {
  std::string const* date = request.headers.find("X-Amz-Date");
  return date ? *date : std::string();
}

}  // namespace

void frame_unsigned_stream(http_request& request) {
  auto checksum = trailer_checksum(request);
  if (!checksum) return;
  declare_aws_chunked(request);
  request.headers.set("X-Amz-Content-SHA256", std::string(streaming_unsigned_trailer));
  aws_chunked_options framing;
  framing.trailer = checksum;
  request.body_stream = make_aws_chunked(std::move(request.body_stream), std::move(framing));
}

std::string sign_streaming(http_request& request, credentials const& creds, timestamp_us now,
                           streaming_sign_params const& params, sigv4_trace* trace) {
  auto checksum = trailer_checksum(request);
  sigv4_options options = params.options;
  options.s3 = true;
  if (options.unsigned_payload) {
    if (checksum) {
      declare_aws_chunked(request);
      options.payload_hash = streaming_unsigned_trailer;
    }
    sigv4_signer signer(params.region, params.service, options, params.key_cache);
    if (auto err = signer.sign(request, creds, now, trace); !err.empty()) return err;
    if (checksum) {
      aws_chunked_options framing;
      framing.trailer = checksum;
      request.body_stream = make_aws_chunked(std::move(request.body_stream), std::move(framing));
    }
    return {};
  }

  // S3 needs X-Amz-Decoded-Content-Length with signed chunks.
  if (!request.body_stream.size())
    return "sigv4 streaming: signed chunks need the body's size, and this body source has none; give its size, "
           "use https, or turn payload signing off (s3.payload_signing_enabled = false) to send it with an "
           "unsigned checksum trailer";
  declare_aws_chunked(request);
  options.unsigned_payload = false;
  options.payload_hash = checksum ? streaming_signed_payload_trailer : streaming_signed_payload;
  sigv4_signer signer(params.region, params.service, options, params.key_cache);
  if (auto err = signer.sign(request, creds, now, trace); !err.empty()) return err;

  std::string amz_date = signing_date(request);
  std::string seed = seed_signature(request);
  if (amz_date.size() < 8 || seed.size() != 64)
    return "sigv4 streaming: the request must be dated with X-Amz-Date to sign its chunks";
  std::string scope = amz_date.substr(0, 8);
  scope.append("/").append(params.region).append("/").append(params.service).append("/aws4_request");
  signing_key_cache& cache = params.key_cache ? *params.key_cache : signing_key_cache::global();
  sha256_digest key = cache.get(creds.secret_key, amz_date.substr(0, 8), params.region, params.service);
  aws_chunked_options framing;
  framing.signer.emplace(key, std::move(amz_date), std::move(scope), std::move(seed));
  framing.trailer = checksum;
  request.body_stream = make_aws_chunked(std::move(request.body_stream), std::move(framing));
  return {};
}

}  // namespace awscoro::detail

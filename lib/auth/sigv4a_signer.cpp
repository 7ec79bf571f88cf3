#include "auth/sigv4a_signer.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include <cstring>
#include <memory>

#include "auth/canonical_request.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace {

constexpr std::string_view empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view form_content_type = "application/x-www-form-urlencoded; charset=utf-8";

// n - 2 for P-256, big endian.
constexpr unsigned char n_minus_2[32] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
                                         0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
                                         0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x4f};

struct bn_free {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct group_free {
  void operator()(EC_GROUP* p) const { EC_GROUP_free(p); }
};
struct point_free {
  void operator()(EC_POINT* p) const { EC_POINT_free(p); }
};
struct pkey_free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct pkey_ctx_free {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct md_ctx_free {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct bld_free {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct params_free {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;

// An EVP_PKEY from an encoded public point and, when given, the private scalar.
pkey_ptr make_key(std::string_view public_point, unsigned char const* private_key) {
  std::unique_ptr<OSSL_PARAM_BLD, bld_free> bld(OSSL_PARAM_BLD_new());
  if (!bld) return nullptr;
  std::unique_ptr<BIGNUM, bn_free> priv;
  OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, public_point.data(), public_point.size());
  if (private_key) {
    priv.reset(BN_bin2bn(private_key, 32, nullptr));
    if (!priv) return nullptr;
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get());
  }
  std::unique_ptr<OSSL_PARAM, params_free> params(OSSL_PARAM_BLD_to_param(bld.get()));
  std::unique_ptr<EVP_PKEY_CTX, pkey_ctx_free> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return nullptr;
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &key, private_key ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return nullptr;
  return pkey_ptr(key);
}

// The signing key of a credential pair; the last one is kept per thread, identified by a hash
// (the secret itself is not kept).
EVP_PKEY* signing_key(credentials const& creds) {
  struct cached {
    sha256_digest id{};
    pkey_ptr key;
  };
  thread_local cached last;
  std::string material = creds.access_key;
  material += '\n';
  material += creds.secret_key;
  sha256_digest id = sha256(material);
  if (last.key && last.id == id) return last.key.get();
  auto priv = sigv4a_derive_private_key(creds.access_key, creds.secret_key);
  if (!priv) return nullptr;
  std::string pub = sigv4a_public_key(*priv);
  if (pub.empty()) return nullptr;
  last.key = make_key(pub, priv->data());
  last.id = id;
  std::memset(priv->data(), 0, priv->size());
  return last.key.get();
}

std::string ecdsa_sign_hex(EVP_PKEY* key, std::string_view message) {
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) <= 0) return {};
  std::size_t size = 0;
  auto const* data = reinterpret_cast<unsigned char const*>(message.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &size, data, message.size()) <= 0) return {};
  std::string der(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &size, data, message.size()) <= 0)
    return {};
  der.resize(size);
  return hex_encode(der);
}

}  // namespace

std::optional<std::array<unsigned char, 32>> sigv4a_derive_private_key(std::string_view access_key,
                                                                       std::string_view secret_key) {
  std::string input_key = "AWS4A";
  input_key += secret_key;
  constexpr std::string_view label = "AWS4-ECDSA-P256-SHA256";
  for (int counter = 1; counter <= 254; ++counter) {
    std::string fixed;
    fixed.append("\x00\x00\x00\x01", 4);  // i = 1: one block of output
    fixed += label;
    fixed += '\0';
    fixed += access_key;
    fixed += static_cast<char>(counter);
    fixed.append("\x00\x00\x01\x00", 4);  // L = 256 bits
    sha256_digest c = hmac_sha256(input_key, fixed);
    if (std::memcmp(c.data(), n_minus_2, 32) > 0) continue;  // big-endian compare: c > n - 2
    std::array<unsigned char, 32> d{};
    std::memcpy(d.data(), c.data(), 32);
    for (int i = 31; i >= 0; --i)  // d = c + 1
      if (++d[static_cast<std::size_t>(i)] != 0) break;
    std::memset(input_key.data(), 0, input_key.size());
    return d;
  }
  std::memset(input_key.data(), 0, input_key.size());
  return std::nullopt;
}

std::string sigv4a_public_key(std::array<unsigned char, 32> const& private_key) {
  std::unique_ptr<EC_GROUP, group_free> group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  std::unique_ptr<BIGNUM, bn_free> d(BN_bin2bn(private_key.data(), 32, nullptr));
  if (!group || !d) return {};
  std::unique_ptr<EC_POINT, point_free> point(EC_POINT_new(group.get()));
  if (!point || EC_POINT_mul(group.get(), point.get(), d.get(), nullptr, nullptr, nullptr) != 1) return {};
  std::string out(65, '\0');
  std::size_t n = EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
                                     reinterpret_cast<unsigned char*>(out.data()), out.size(), nullptr);
  if (n != 65) return {};
  return out;
}

bool sigv4a_verify(std::string_view public_key, std::string_view message, std::string_view der_signature) {
  pkey_ptr key = make_key(public_key, nullptr);
  if (!key) return false;
  std::unique_ptr<EVP_MD_CTX, md_ctx_free> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) <= 0) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<unsigned char const*>(der_signature.data()),
                          der_signature.size(), reinterpret_cast<unsigned char const*>(message.data()),
                          message.size()) == 1;
}

sigv4a_signer::sigv4a_signer(std::string_view region_set, std::string_view service, sigv4a_options options)
    : region_set_(region_set), service_(service), options_(options) {}

std::string sigv4a_signer::check(credentials const& creds) const {
  if (creds.access_key.empty()) return "sigv4a: the credentials have no access key";
  if (creds.secret_key.empty()) return "sigv4a: the credentials have no secret key";
  if (region_set_.empty()) return "sigv4a: no region set to sign for";
  if (service_.empty()) return "sigv4a: no signing name (service)";
  return {};
}

std::string sigv4a_signer::signature(http_request const& request, credentials const& creds,
                                     std::string_view amz_date, std::string_view payload_hash,
                                     std::string& signed_headers, sigv4_trace* trace) const {
  canonical_scratch scratch;
  std::string cr;
  for (char c : request.method) cr += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  cr += '\n';
  bool encode = !options_.s3 && !options_.disable_double_encoding;
  append_canonical_uri(cr, request.path, !options_.s3, encode, scratch);
  cr += '\n';
  append_canonical_query(cr, request.query, scratch);
  cr += '\n';
  append_canonical_headers(cr, signed_headers, request.headers, scratch);
  cr += '\n';
  cr += signed_headers;
  cr += '\n';
  cr += payload_hash;

  std::string sts;
  sts.append(sigv4a_algorithm).append("\n").append(amz_date).append("\n").append(amz_date.substr(0, 8));
  sts.append("/").append(service_).append("/aws4_request\n").append(sha256_hex(cr));
  if (trace) {
    trace->canonical_request = cr;
    trace->string_to_sign = sts;
  }
  EVP_PKEY* key = signing_key(creds);
  if (!key) return {};
  return ecdsa_sign_hex(key, sts);
}

std::string sigv4a_signer::sign(http_request& request, credentials const& creds, timestamp_us now,
                                sigv4_trace* trace) const {
  if (auto err = check(creds); !err.empty()) return err;
  std::string amz_date = format_amz_date(now - now % 1000000);
  request.headers.remove("Authorization");
  request.headers.set("X-Amz-Date", amz_date);
  request.headers.set("X-Amz-Region-Set", std::string(region_set_));
  if (!creds.token.empty()) request.headers.set("X-Amz-Security-Token", creds.token);
  std::string payload(options_.payload_hash);
  if (payload.empty())
    payload = options_.unsigned_payload ? std::string(unsigned_payload_hash)
                                        : (request.body.empty() ? std::string(empty_sha256) : sha256_hex(request.body));
  if (options_.s3 || options_.unsigned_payload || !options_.payload_hash.empty())
    request.headers.set("X-Amz-Content-SHA256", payload);
  if (std::string const* given = request.headers.find("X-Amz-Content-SHA256")) payload = *given;
  set_host_if_missing(request);

  std::string signed_headers;
  std::string sig = signature(request, creds, amz_date, payload, signed_headers, trace);
  if (sig.empty()) return "sigv4a: could not derive the signing key or sign (OpenSSL failed)";
  std::string auth(sigv4a_algorithm);
  auth.append(" Credential=").append(creds.access_key).append("/").append(amz_date.substr(0, 8));
  auth.append("/").append(service_).append("/aws4_request, SignedHeaders=").append(signed_headers);
  auth.append(", Signature=").append(sig);
  request.headers.set("Authorization", std::move(auth));
  return {};
}

std::string sigv4a_signer::presign(http_request& request, credentials const& creds, timestamp_us now,
                                   std::int64_t expires_seconds, sigv4_trace* trace) const {
  if (auto err = check(creds); !err.empty()) return err;
  if (expires_seconds < sigv4_min_expires || expires_seconds > sigv4_max_expires)
    return "sigv4a: presigned URL expiry must lie between 1 second and 7 days (604800 s), got " +
           std::to_string(expires_seconds) + " s";
  std::string amz_date = format_amz_date(now - now % 1000000);
  if (std::string const* ct = request.headers.find("Content-Type"); ct && *ct == form_content_type)
    request.headers.remove("Content-Type");
  set_host_if_missing(request);

  std::string signed_headers;
  {
    canonical_scratch scratch;
    std::string ignored;
    append_canonical_headers(ignored, signed_headers, request.headers, scratch);
  }
  std::string q = request.query;
  append_query_param(q, "X-Amz-Algorithm", sigv4a_algorithm);
  append_query_param(q, "X-Amz-Credential",
               creds.access_key + "/" + amz_date.substr(0, 8) + "/" + std::string(service_) + "/aws4_request");
  append_query_param(q, "X-Amz-Date", amz_date);
  append_query_param(q, "X-Amz-Expires", std::to_string(expires_seconds));
  append_query_param(q, "X-Amz-SignedHeaders", signed_headers);
  if (!creds.token.empty()) append_query_param(q, "X-Amz-Security-Token", creds.token);
  append_query_param(q, "X-Amz-Region-Set", region_set_);
  request.query = std::move(q);

  std::string payload(options_.payload_hash);
  if (std::string const* given = request.headers.find("X-Amz-Content-SHA256")) {
    payload = *given;
  } else if (payload.empty()) {
    payload = options_.s3 || options_.unsigned_payload
                  ? std::string(unsigned_payload_hash)
                  : (request.body.empty() ? std::string(empty_sha256) : sha256_hex(request.body));
  }
  std::string ignored;
  std::string sig = signature(request, creds, amz_date, payload, ignored, trace);
  if (sig.empty()) return "sigv4a: could not derive the signing key or sign (OpenSSL failed)";
  request.query.append("&X-Amz-Signature=").append(sig);
  return {};
}

}  // namespace awscoro::detail

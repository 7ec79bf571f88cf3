#include "credentials/dpop_proof.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cstring>

#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;

namespace {

constexpr std::size_t coordinate_size = 32;  // P-256

std::string bignum_bytes(BIGNUM const* n) {
  std::string out(coordinate_size, '\0');
  BN_bn2binpad(n, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(coordinate_size));
  return out;
}

std::string coordinate(EVP_PKEY* key, char const* name) {
  BIGNUM* n = nullptr;
  if (!EVP_PKEY_get_bn_param(key, name, &n)) return {};
  auto out = bignum_bytes(n);
  BN_free(n);
  return out;
}

// JWS wants r || s, each padded to the curve size; OpenSSL signs in DER.
std::string der_to_raw_signature(std::string_view der) {
  auto const* p = reinterpret_cast<unsigned char const*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (!sig) return {};
  BIGNUM const* r = nullptr;
  BIGNUM const* s = nullptr;
  ECDSA_SIG_get0(sig, &r, &s);
  auto out = bignum_bytes(r) + bignum_bytes(s);
  ECDSA_SIG_free(sig);
  return out;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  auto out = base64_encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (auto& c : out) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
  }
  return out;
}

config_result<dpop_key> dpop_key::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!raw) return make_error_info(error::credential_provider, "Unable to load private key from cached token.");
  dpop_key key;
  key.key_.reset(raw, EVP_PKEY_free);
  char group[64] = {};
  std::size_t group_size = 0;
  if (EVP_PKEY_get_base_id(raw) != EVP_PKEY_EC ||
      !EVP_PKEY_get_group_name(raw, group, sizeof group, &group_size) || std::strcmp(group, "prime256v1") != 0)
    return make_error_info(error::credential_provider, "the cached login token's dpopKey is not a P-256 key");
  key.x_ = coordinate(raw, OSSL_PKEY_PARAM_EC_PUB_X);
  key.y_ = coordinate(raw, OSSL_PKEY_PARAM_EC_PUB_Y);
  if (key.x_.empty() || key.y_.empty())
    return make_error_info(error::credential_provider, "Unable to load private key from cached token.");
  return key;
}

std::string dpop_key::proof(std::string_view url, std::int64_t issued_at, std::string_view jti) const {
  json::object jwk;
  jwk["kty"] = "EC";
  jwk["x"] = base64url_encode(x_);
  jwk["y"] = base64url_encode(y_);
  jwk["crv"] = "P-256";
  json::object header;
  header["typ"] = "dpop+jwt";
  header["alg"] = "ES256";
  header["jwk"] = std::move(jwk);
  json::object payload;
  payload["htm"] = "POST";
  payload["htu"] = url;
  payload["iat"] = issued_at;
  payload["jti"] = jti;
  std::string signing_input = base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(payload));

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t size = 0;
  std::string der;
  if (ctx && EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
      EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<unsigned char const*>(signing_input.data()),
                     signing_input.size()) == 1) {
    der.resize(size);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &size,
                       reinterpret_cast<unsigned char const*>(signing_input.data()), signing_input.size()) == 1)
      der.resize(size);
    else
      der.clear();
  }
  return signing_input + "." + base64url_encode(der_to_raw_signature(der));
}

}  // namespace awscoro::detail

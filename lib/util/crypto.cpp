#include "util/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include <stdexcept>

#include "util/encoding.hpp"

namespace awscoro::detail {

sha256_digest sha256(std::string_view data) {
  sha256_digest out{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

sha256_digest hmac_sha256(std::string_view key, std::string_view data) {
  sha256_digest out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<unsigned char const*>(data.data()), data.size(), out.data(), &len);
  return out;
}

std::string sha256_hex(std::string_view data) { return hex_encode(as_view(sha256(data))); }

std::string md5_base64(std::string_view data) {
  unsigned char out[16];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_md5(), nullptr);
  return base64_encode({reinterpret_cast<char const*>(out), len});
}

std::uint32_t crc32_of(std::string_view data, std::uint32_t running) {
  return static_cast<std::uint32_t>(
      ::crc32_z(running, reinterpret_cast<Bytef const*>(data.data()), static_cast<z_size_t>(data.size())));
}

sha256_hasher::sha256_hasher() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || !EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr))
    throw std::bad_alloc();
}

sha256_hasher::~sha256_hasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }

void sha256_hasher::update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

sha256_digest sha256_hasher::finish() {
  sha256_digest out{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out.data(), &len);
  return out;
}

}  // namespace awscoro::detail

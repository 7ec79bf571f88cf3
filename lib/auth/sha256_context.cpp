#include "auth/sha256_context.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

namespace awscoro::detail {
namespace {

constexpr std::size_t block_size = 64;

}  // namespace

sha256_context& sha256_context::local() {
  thread_local sha256_context context;
  return context;
}

sha256_context::sha256_context() {
  md_ = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  ctx_ = EVP_MD_CTX_new();
}

sha256_context::~sha256_context() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
  EVP_MD_free(static_cast<EVP_MD*>(md_));
}

bool sha256_context::begin() {
  return md_ && ctx_ && EVP_DigestInit_ex2(static_cast<EVP_MD_CTX*>(ctx_), static_cast<EVP_MD*>(md_), nullptr) == 1;
}

void sha256_context::update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), data.data(), data.size());
}

sha256_digest sha256_context::finish() {
  sha256_digest out{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out.data(), &len);
  return out;
}

sha256_digest sha256_context::digest(std::string_view data) {
  // Without a usable context (allocation failure) the slower one-shot path still answers.
  if (!begin()) return sha256(data);
  update(data);
  return finish();
}

sha256_digest sha256_context::hmac(std::string_view key, std::string_view data) {
  if (!begin()) return hmac_sha256(key, data);
  // RFC 2104: H((K ^ opad) || H((K ^ ipad) || data)), K padded (or first hashed) to one block.
  std::array<unsigned char, block_size> pad{};
  if (key.size() > block_size) {
    update(key);
    sha256_digest k = finish();
    std::copy(k.begin(), k.end(), pad.begin());
    begin();
  } else {
    std::copy(key.begin(), key.end(), pad.begin());
  }
  for (auto& b : pad) b ^= 0x36;
  update({reinterpret_cast<char const*>(pad.data()), pad.size()});
  update(data);
  sha256_digest inner = finish();
  for (auto& b : pad) b ^= 0x36 ^ 0x5c;
  begin();
  update({reinterpret_cast<char const*>(pad.data()), pad.size()});
  update(as_view(inner));
  OPENSSL_cleanse(pad.data(), pad.size());
  return finish();
}

void hex_digest_to(char* out, sha256_digest const& d) {
  constexpr char digits[] = "0123456789abcdef";
  for (unsigned char b : d) {
    *out++ = digits[b >> 4];
    *out++ = digits[b & 15];
  }
}

}  // namespace awscoro::detail

#include "util/checksum.hpp"

#include <openssl/evp.h>

#include <array>
#include <new>

#include "util/crypto.hpp"
#include "util/encoding.hpp"

namespace awscoro::detail {
namespace {

constexpr std::string_view names[] = {"crc32", "crc32c", "crc64nvme", "sha1", "sha256", "sha512"};

template <class Word>
constexpr std::array<Word, 256> reflected_crc_table(Word poly) {
  std::array<Word, 256> table{};
  for (unsigned i = 0; i < 256; ++i) {
    Word c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ poly : c >> 1;
    table[i] = c;
  }
  return table;
}

constexpr auto crc32c_table = reflected_crc_table<std::uint32_t>(0x82F63B78u);
constexpr auto crc64nvme_table = reflected_crc_table<std::uint64_t>(0x9A6C9329AC4BC9B5ull);

template <class Word, std::size_t N>
Word reflected_crc(std::array<Word, N> const& table, std::string_view data, Word running) {
  Word c = ~running;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return ~c;
}

EVP_MD const* digest_of(checksum_algorithm a) {
  switch (a) {
    case checksum_algorithm::sha1: return EVP_sha1();
    case checksum_algorithm::sha256: return EVP_sha256();
    case checksum_algorithm::sha512: return EVP_sha512();
    default: return nullptr;
  }
}

std::string big_endian(std::uint64_t v, int bytes) {
  std::string out(static_cast<std::size_t>(bytes), '\0');
  for (int i = bytes - 1; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(v & 0xFF);
  return out;
}

}  // namespace

std::optional<checksum_algorithm> checksum_algorithm_named(std::string_view lower_name) {
  for (std::size_t i = 0; i < std::size(names); ++i)
    if (names[i] == lower_name) return static_cast<checksum_algorithm>(i);
  return std::nullopt;
}

std::string_view checksum_algorithm_name(checksum_algorithm a) { return names[static_cast<std::size_t>(a)]; }

std::uint32_t crc32c_of(std::string_view data, std::uint32_t running) {
  return reflected_crc(crc32c_table, data, running);
}

std::uint64_t crc64nvme_of(std::string_view data, std::uint64_t running) {
  return reflected_crc(crc64nvme_table, data, running);
}

checksum_hasher::checksum_hasher(checksum_algorithm a) : algorithm_(a) {
  if (EVP_MD const* md = digest_of(a)) {
    digest_ctx_ = EVP_MD_CTX_new();
    if (!digest_ctx_ || !EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(digest_ctx_), md, nullptr)) {
      EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(digest_ctx_));
      throw std::bad_alloc();
    }
  }
}

checksum_hasher::~checksum_hasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(digest_ctx_)); }

void checksum_hasher::update(std::string_view data) {
  switch (algorithm_) {
    case checksum_algorithm::crc32: crc_ = crc32_of(data, static_cast<std::uint32_t>(crc_)); break;
    case checksum_algorithm::crc32c: crc_ = crc32c_of(data, static_cast<std::uint32_t>(crc_)); break;
    case checksum_algorithm::crc64nvme: crc_ = crc64nvme_of(data, crc_); break;
    default: EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(digest_ctx_), data.data(), data.size());
  }
}

std::string checksum_hasher::finish() {
  switch (algorithm_) {
    case checksum_algorithm::crc32:
    case checksum_algorithm::crc32c: return big_endian(crc_, 4);
    case checksum_algorithm::crc64nvme: return big_endian(crc_, 8);
    default: {
      unsigned char out[EVP_MAX_MD_SIZE];
      unsigned int len = 0;
      EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(digest_ctx_), out, &len);
      return std::string(reinterpret_cast<char const*>(out), len);
    }
  }
}

std::string checksum_base64(checksum_algorithm a, std::string_view data) {
  checksum_hasher h(a);
  h.update(data);
  return base64_encode(h.finish());
}

}  // namespace awscoro::detail

#include "auth/chunk_signer.hpp"

#include "auth/sha256_context.hpp"

namespace awscoro::detail {
namespace {
constexpr std::string_view empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}

chunk_signer::chunk_signer(sha256_digest signing_key, std::string amz_date, std::string scope,
                           std::string seed_signature)
    : key_(signing_key),
      amz_date_(std::move(amz_date)),
      scope_(std::move(scope)),
      seed_(std::move(seed_signature)),
      previous_(seed_) {}

std::string const& chunk_signer::chain(std::string_view algorithm, std::string_view hashed_part, bool chunk) {
  sha256_context& sha = sha256_context::local();
  std::string& sts = string_to_sign_;
  sts.clear();
  sts.append(algorithm).append("\n").append(amz_date_).append("\n").append(scope_).append("\n");
  sts.append(previous_).append("\n");
  if (chunk) sts.append(empty_sha256).append("\n");
  std::size_t at = sts.size();
  sts.resize(at + 64);
  hex_digest_to(sts.data() + at, sha.digest(hashed_part));
  previous_.resize(64);
  hex_digest_to(previous_.data(), sha.hmac(as_view(key_), sts));
  return previous_;
}

std::string const& chunk_signer::sign_chunk(std::string_view data) { return chain("AWS4-HMAC-SHA256-PAYLOAD", data, true); }

std::string const& chunk_signer::sign_trailer(std::string_view trailer_lines) {
  return chain("AWS4-HMAC-SHA256-TRAILER", trailer_lines, false);
}

}  // namespace awscoro::detail

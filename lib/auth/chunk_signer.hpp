// The chained signatures of an aws-chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]):
// each chunk's signature covers the previous one, starting from the request's own (the seed).
// Sans-io: feed it chunks, it returns signatures.
//
// \par Specification
// Amazon S3 API reference, "Signature Calculations for the Authorization Header: Transferring
// Payload in Multiple Chunks (Chunked Upload) (AWS Signature Version 4)" and its trailer variant.
#pragma once

#include <string>
#include <string_view>

#include "util/crypto.hpp"

namespace awscoro::detail {

class chunk_signer {
 public:
  // `signing_key` is the request's derived SigV4 key; `scope` is "date/region/service/aws4_request".
  chunk_signer(sha256_digest signing_key, std::string amz_date, std::string scope, std::string seed_signature);

  // The 64 hex digits of the next chunk's signature (an empty chunk ends the body).
  std::string const& sign_chunk(std::string_view data);
  // The signature of the trailing headers, given as "name:value\n" lines.
  std::string const& sign_trailer(std::string_view trailer_lines);
  // Back to the seed, to send the body again.
  void restart() { previous_ = seed_; }

 private:
  // `chunk`: a chunk's string to sign also has the hash of its (empty) chunk headers.
  std::string const& chain(std::string_view algorithm, std::string_view hashed_part, bool chunk);

  sha256_digest key_;
  std::string amz_date_;
  std::string scope_;
  std::string seed_;
  std::string previous_;
  std::string string_to_sign_;
};

}  // namespace awscoro::detail

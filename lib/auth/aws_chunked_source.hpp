// An aws-chunked body (S3's Content-Encoding: aws-chunked) framed on the fly around a
// body_source: fixed 64 KiB chunks, each signed (chunk_signer) or not, and optionally a trailer
// with the flexible checksum of the bytes streamed. Memory stays at one chunk.
#pragma once

#include <cstdint>
#include <optional>

#include <awscoro/body_source.hpp>

#include "auth/chunk_signer.hpp"
#include "awscoro/http_message.hpp"
#include "util/checksum.hpp"

namespace awscoro::detail {

inline constexpr std::string_view streaming_signed_payload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
inline constexpr std::string_view streaming_signed_payload_trailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
inline constexpr std::string_view streaming_unsigned_trailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
inline constexpr std::size_t aws_chunked_chunk_size = 64 * 1024;

struct aws_chunked_options {
  std::optional<chunk_signer> signer;             // none: chunks unsigned
  std::optional<checksum_algorithm> trailer;      // none: no trailer
};

// The encoded body; its size is known when the source's is. Rewinding rewinds the source and the
// signature chain.
body_source make_aws_chunked(body_source source, aws_chunked_options options);

// The encoded size of `decoded` bytes.
std::uint64_t aws_chunked_size(std::uint64_t decoded, aws_chunked_options const& options);

// Adds aws-chunked to Content-Encoding and, when the source's size is known,
// X-Amz-Decoded-Content-Length.
void declare_aws_chunked(http_request& request);

// The algorithm named by a request's X-Amz-Trailer header, when it names a flexible checksum.
std::optional<checksum_algorithm> trailer_checksum(http_request const& request);

}  // namespace awscoro::detail

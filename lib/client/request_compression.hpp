// Request compression (the `requestcompression` trait): gzip the serialized body before it is
// checksummed and signed, and name the encoding in Content-Encoding.
//
// \par botocore
// compress.py maybe_compress_request: skipped when disable_request_compression is set, under
// SigV2, or without the trait; a streaming body is compressed unless its shape requiresLength,
// any other body when it is at least request_min_compression_size_bytes long (query bodies are
// already form-encoded here). The first encoding of the trait's list that is known wins.
#pragma once

#include <cstdint>
#include <string_view>

#include "awscoro/http_message.hpp"
#include "model/service_model.hpp"

namespace awscoro::detail {

struct compression_settings {
  bool disabled = false;                 // disable_request_compression
  std::int64_t min_size_bytes = 10240;   // request_min_compression_size_bytes
  std::string_view signature_version;    // the client's effective signature version
};

// Compresses `request.body` in place when botocore would; true when it did.
bool maybe_compress_request(service_model const& model, operation_model const& op,
                            compression_settings const& settings, http_request& request);

}  // namespace awscoro::detail

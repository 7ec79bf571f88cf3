#include "client/request_compression.hpp"

#include "util/file_io.hpp"

namespace awscoro::detail {
namespace {

bool should_compress(service_model const& model, operation_model const& op, compression_settings const& settings,
                     http_request const& request) {
  if (settings.disabled || settings.signature_version == "v2" || op.request_compression.empty()) return false;
  if (op.has_streaming_input(model)) {
    // A stream's length may be unknown, so the size threshold does not apply to it.
    auto const& input = model.at(op.input);
    auto const& payload = input.members[static_cast<std::size_t>(input.payload_index)];
    return !model.target(payload).requires_length;
  }
  return static_cast<std::int64_t>(request.body.size()) >= settings.min_size_bytes;
}

void append_content_encoding(http_request& request, std::string_view encoding) {
  if (std::string const* existing = request.headers.find("Content-Encoding")) {
    std::string value = *existing;
    value.append(",").append(encoding);
    request.headers.set("Content-Encoding", std::move(value));
  } else {
    request.headers.set("Content-Encoding", std::string(encoding));
  }
}

}  // namespace

bool maybe_compress_request(service_model const& model, operation_model const& op,
                            compression_settings const& settings, http_request& request) {
  if (!should_compress(model, op, settings, request)) return false;
  for (auto const& encoding : op.request_compression) {
    if (encoding != "gzip") continue;  // botocore skips encodings it does not know
    request.body = gzip(request.body);
    append_content_encoding(request, encoding);
    return true;
  }
  return false;
}

}  // namespace awscoro::detail

// Flexible checksums: which checksum a request carries (x-amz-checksum-<name> in a header, or in
// an aws-chunked trailer), and the validation of the checksum a response carries.
//
// A call resolves a checksum_context once, after serialization and before the before-call
// event (a checksum header already on the request at that point wins); applies it after
// compression, just before signing; and validates each response's whole body against it.
//
// \par botocore
// httpchecksum.py (resolve_checksum_context, apply_request_checksum, handle_checksum_body),
// handlers.py (_handle_request_validation_mode_member) and auth.py (S3SigV4Auth's choice of
// the payload hash), with request_checksum_calculation and response_checksum_validation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "awscoro/error.hpp"
#include "awscoro/http_message.hpp"
#include "model/service_model.hpp"
#include "util/checksum.hpp"

namespace awscoro::detail {

// The payload hash a request whose checksum travels in a trailer is signed with.
inline constexpr std::string_view streaming_unsigned_payload_trailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

struct checksum_context {
  std::optional<checksum_algorithm> request_algorithm;
  bool in_trailer = false;            // aws-chunked body with the checksum after the last chunk
  std::string algorithm_header_name;  // the algorithm member's header, when the default was chosen
  std::vector<checksum_algorithm> response_algorithms;  // validated in this order of preference

  // The header that carries the request's checksum, or empty when none was resolved or it
  // travels in a trailer.
  std::string header_name() const;
};

struct checksum_settings {
  std::string_view request_checksum_calculation = "when_supported";
  std::string_view response_checksum_validation = "when_supported";
  std::string_view signature_version;  // the client's effective signature version
  bool presign = false;
};

struct checksum_failure {
  error kind = error::flexible_checksum;
  std::string message;
};

// Before the before-parameter-build handlers: asks for a validated response (the operation's
// requestValidationModeMember, "ENABLED") unless the caller chose, when validation is
// when_supported.
void default_validation_mode(operation_model const& op, checksum_settings const& settings,
                             boost::json::object& params);

// Decides the request's checksum and the response checksums worth validating.
std::optional<checksum_failure> resolve_checksum_context(service_model const& model, operation_model const& op,
                                                         boost::json::object const& params,
                                                         http_request const& request,
                                                         checksum_settings const& settings, checksum_context& out);

// Adds the checksum header, or turns the body into aws-chunked with a trailing checksum. A
// body_stream is only marked (X-Amz-Trailer): the signer frames it as it is sent.
void apply_request_checksum(checksum_context const& context, http_request& request);

// The aws-chunked framing of `body` (1 MiB chunks) ending in the trailer `name:base64digest`.
std::string aws_chunked_with_trailer(std::string_view body, checksum_algorithm algorithm);

// Checks a response body, piece by piece as it arrives, against the first response checksum
// header the context validates (botocore's StreamingChecksumBody does the same for streams).
class response_checksum_check {
 public:
  response_checksum_check() = default;
  // Picks the header to check from the response head; none found: nothing is checked.
  void begin(checksum_context const& context, http_response const& head);
  void update(std::string_view piece) {
    if (hasher_) hasher_->update(piece);
  }
  // At the end of the body: a failure on mismatch.
  std::optional<checksum_failure> finish();
  bool active() const { return hasher_ != nullptr; }

 private:
  std::unique_ptr<checksum_hasher> hasher_;
  std::string expected_;  // the header's base64 value
};

// The whole body at once: a failure on mismatch.
std::optional<checksum_failure> validate_response_checksum(checksum_context const& context,
                                                           http_response const& response);

}  // namespace awscoro::detail

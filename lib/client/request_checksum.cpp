#include "client/request_checksum.hpp"

#include <algorithm>
#include <cctype>

#include "util/encoding.hpp"

namespace awscoro::detail {
namespace json = boost::json;
namespace {

constexpr std::string_view checksum_header_prefix = "x-amz-checksum-";
constexpr std::string_view default_algorithm = "CRC32";
constexpr std::size_t aws_chunk_size = 1024 * 1024;

// Algorithms botocore offers only with awscrt, which this build does not implement either.
constexpr std::string_view unimplemented_algorithms[] = {"xxhash64", "xxhash3", "xxhash128"};

// Most preferred first: botocore's _ALGORITHMS_PRIORITY_LIST, restricted to what we compute.
constexpr checksum_algorithm response_priority[] = {checksum_algorithm::crc64nvme, checksum_algorithm::crc32c,
                                                     checksum_algorithm::crc32,     checksum_algorithm::sha1,
                                                     checksum_algorithm::sha256,    checksum_algorithm::sha512};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string string_field(json::object const& o, std::string_view key) {
  if (auto const* v = o.if_contains(key); v && v->is_string()) return std::string(v->get_string());
  return {};
}

bool bool_field(json::object const& o, std::string_view key) {
  auto const* v = o.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

// botocore's has_checksum_header: a header named x-amz-checksum-[a-z0-9]*.
bool has_checksum_header(http_request const& request) {
  for (auto const& [name, value] : request.headers) {
    if (name.size() < checksum_header_prefix.size() ||
        !iequals(std::string_view(name).substr(0, checksum_header_prefix.size()), checksum_header_prefix))
      continue;
    auto suffix = std::string_view(name).substr(checksum_header_prefix.size());
    if (std::all_of(suffix.begin(), suffix.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
      return true;
  }
  return false;
}

// The wire name of the algorithm member, when it travels in a header (botocore's
// _get_request_algorithm_member_header).
std::string algorithm_member_header(service_model const& model, operation_model const& op, std::string_view member) {
  if (op.input == no_shape) return {};
  auto const& input = model.at(op.input);
  int index = input.find_member(member);
  if (index < 0) return {};
  return input.members[static_cast<std::size_t>(index)].location_name;
}

std::optional<checksum_failure> resolve_request_algorithm(service_model const& model, operation_model const& op,
                                                          json::object const& params, http_request const& request,
                                                          checksum_settings const& settings, checksum_context& out) {
  if (has_checksum_header(request)) return std::nullopt;  // the caller's own checksum wins
  json::object const& trait = op.http_checksum;
  bool required = op.http_checksum_required || bool_field(trait, "requestChecksumRequired");
  std::string member = string_field(trait, "requestAlgorithmMember");
  if (!member.empty() && params.contains(member)) {
    auto const& value = params.at(member);
    std::string name = value.is_string() ? lower(value.get_string()) : std::string();
    out.request_algorithm = checksum_algorithm_named(name);
    if (!out.request_algorithm) {
      if (std::find(std::begin(unimplemented_algorithms), std::end(unimplemented_algorithms), name) !=
          std::end(unimplemented_algorithms))
        return checksum_failure{error::missing_dependency,
                                "Missing Dependency: Using " + upper(name) +
                                    " requires an additional dependency that this build of awscoro does not have."};
      return checksum_failure{error::flexible_checksum, "Unsupported checksum algorithm: " + name};
    }
  } else if (required || (!member.empty() && settings.request_checksum_calculation == "when_supported")) {
    if (settings.presign) return std::nullopt;  // no default checksum for presigned requests
    out.request_algorithm = checksum_algorithm::crc32;
    if (!member.empty()) out.algorithm_header_name = algorithm_member_header(model, op, member);
  } else {
    return std::nullopt;
  }
  // Trailers are only sent unsigned, which is only safe over TLS; S3's legacy signer cannot. A
  // streamed body cannot be hashed before it is sent, so its checksum always trails (signed
  // over http).
  out.in_trailer = op.has_streaming_input(model) && settings.signature_version != "s3" &&
                   (request.scheme == "https" || request.body_stream);
  return std::nullopt;
}

void resolve_response_algorithms(operation_model const& op, json::object const& params, checksum_context& out) {
  json::object const& trait = op.http_checksum;
  std::string mode_member = string_field(trait, "requestValidationModeMember");
  if (mode_member.empty() || !params.contains(mode_member)) return;
  std::vector<std::string> offered;
  if (auto const* list = trait.if_contains("responseAlgorithms"); list && list->is_array())
    for (auto const& a : list->get_array())
      if (a.is_string()) offered.push_back(lower(a.get_string()));
  for (auto algorithm : response_priority)
    if (std::find(offered.begin(), offered.end(), checksum_algorithm_name(algorithm)) != offered.end())
      out.response_algorithms.push_back(algorithm);
}

std::string checksum_header(checksum_algorithm algorithm) {
  std::string name(checksum_header_prefix);
  name.append(checksum_algorithm_name(algorithm));
  return name;
}

void append_aws_chunked_encoding(http_request& request) {
  if (std::string const* existing = request.headers.find("Content-Encoding")) {
    std::string value = *existing + ",aws-chunked";
    request.headers.set("Content-Encoding", std::move(value));
  } else {
    request.headers.set("Content-Encoding", "aws-chunked");
  }
}

void append_hex(std::string& out, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  char buf[2 * sizeof(std::size_t)];
  std::size_t len = 0;
  do {
    buf[len++] = digits[n & 0xF];
    n >>= 4;
  } while (n);
  while (len) out.push_back(buf[--len]);
}

}  // namespace

std::string checksum_context::header_name() const {
  if (!request_algorithm || in_trailer) return {};
  return checksum_header(*request_algorithm);
}

void default_validation_mode(operation_model const& op, checksum_settings const& settings, json::object& params) {
  std::string member = string_field(op.http_checksum, "requestValidationModeMember");
  if (member.empty() || settings.response_checksum_validation != "when_supported") return;
  if (!params.contains(member)) params[member] = "ENABLED";
}

std::optional<checksum_failure> resolve_checksum_context(service_model const& model, operation_model const& op,
                                                         json::object const& params, http_request const& request,
                                                         checksum_settings const& settings, checksum_context& out) {
  out = checksum_context{};
  if (auto failure = resolve_request_algorithm(model, op, params, request, settings, out)) return failure;
  resolve_response_algorithms(op, params, out);
  return std::nullopt;
}

std::string aws_chunked_with_trailer(std::string_view body, checksum_algorithm algorithm) {
  std::string out;
  out.reserve(body.size() + (body.size() / aws_chunk_size + 1) * 16 + 128);
  checksum_hasher hasher(algorithm);
  for (std::size_t at = 0; at < body.size(); at += aws_chunk_size) {
    auto chunk = body.substr(at, aws_chunk_size);
    hasher.update(chunk);
    append_hex(out, chunk.size());
    out.append("\r\n").append(chunk).append("\r\n");
  }
  out.append("0\r\n").append(checksum_header(algorithm)).append(":").append(base64_encode(hasher.finish()));
  out.append("\r\n\r\n");
  return out;
}

void apply_request_checksum(checksum_context const& context, http_request& request) {
  if (!context.request_algorithm) return;
  std::string name = checksum_header(*context.request_algorithm);
  if (!request.headers.contains(name)) {
    if (context.in_trailer && request.body_stream) {
      // Framed as it is sent, by the signer (auth/streaming_signer.hpp), which reads this.
      request.headers.set("X-Amz-Trailer", name);
    } else if (!context.in_trailer) {
      request.headers.set(name, checksum_base64(*context.request_algorithm, request.body));
    } else {
      // The HTTP layer frames the known-length aws-chunked body with Content-Length rather than
      // Transfer-Encoding: chunked; S3 accepts both.
      append_aws_chunked_encoding(request);
      request.headers.set("X-Amz-Trailer", name);
      request.headers.set("X-Amz-Decoded-Content-Length", std::to_string(request.body.size()));
      request.headers.remove("Content-Length");
      request.body = aws_chunked_with_trailer(request.body, *context.request_algorithm);
    }
  }
  if (!context.algorithm_header_name.empty())
    request.headers.set(context.algorithm_header_name, std::string(default_algorithm));
}

void response_checksum_check::begin(checksum_context const& context, http_response const& head) {
  hasher_.reset();
  for (auto algorithm : context.response_algorithms) {
    std::string const* expected = head.headers.find(checksum_header(algorithm));
    // A "-N" suffix marks a checksum of part checksums (multipart uploads): not the body's.
    if (!expected || expected->find('-') != std::string::npos) continue;
    hasher_ = std::make_unique<checksum_hasher>(algorithm);
    expected_ = *expected;
    return;
  }
}

std::optional<checksum_failure> response_checksum_check::finish() {
  if (!hasher_) return std::nullopt;
  std::string digest = hasher_->finish();
  hasher_.reset();
  auto decoded = base64_decode(expected_);
  if (decoded && *decoded == digest) return std::nullopt;
  return checksum_failure{error::flexible_checksum, "Expected checksum " + expected_ +
                                                        " did not match calculated checksum: " +
                                                        base64_encode(digest)};
}

std::optional<checksum_failure> validate_response_checksum(checksum_context const& context,
                                                           http_response const& response) {
  response_checksum_check check;
  check.begin(context, response);
  check.update(response.body);
  return check.finish();
}

}  // namespace awscoro::detail

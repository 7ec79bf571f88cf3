#include "auth/aws_chunked_source.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "util/encoding.hpp"

namespace awscoro::detail {
namespace asio = boost::asio;
namespace {

constexpr std::string_view signature_field = ";chunk-signature=";
constexpr std::string_view checksum_prefix = "x-amz-checksum-";

std::size_t hex_digits(std::uint64_t n) {
  std::size_t digits = 1;
  while (n >>= 4) ++digits;
  return digits;
}

void append_hex(std::string& out, std::uint64_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::size_t len = hex_digits(n);
  std::size_t at = out.size();
  out.resize(at + len);
  for (std::size_t i = len; i-- > 0; n >>= 4) out[at + i] = digits[n & 0xF];
}

std::string trailer_name(checksum_algorithm algorithm) {
  std::string name(checksum_prefix);
  name.append(checksum_algorithm_name(algorithm));
  return name;
}

std::size_t chunk_frame_size(std::uint64_t data, bool signed_chunks) {
  return hex_digits(data) + (signed_chunks ? signature_field.size() + 64 : 0) + 2 + data + 2;
}

class aws_chunked_reader final : public body_source::reader {
 public:
  aws_chunked_reader(body_source source, aws_chunked_options options)
      : source_(std::move(source)), options_(std::move(options)) {
    chunk_.resize(aws_chunked_chunk_size);
    if (options_.trailer) hasher_.emplace(*options_.trailer);
  }

  asio::awaitable<std::size_t> read_some(asio::mutable_buffer buffer) override {
    if (at_ == frame_.size()) {
      if (finished_) co_return 0;
      co_await next_frame();
    }
    std::size_t n = std::min(buffer.size(), frame_.size() - at_);
    std::memcpy(buffer.data(), frame_.data() + at_, n);
    at_ += n;
    co_return n;
  }

  std::optional<std::uint64_t> size() const override {
    auto decoded = source_.size();
    if (!decoded) return std::nullopt;
    return aws_chunked_size(*decoded, options_);
  }

  bool rewind() override {
    if (!source_.rewind()) return false;
    if (options_.signer) options_.signer->restart();
    if (options_.trailer) hasher_.emplace(*options_.trailer);
    frame_.clear();
    at_ = 0;
    finished_ = false;
    return true;
  }

 private:
  // Fills a whole chunk (all but the last are full, so the encoded size is predictable), then
  // frames it; an empty chunk is the last, followed by the trailer.
  asio::awaitable<void> next_frame() {
    std::size_t filled = 0;
    while (filled < chunk_.size()) {
      std::size_t n = co_await source_.read_some(asio::buffer(chunk_.data() + filled, chunk_.size() - filled));
      if (n == 0) break;
      filled += n;
    }
    std::string_view data(chunk_.data(), filled);
    frame_.clear();
    at_ = 0;
    if (filled > 0) {
      append_chunk(data);
      co_return;
    }
    finished_ = true;
    append_chunk({});
    if (options_.trailer) {
      std::string lines = trailer_name(*options_.trailer);
      lines.append(":").append(base64_encode(hasher_->finish()));
      frame_.append(lines).append("\r\n");
      if (options_.signer) {
        lines.append("\n");
        frame_.append("x-amz-trailer-signature:").append(options_.signer->sign_trailer(lines)).append("\r\n");
      }
    }
    frame_.append("\r\n");
  }

  void append_chunk(std::string_view data) {
    if (hasher_ && !data.empty()) hasher_->update(data);
    append_hex(frame_, data.size());
    if (options_.signer) frame_.append(signature_field).append(options_.signer->sign_chunk(data));
    frame_.append("\r\n");
    if (data.empty()) return;  // the last chunk's CRLF is the one ending the trailer
    frame_.append(data).append("\r\n");
  }

  body_source source_;
  aws_chunked_options options_;
  std::optional<checksum_hasher> hasher_;
  std::string chunk_;
  std::string frame_;
  std::size_t at_ = 0;
  bool finished_ = false;
};

}  // namespace

body_source make_aws_chunked(body_source source, aws_chunked_options options) {
  return body_source(std::make_shared<aws_chunked_reader>(std::move(source), std::move(options)));
}

std::uint64_t aws_chunked_size(std::uint64_t decoded, aws_chunked_options const& options) {
  bool const signed_chunks = options.signer.has_value();
  std::uint64_t full = decoded / aws_chunked_chunk_size;
  std::uint64_t rest = decoded % aws_chunked_chunk_size;
  std::uint64_t size = full * chunk_frame_size(aws_chunked_chunk_size, signed_chunks);
  if (rest) size += chunk_frame_size(rest, signed_chunks);
  size += chunk_frame_size(0, signed_chunks) - 2;  // the last chunk: its header only
  if (options.trailer) {
    checksum_hasher empty(*options.trailer);
    size += trailer_name(*options.trailer).size() + 1 + base64_encode(empty.finish()).size() + 2;
    if (signed_chunks) size += std::string_view("x-amz-trailer-signature:").size() + 64 + 2;
  }
  return size + 2;
}

void declare_aws_chunked(http_request& request) {
  std::string const* existing = request.headers.find("Content-Encoding");
  if (!existing) {
    request.headers.set("Content-Encoding", "aws-chunked");
  } else if (existing->find("aws-chunked") == std::string::npos) {
    std::string value = *existing + ",aws-chunked";
    request.headers.set("Content-Encoding", std::move(value));
  }
  if (auto size = request.body_stream.size())
    request.headers.set("X-Amz-Decoded-Content-Length", std::to_string(*size));
  else
    request.headers.remove("X-Amz-Decoded-Content-Length");
}

std::optional<checksum_algorithm> trailer_checksum(http_request const& request) {
  std::string const* name = request.headers.find("X-Amz-Trailer");
  if (!name || name->size() <= checksum_prefix.size() || !iequals(name->substr(0, checksum_prefix.size()), checksum_prefix))
    return std::nullopt;
  std::string lower = name->substr(checksum_prefix.size());
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return checksum_algorithm_named(lower);
}

}  // namespace awscoro::detail

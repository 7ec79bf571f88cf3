// A request body that is not held in memory: read piece by piece while the request is sent
// (S3 PutObject's Body, UploadPart's Body, Lambda Invoke's Payload, ...).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>

namespace awscoro {

// A pull-style byte source. The HTTP layer reads it into a fixed buffer (64 KiB) as the socket
// accepts bytes, so an upload of any size takes constant memory. A source whose size is known is
// sent with Content-Length; otherwise with Transfer-Encoding: chunked.
//
// Retries: before an attempt after the first, the source is rewound. A source that cannot
// rewind (from_callback) makes a call whose first attempt failed after reading from it fail
// without retrying, and the error says so.
//
// Errors: an exception thrown by read_some() fails the call with error::serialization, its
// what() in the message; the request is then not retried unless the source can rewind.
//
// Thread safety: read only from the client's executor, one call at a time. Copies share the
// same underlying source (and its position).
class body_source {
 public:
  // What a source implements; derive from it for a source of your own.
  class reader {
   public:
    virtual ~reader() = default;
    // Copies the next bytes into `buffer` (at least one unless the source has ended); 0 at the
    // end. May throw to fail the call.
    virtual boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer) = 0;
    // The number of bytes from the current start to the end, when known before reading.
    virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
    // Goes back to the first byte; false when the source cannot.
    virtual bool rewind() { return false; }
  };

  // Reads the next chunk: 0 at the end of the body.
  using read_callback = std::function<boost::asio::awaitable<std::size_t>(boost::asio::mutable_buffer)>;

  body_source() = default;
  explicit body_source(std::shared_ptr<reader> r) : reader_(std::move(r)) {}

  // `data` itself; rewindable; size known.
  static body_source from_string(std::string data);
  // The file at `path`, opened and read on a background thread (never blocking the event loop)
  // when the first byte is read; rewindable; its size is taken when the source is made (a file
  // that cannot be opened throws std::system_error naming the path).
  static body_source from_file(std::string path);
  // Bytes produced by `read`; not rewindable. `size`, when given, is sent as Content-Length and
  // must be exact (a source ending early fails the call).
  static body_source from_callback(read_callback read, std::optional<std::uint64_t> size = std::nullopt);

  boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer) const {
    return reader_->read_some(buffer);
  }
  std::optional<std::uint64_t> size() const { return reader_ ? reader_->size() : std::optional<std::uint64_t>(0); }
  bool rewind() const { return reader_ && reader_->rewind(); }

  explicit operator bool() const noexcept { return reader_ != nullptr; }

 private:
  std::shared_ptr<reader> reader_;
};

}  // namespace awscoro

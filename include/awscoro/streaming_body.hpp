// Response bodies read as they arrive: a streaming payload (S3 GetObject's Body) and an event
// stream (S3 SelectObjectContent, Kinesis SubscribeToShard, Bedrock's response streams).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/json/object.hpp>

namespace awscoro {

namespace detail {
struct streaming_access;
}

// The body of a response, read in pieces in constant memory while the connection stays open.
// Reading it to its end gives the connection back to the client's pool; destroying it (or
// close()) before that closes the connection. A failure mid-body (connection lost, read
// timeout) throws http_error; a body shorter than its Content-Length is such a failure.
//
// Thread safety: one reader at a time, on the client's executor.
class streaming_body {
 public:
  streaming_body();
  streaming_body(streaming_body&&) noexcept;
  streaming_body& operator=(streaming_body&&) noexcept;
  ~streaming_body();

  // The next piece of the body, valid until the next read; nullopt at the end of the body.
  boost::asio::awaitable<std::optional<std::string_view>> read_some();
  // Copies up to buffer.size() bytes of the body into `buffer`; 0 at the end of the body.
  boost::asio::awaitable<std::size_t> read_some(boost::asio::mutable_buffer buffer);
  // The rest of the body, whole.
  boost::asio::awaitable<std::string> read_all();

  // Whether the whole body has been read.
  bool done() const;
  // The Content-Length the server declared, when it declared one.
  std::optional<std::uint64_t> content_length() const;
  // Bytes of the body handed out so far.
  std::uint64_t bytes_read() const;
  // Abandons the rest of the body (the connection is closed, not reused).
  void close();

  struct state;

 private:
  friend struct detail::streaming_access;
  std::unique_ptr<state> state_;
};

// The events of an event-stream response, decoded frame by frame (prelude and message CRCs
// checked) as they arrive. Each event is botocore's dict: {"EventName": {members}}. A modeled
// exception event throws client_error (code: the exception's name, response: its members); an
// error message throws client_error with the stream's :error-code; a corrupt frame or a stream
// cut mid-frame throws parse_error.
class event_stream {
 public:
  event_stream();
  event_stream(event_stream&&) noexcept;
  event_stream& operator=(event_stream&&) noexcept;
  ~event_stream();

  // The next event; nullopt when the stream has ended.
  boost::asio::awaitable<std::optional<boost::json::object>> next();
  // Stops reading and closes the connection.
  void close();

  struct state;

 private:
  friend struct detail::streaming_access;
  std::unique_ptr<state> state_;
};

// What call_streaming() returns: the parsed response (headers and other members, without the
// streaming member) and the body still to be read.
struct streaming_result {
  boost::json::object result;
  streaming_body body;
};

// What call_event_stream() returns: the parsed response without the event-stream member, and the
// events.
struct event_stream_result {
  boost::json::object result;
  event_stream events;
};

}  // namespace awscoro

// Decoding of `application/vnd.amazon.eventstream` bodies: frames -> messages -> parsed events.
//
// A frame is: total length (u32), headers length (u32), prelude CRC32 (over the 8 bytes before
// it), headers, payload, message CRC32 (over everything before it); integers are big-endian.
// The decoder is sans-io: feed() it bytes in pieces of any size, then take messages with next().
// A CRC mismatch or an impossible length puts it in a failed state for good (a stream that lost
// framing cannot be resynchronized).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

// Header value types, numbered as on the wire.
enum class event_header_type : std::uint8_t {
  bool_true = 0,
  bool_false = 1,
  byte = 2,
  short_ = 3,
  integer = 4,
  long_ = 5,
  byte_array = 6,
  string = 7,
  timestamp = 8,  // epoch milliseconds
  uuid = 9,       // 16 raw bytes
};

struct event_header {
  std::string name;
  event_header_type type = event_header_type::string;
  std::int64_t number = 0;  // bool (0/1), byte, short, integer, long, timestamp
  std::string bytes;        // byte_array, string, uuid

  // The value as botocore exposes it: bool, integer, raw bytes / text, epoch millis, and a uuid
  // in its canonical 8-4-4-4-12 text.
  boost::json::value to_json() const;
};

struct event_message {
  std::vector<event_header> headers;
  std::string payload;

  event_header const* find(std::string_view name) const;
  // The text of a string header, or empty.
  std::string_view header_text(std::string_view name) const;
};

// The limits botocore enforces: 128 KiB of headers, 24 MiB of payload.
inline constexpr std::uint32_t event_max_headers_length = 128 * 1024;
inline constexpr std::uint32_t event_max_payload_length = 24 * 1024 * 1024;
inline constexpr std::uint32_t event_prelude_length = 12;

class event_stream_decoder {
 public:
  enum class status : std::uint8_t { message, need_more, error };

  // Appends bytes to what is buffered. Ignored once the decoder failed.
  void feed(std::string_view bytes);
  // The next complete message, `need_more` when the buffer holds only part of one, or `error`
  // (see error()) when the stream is corrupt.
  status next(event_message& out);
  // True when no partial frame is buffered (a clean end of stream).
  bool at_boundary() const { return buffer_.size() == consumed_; }
  bool failed() const { return failed_; }
  std::string const& error() const { return error_; }

 private:
  status fail(std::string msg);
  std::string buffer_;
  std::size_t consumed_ = 0;
  bool prelude_checked_ = false;
  bool failed_ = false;
  std::string error_;
};

// Decodes one complete frame (exactly `frame`), for callers holding whole messages.
bool decode_event_frame(std::string_view frame, event_message& out, std::string& error);

// What one message means for an operation's event-stream output.
struct parsed_event {
  enum class kind_t : std::uint8_t { event, exception, error, unknown } kind = kind_t::unknown;
  // event: {EventName: {members}} ({} when the model does not know the event type, as botocore);
  // exception and error: {"Error": {"Code", "Message"}} plus, for a modeled exception, its
  // members under the exception's name.
  boost::json::object value;
  std::string event_type;  // :event-type or :exception-type
};

// Maps `msg` onto the event-stream union `stream_shape` (the output member that has the
// eventstream trait), reading payloads with the model's protocol. False with `error` set when
// a payload does not parse.
bool parse_event_message(service_model const& model, shape_id stream_shape, event_message const& msg,
                         parsed_event& out, std::string& error);

// Parses an event payload (JSON, XML or CBOR, per the model's protocol) as structure `shape`;
// also reads the initial-response message of the json protocols into the output shape.
bool parse_event_payload(service_model const& model, shape_id shape, std::string_view payload,
                         boost::json::object& out, std::string& error);

}  // namespace awscoro::detail

// Encoding of input event streams (`application/vnd.amazon.eventstream`): one frame per event.
//
// A frame is: total length (u32), headers length (u32), prelude CRC32, headers, payload,
// message CRC32; integers big-endian (the layout the decoder in parse/ reads).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "model/service_model.hpp"
#include "parse/event_stream_decoder.hpp"

namespace awscoro::detail {

// Appends one frame to `out`. False with `error` set when a header or the payload is too long
// for the format (names <= 255 bytes, string/bytes values <= 65535 bytes, headers <= 128 KiB,
// payload <= 24 MiB).
bool encode_event_frame(std::span<event_header const> headers, std::string_view payload, std::string& out,
                        std::string& error);

// Builds the frame of one input event: `event` is {MemberName: {members}} naming a member of the
// event-stream union `stream_shape`. Headers: :message-type event, :event-type, :content-type
// and the eventheader members; payload: the eventpayload member (raw blob / string, or a
// structure serialized with the model's protocol), else the remaining members as a body.
bool encode_input_event(service_model const& model, operation_model const& op, shape_id stream_shape,
                        boost::json::object const& event, std::string& out, std::string& error);

}  // namespace awscoro::detail

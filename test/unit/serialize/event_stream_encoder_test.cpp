// The input event stream encoder: frames byte for byte against hand-built ones, every header
// type, the limits, and events built from a model's event-stream union.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "../parse/event_stream_test_frames.hpp"
#include "serialize/event_stream_encoder.hpp"
#include "test_model.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using namespace awscoro::test;

namespace {

event_header hdr(std::string name, event_header_type t, std::int64_t n = 0, std::string b = {}) {
  event_header h;
  h.name = std::move(name);
  h.type = t;
  h.number = n;
  h.bytes = std::move(b);
  return h;
}

}  // namespace

TEST_CASE("event stream encoder: frames match hand-built ones") {
  std::string out, err;
  REQUIRE(encode_event_frame({}, "", out, err));
  CHECK(out == std::string("\x00\x00\x00\x10\x00\x00\x00\x00\x05\xc2\x48\xeb\x7d\x98\xc8\xff", 16));

  std::vector<event_header> hs{hdr("t", event_header_type::bool_true), hdr("f", event_header_type::bool_false),
                               hdr("byte", event_header_type::byte, -2), hdr("short", event_header_type::short_, -300),
                               hdr("int", event_header_type::integer, -70000),
                               hdr("long", event_header_type::long_, -5000000000LL),
                               hdr("bytes", event_header_type::byte_array, 0, std::string("\x00\x01\xff", 3)),
                               hdr("str", event_header_type::string, 0, "h\xc3\xa9llo"),
                               hdr("ts", event_header_type::timestamp, 1700000000123LL),
                               hdr("id", event_header_type::uuid, 0, std::string(16, '\x5a'))};
  header_block h;
  h.raw("t", 0, "").raw("f", 1, "");
  h.num("byte", 2, -2, 1).num("short", 3, -300, 2).num("int", 4, -70000, 4).num("long", 5, -5000000000LL, 8);
  h.str("bytes", std::string("\x00\x01\xff", 3), 6).str("str", "h\xc3\xa9llo");
  h.num("ts", 8, 1700000000123LL, 8).raw("id", 9, std::string(16, '\x5a'));
  out.clear();
  REQUIRE(encode_event_frame(hs, "payload!", out, err));
  CHECK(out == frame(h.bytes, "payload!"));

  // Appends: two frames back to back.
  REQUIRE(encode_event_frame({}, "x", out, err));
  CHECK(out == frame(h.bytes, "payload!") + frame("", "x"));
}

TEST_CASE("event stream encoder: values the format cannot carry are refused") {
  std::string out, err;
  std::vector<event_header> bad_name{hdr(std::string(256, 'n'), event_header_type::bool_true)};
  CHECK_FALSE(encode_event_frame(bad_name, "", out, err));
  CHECK(err.find("header name") != std::string::npos);
  std::vector<event_header> empty_name{hdr("", event_header_type::bool_true)};
  CHECK_FALSE(encode_event_frame(empty_name, "", out, err));
  std::vector<event_header> long_value{hdr("v", event_header_type::string, 0, std::string(70000, 'v'))};
  CHECK_FALSE(encode_event_frame(long_value, "", out, err));
  CHECK(err.find("65535") != std::string::npos);
  std::vector<event_header> bad_uuid{hdr("u", event_header_type::uuid, 0, "short")};
  CHECK_FALSE(encode_event_frame(bad_uuid, "", out, err));
  CHECK_FALSE(encode_event_frame({}, std::string(event_max_payload_length + 1, 'p'), out, err));
  CHECK(out.empty());
}

namespace {

char const* const input_stream_model = R"({
  "metadata": {"protocol": "rest-json", "apiVersion": "2020-01-01"},
  "operations": {"Talk": {"name": "Talk", "http": {"method": "POST", "requestUri": "/talk"}, "input": {"shape": "In"}}},
  "shapes": {
    "In": {"type": "structure", "members": {"Stream": {"shape": "Events"}}, "payload": "Stream"},
    "Events": {"type": "structure", "eventstream": true, "members": {
        "Audio": {"shape": "AudioEvent"}, "Config": {"shape": "ConfigEvent"}, "Note": {"shape": "NoteEvent"},
        "Close": {"shape": "CloseEvent"}}},
    "AudioEvent": {"type": "structure", "event": true, "members": {
        "Chunk": {"shape": "B", "eventpayload": true}, "Seq": {"shape": "L", "eventheader": true},
        "N": {"shape": "I", "eventheader": true}, "Last": {"shape": "Bool", "eventheader": true},
        "At": {"shape": "T", "eventheader": true}, "Label": {"shape": "S", "eventheader": true}}},
    "ConfigEvent": {"type": "structure", "event": true, "members": {"Rate": {"shape": "I"}, "Lang": {"shape": "S"}}},
    "NoteEvent": {"type": "structure", "event": true, "members": {"Text": {"shape": "S", "eventpayload": true}}},
    "CloseEvent": {"type": "structure", "event": true, "members": {}},
    "S": {"type": "string"}, "B": {"type": "blob"}, "L": {"type": "long"}, "I": {"type": "integer"},
    "T": {"type": "timestamp"}, "Bool": {"type": "boolean"}}})";

std::string encode(service_model const& m, std::string_view event_json) {
  std::string out, err;
  auto ev = json::parse(event_json).as_object();
  bool ok = encode_input_event(m, *m.find_operation("Talk"), m.find_shape("Events"), ev, out, err);
  REQUIRE_MESSAGE(ok, err);
  return out;
}

}  // namespace

TEST_CASE("event stream encoder: input events from the model's union") {
  auto m = compile_model(input_stream_model);
  header_block a;
  a.str(":message-type", "event").str(":event-type", "Audio").str(":content-type", "application/octet-stream");
  a.num("Seq", 5, 9, 8).num("N", 4, -1, 4).raw("Last", 0, "").num("At", 8, 1700000000500LL, 8).str("Label", "l");
  CHECK(encode(*m, R"({"Audio": {"Chunk": "PCM", "Seq": 9, "N": -1, "Last": true, "At": "2023-11-14T22:13:20.5Z",
                                 "Label": "l"}})") == frame(a.bytes, "PCM"));

  header_block c;
  c.str(":message-type", "event").str(":event-type", "Config").str(":content-type", "application/json");
  CHECK(encode(*m, R"({"Config": {"Rate": 16000, "Lang": "en"}})") == frame(c.bytes, R"({"Rate": 16000, "Lang": "en"})"));

  header_block n;
  n.str(":message-type", "event").str(":event-type", "Note").str(":content-type", "text/plain");
  CHECK(encode(*m, R"({"Note": {"Text": "hi"}})") == frame(n.bytes, "hi"));

  header_block e;
  e.str(":message-type", "event").str(":event-type", "Close").str(":content-type", "application/json");
  CHECK(encode(*m, R"({"Close": {}})") == frame(e.bytes, "{}"));

  std::string out, err;
  auto const& op = *m->find_operation("Talk");
  auto stream = m->find_shape("Events");
  CHECK_FALSE(encode_input_event(*m, op, stream, json::parse(R"({"Nope": {}})").as_object(), out, err));
  CHECK(err.find("no event named Nope") != std::string::npos);
  CHECK_FALSE(encode_input_event(*m, op, stream, json::parse(R"({"Audio": {}, "Close": {}})").as_object(), out, err));
  CHECK_FALSE(encode_input_event(*m, op, stream, json::parse(R"({"Audio": {"Seq": "x"}})").as_object(), out, err));
  CHECK(err.find("Seq") != std::string::npos);
  CHECK(out.empty());
}

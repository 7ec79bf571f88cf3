// The event stream decoder: framing, CRCs, every header type, split feeding, corruption, and the
// mapping of messages onto an operation's event-stream union.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "event_stream_test_frames.hpp"
#include "parse/event_stream_decoder.hpp"
#include "test_models.hpp"

namespace json = boost::json;
using namespace awscoro::detail;
using namespace awscoro::test;

namespace {

std::vector<event_message> decode_all(std::vector<std::string_view> pieces, std::string* error = nullptr) {
  event_stream_decoder d;
  std::vector<event_message> out;
  for (auto p : pieces) {
    d.feed(p);
    for (int guard = 0; guard < 1000; ++guard) {
      event_message m;
      auto s = d.next(m);
      if (s == event_stream_decoder::status::message) {
        out.push_back(std::move(m));
        continue;
      }
      if (s == event_stream_decoder::status::error && error) *error = d.error();
      break;
    }
  }
  return out;
}

std::string all_header_types_frame() {
  header_block h;
  h.raw("t", 0, "").raw("f", 1, "");
  h.num("byte", 2, -2, 1).num("short", 3, -300, 2).num("int", 4, -70000, 4).num("long", 5, -5000000000LL, 8);
  h.str("bytes", std::string("\x00\x01\xff", 3), 6).str("str", "h\xc3\xa9llo");
  h.num("ts", 8, 1700000000123LL, 8);
  h.raw("id", 9, "\x01\x23\x45\x67\x89\xab\xcd\xef\x01\x23\x45\x67\x89\xab\xcd\xef");
  return frame(h.bytes, "payload!");
}

}  // namespace

TEST_CASE("event stream: the empty message of the format's reference vectors") {
  std::string const empty("\x00\x00\x00\x10\x00\x00\x00\x00\x05\xc2\x48\xeb\x7d\x98\xc8\xff", 16);
  CHECK(frame("", "") == empty);
  event_message m;
  std::string err;
  REQUIRE(decode_event_frame(empty, m, err));
  CHECK(m.headers.empty());
  CHECK(m.payload.empty());
}

TEST_CASE("event stream: every header type decodes") {
  auto f = all_header_types_frame();
  event_message m;
  std::string err;
  REQUIRE_MESSAGE(decode_event_frame(f, m, err), err);
  REQUIRE(m.headers.size() == 10);
  CHECK(m.find("t")->to_json() == json::value(true));
  CHECK(m.find("f")->to_json() == json::value(false));
  CHECK(m.find("byte")->number == -2);
  CHECK(m.find("short")->number == -300);
  CHECK(m.find("int")->number == -70000);
  CHECK(m.find("long")->number == -5000000000LL);
  CHECK(m.find("bytes")->bytes == std::string("\x00\x01\xff", 3));
  CHECK(m.header_text("str") == "h\xc3\xa9llo");
  CHECK(m.find("ts")->type == event_header_type::timestamp);
  CHECK(m.find("ts")->number == 1700000000123LL);
  CHECK(m.find("id")->to_json() == json::value("01234567-89ab-cdef-0123-456789abcdef"));
  CHECK(m.payload == "payload!");
  CHECK(m.find("missing") == nullptr);
}

TEST_CASE("event stream: split feeding at every byte boundary yields the same messages") {
  std::string stream = event_frame("A", "first") + all_header_types_frame() + event_frame("B", "") +
                       event_frame("C", std::string(300, 'x'));
  auto whole = decode_all({stream});
  REQUIRE(whole.size() == 4);
  for (std::size_t k = 0; k <= stream.size(); ++k) {
    std::string_view s(stream);
    auto msgs = decode_all({s.substr(0, k), s.substr(k)});
    REQUIRE(msgs.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
      CHECK(msgs[i].payload == whole[i].payload);
      CHECK(msgs[i].headers.size() == whole[i].headers.size());
    }
  }
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < stream.size(); ++i) bytes.push_back(std::string_view(stream).substr(i, 1));
  CHECK(decode_all(bytes).size() == 4);
}

TEST_CASE("event stream: a flipped bit anywhere is detected, never decoded") {
  auto good = all_header_types_frame();
  for (std::size_t bit = 0; bit < good.size() * 8; ++bit) {
    std::string bad = good;
    bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
    std::string err;
    auto msgs = decode_all({bad}, &err);
    CHECK(msgs.empty());
    if (bit < 96) {
      CHECK_MESSAGE(err.find("prelude CRC") != std::string::npos, "bit ", bit, ": ", err);
    } else {
      CHECK_MESSAGE(err.find("message CRC") != std::string::npos, "bit ", bit, ": ", err);
    }
  }
}

TEST_CASE("event stream: impossible lengths and malformed headers are errors") {
  std::string err;
  event_message m;
  // Headers longer than the message.
  std::string f;
  put_be(f, 16, 4);
  put_be(f, 100, 4);
  put_be(f, crc32_of(f), 4);
  put_be(f, crc32_of(f), 4);
  CHECK_FALSE(decode_event_frame(f, m, err));
  CHECK(err.find("too small") != std::string::npos);
  // Headers over the limit are refused from the prelude alone, before the rest arrives.
  std::string big;
  put_be(big, 200 * 1024, 4);
  put_be(big, 129 * 1024, 4);
  put_be(big, crc32_of(big), 4);
  event_stream_decoder d;
  d.feed(big);
  CHECK(d.next(m) == event_stream_decoder::status::error);
  CHECK(d.error().find("header length") != std::string::npos);
  d.feed("more");
  CHECK(d.next(m) == event_stream_decoder::status::error);
  // Unknown header type, truncated values, empty name: valid CRCs, bad content.
  CHECK_FALSE(decode_event_frame(frame(header_block{}.raw("x", 10, "").bytes, ""), m, err));
  CHECK(err.find("unknown header value type 10") != std::string::npos);
  CHECK_FALSE(decode_event_frame(frame(header_block{}.raw("x", 4, "\x01\x02").bytes, ""), m, err));
  CHECK(err.find("truncated") != std::string::npos);
  CHECK_FALSE(decode_event_frame(frame(header_block{}.raw("x", 7, std::string("\x00\x09" "abc", 5)).bytes, ""), m, err));
  CHECK_FALSE(decode_event_frame(frame(std::string("\x00", 1), ""), m, err));
  CHECK_FALSE(decode_event_frame(frame("", "").substr(0, 15), m, err));
  // A partial frame waits; at_boundary() tells a clean end from a truncated one.
  event_stream_decoder p;
  auto ok = event_frame("A", "x");
  p.feed(std::string_view(ok).substr(0, 20));
  CHECK(p.next(m) == event_stream_decoder::status::need_more);
  CHECK_FALSE(p.at_boundary());
  p.feed(std::string_view(ok).substr(20));
  CHECK(p.next(m) == event_stream_decoder::status::message);
  CHECK(p.at_boundary());
}

namespace {

char const* stream_model(char const* protocol) {
  static std::string text;
  text = std::string(R"({"metadata": {"protocol": ")") + protocol + R"(", "apiVersion": "2020-01-01", "jsonVersion": "1.1", "targetPrefix": "T"},
    "operations": {"Subscribe": {"name": "Subscribe", "http": {"method": "POST", "requestUri": "/"},
                                 "output": {"shape": "Out"}}},
    "shapes": {
      "Out": {"type": "structure", "members": {"Id": {"shape": "S"}, "Stream": {"shape": "Events"}}, "payload": "Stream"},
      "Events": {"type": "structure", "eventstream": true, "members": {
          "Blobby": {"shape": "BlobEvent"}, "Texty": {"shape": "TextEvent"}, "Record": {"shape": "RecordEvent"},
          "Plain": {"shape": "PlainEvent"}, "Empty": {"shape": "EmptyEvent"}, "Boom": {"shape": "BoomError"}}},
      "BlobEvent": {"type": "structure", "event": true, "members": {
          "Data": {"shape": "B", "eventpayload": true}, "Seq": {"shape": "L", "eventheader": true},
          "At": {"shape": "T", "eventheader": true}, "Ok": {"shape": "Bool", "eventheader": true}}},
      "TextEvent": {"type": "structure", "event": true, "members": {"Text": {"shape": "S", "eventpayload": true}}},
      "RecordEvent": {"type": "structure", "event": true, "members": {"Rec": {"shape": "Rec", "eventpayload": true}}},
      "PlainEvent": {"type": "structure", "event": true, "members": {"Name": {"shape": "S"}, "Count": {"shape": "I"},
                                                                   "Tag": {"shape": "S", "eventheader": true}}},
      "EmptyEvent": {"type": "structure", "event": true, "members": {}},
      "BoomError": {"type": "structure", "exception": true, "members": {"Message": {"shape": "S"}, "Reason": {"shape": "S"}}},
      "Rec": {"type": "structure", "members": {"Name": {"shape": "S"}, "Size": {"shape": "I"}}},
      "S": {"type": "string"}, "B": {"type": "blob"}, "L": {"type": "long"}, "I": {"type": "integer"},
      "T": {"type": "timestamp"}, "Bool": {"type": "boolean"}}})";
  return text.c_str();
}

json::object parse_one(service_model const& m, std::string const& f, parsed_event::kind_t kind) {
  event_message msg;
  std::string err;
  REQUIRE_MESSAGE(decode_event_frame(f, msg, err), err);
  parsed_event ev;
  REQUIRE_MESSAGE(parse_event_message(m, m.find_shape("Events"), msg, ev, err), err);
  CHECK(ev.kind == kind);
  return ev.value;
}

}  // namespace

TEST_CASE("event stream: events map onto the output's union members (json protocols)") {
  for (char const* protocol : {"rest-json", "json"}) {
    CAPTURE(protocol);
    auto m = inline_model(stream_model(protocol));
    REQUIRE(m);
    using k = parsed_event::kind_t;
    header_block hb;
    hb.num("Seq", 5, 7, 8).num("At", 8, 1700000000500LL, 8).raw("Ok", 0, "");
    auto blob = parse_one(*m, event_frame("Blobby", std::string("\x00\xff", 2), hb), k::event);
    CHECK(blob.at("Blobby").at("Seq") == 7);
    CHECK(blob.at("Blobby").at("At") == "2023-11-14T22:13:20.500Z");
    CHECK(blob.at("Blobby").at("Ok") == true);
    CHECK(blob.at("Blobby").at("Data").as_string() == json::string_view("\x00\xff", 2));
    CHECK(parse_one(*m, event_frame("Texty", "hello"), k::event) == json::parse(R"({"Texty": {"Text": "hello"}})"));
    CHECK(parse_one(*m, event_frame("Record", R"({"Name": "n", "Size": 3, "Other": 1})"), k::event) ==
          json::parse(R"({"Record": {"Rec": {"Name": "n", "Size": 3}}})"));
    CHECK(parse_one(*m, event_frame("Plain", R"({"Name": "p", "Count": 2})", header_block{}.str("Tag", "t")),
                    k::event) == json::parse(R"({"Plain": {"Tag": "t", "Name": "p", "Count": 2}})"));
    CHECK(parse_one(*m, event_frame("Empty", ""), k::event) == json::parse(R"({"Empty": {}})"));
    CHECK(parse_one(*m, event_frame("Unknown", "{}"), k::event).empty());

    header_block ex;
    ex.str(":message-type", "exception").str(":exception-type", "Boom");
    CHECK(parse_one(*m, frame(ex.bytes, R"({"Message": "it broke", "Reason": "r"})"), k::exception) ==
          json::parse(R"({"Error": {"Code": "Boom", "Message": "it broke"},
                          "Boom": {"Message": "it broke", "Reason": "r"}})"));
    header_block er;
    er.str(":message-type", "error").str(":error-code", "InternalFailure").str(":error-message", "sorry");
    CHECK(parse_one(*m, frame(er.bytes, ""), k::error) ==
          json::parse(R"({"Error": {"Code": "InternalFailure", "Message": "sorry"}})"));

    // A payload that is not JSON is an error, not a crash.
    event_message msg;
    std::string err;
    REQUIRE(decode_event_frame(event_frame("Record", "{not json"), msg, err));
    parsed_event ev;
    CHECK_FALSE(parse_event_message(*m, m->find_shape("Events"), msg, ev, err));
    CHECK_FALSE(err.empty());
  }
}

TEST_CASE("event stream: rest-xml payloads (S3 SelectObjectContent)") {
  auto m = real_model("s3");
  REQUIRE(m);
  auto stream = m->find_shape("SelectObjectContentEventStream");
  REQUIRE(stream != no_shape);
  auto parse = [&](std::string const& f) {
    event_message msg;
    std::string err;
    REQUIRE(decode_event_frame(f, msg, err));
    parsed_event ev;
    REQUIRE_MESSAGE(parse_event_message(*m, stream, msg, ev, err), err);
    return ev.value;
  };
  CHECK(parse(event_frame("Records", "a,b\n1,2\n")) == json::parse(R"({"Records": {"Payload": "a,b\n1,2\n"}})"));
  CHECK(parse(event_frame("Stats",
                          "<Stats><BytesScanned>10</BytesScanned><BytesProcessed>9</BytesProcessed>"
                          "<BytesReturned>8</BytesReturned></Stats>")) ==
        json::parse(R"({"Stats": {"Details": {"BytesScanned": 10, "BytesProcessed": 9, "BytesReturned": 8}}})"));
  CHECK(parse(event_frame("End", "")) == json::parse(R"({"End": {}})"));
}

TEST_CASE("event stream: initial-response payload parses into the output shape") {
  auto m = inline_model(stream_model("json"));
  REQUIRE(m);
  json::object out;
  std::string err;
  REQUIRE(parse_event_payload(*m, m->find_shape("Out"), R"({"Id": "abc"})", out, err));
  CHECK(out == json::parse(R"({"Id": "abc"})"));
}

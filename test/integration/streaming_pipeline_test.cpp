// Bodies read as they arrive, against the in-repo test server: call_streaming() bodies read in
// pieces, abandoned or cut short; event streams decoded from hand-built frames (bit flips,
// exceptions, errors); large listings parsed as they arrive.
#include <doctest/doctest.h>

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>

#include "byte_pattern.hpp"
#include "parse/event_stream_decoder.hpp"
#include "run_sync.hpp"
#include "serialize/event_stream_encoder.hpp"
#include "test_server.hpp"
#include "util/checksum.hpp"

using namespace awscoro;
using awscoro::test::received_request;
using awscoro::test::test_response;
using awscoro::test::test_server;
namespace json = boost::json;
namespace asio = boost::asio;

namespace {

struct streaming_fixture {
  asio::io_context ioc;
  session sess{ioc.get_executor(), session_options{.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                    .aws_secret_access_key = "secret"}};

  client make(std::string const& service, std::string const& url) {
    client_config config;
    config.retries.mode = "standard";
    config.retries.total_max_attempts = 2;
    return test::run_sync(ioc, sess.create_client(service, {.region_name = "us-east-1", .endpoint_url = url,
                                                             .config = config}));
  }
  template <class T>
  T run(asio::awaitable<T> op) {
    return test::run_sync(ioc, std::move(op));
  }
};

detail::event_header string_header(std::string name, std::string value) {
  detail::event_header h;
  h.name = std::move(name);
  h.type = detail::event_header_type::string;
  h.bytes = std::move(value);
  return h;
}

std::string frame(std::vector<detail::event_header> const& headers, std::string_view payload) {
  std::string out, error;
  REQUIRE(detail::encode_event_frame(headers, payload, out, error));
  return out;
}

std::string event_frame(std::string type, std::string_view payload, std::string content_type = "application/octet-stream") {
  return frame({string_header(":message-type", "event"), string_header(":event-type", std::move(type)),
                string_header(":content-type", std::move(content_type))},
               payload);
}

// S3 SelectObjectContent's stream: Records (raw payload), Stats (XML), End.
std::string select_stream(std::vector<std::string> const& records) {
  std::string body;
  for (auto const& r : records) body += event_frame("Records", r);
  body += event_frame("Stats",
                      "<Stats><BytesScanned>10</BytesScanned><BytesProcessed>10</BytesProcessed>"
                      "<BytesReturned>5</BytesReturned></Stats>",
                      "text/xml");
  body += event_frame("End", "");
  return body;
}

json::object select_params() {
  json::object p;
  p["Bucket"] = "b";
  p["Key"] = "k";
  p["Expression"] = "select * from s3object";
  p["ExpressionType"] = "SQL";
  p["InputSerialization"] = json::object{{"CSV", json::object{}}};
  p["OutputSerialization"] = json::object{{"CSV", json::object{}}};
  return p;
}

json::object object_params() {
  json::object p;
  p["Bucket"] = "bucket";
  p["Key"] = "key";
  return p;
}

}  // namespace

TEST_CASE("streaming: GetObject's body arrives piece by piece, whole, with the head's members parsed") {
  std::string const payload = awscoro::test::byte_pattern(6 << 20);
  test_server server([&](received_request const&) {
    return test_response{.status = 200,
                         .headers = {{"ETag", "\"abc\""}, {"x-amz-meta-color", "blue"}, {"Content-Type", "application/x-bin"}},
                         .body = payload};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = object_params();
  auto got = f.run(s3.call_streaming("GetObject", params));
  CHECK(got.result.at("ETag").as_string() == "\"abc\"");
  CHECK(got.result.at("Metadata").as_object().at("color").as_string() == "blue");
  CHECK_FALSE(got.result.contains("Body"));
  REQUIRE(got.body.content_length());
  CHECK(*got.body.content_length() == payload.size());
  std::string all;
  std::size_t pieces = 0, largest = 0;
  f.run([&]() -> asio::awaitable<void> {
    while (auto piece = co_await got.body.read_some()) {
      ++pieces;
      largest = std::max(largest, piece->size());
      all.append(*piece);
    }
  }());
  CHECK(got.body.done());
  CHECK(got.body.bytes_read() == payload.size());
  CHECK(all == payload);
  CHECK(pieces > 20);
  CHECK(largest <= (1u << 20));  // never the whole body in memory

  // The connection went back to the pool: the next call reuses it.
  auto again = f.run(s3.call("GetObject", params));
  CHECK(again.at("Body").as_string().size() == payload.size());
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE("streaming: the body's flexible checksum is checked as it is read; a mismatch throws at its end") {
  std::string const payload = awscoro::test::byte_pattern(500000);
  std::string checksum = detail::checksum_base64(detail::checksum_algorithm::crc32, payload);
  test_server server([&](received_request const& r) {
    CHECK(r.header("x-amz-checksum-mode") == "ENABLED");
    return test_response{.status = 200, .headers = {{"x-amz-checksum-crc32", checksum}}, .body = payload,
                         .chunked = true, .chunk_size = 10000};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = object_params();
  auto good = f.run(s3.call_streaming("GetObject", params));
  CHECK(f.run(good.body.read_all()) == payload);

  checksum = detail::checksum_base64(detail::checksum_algorithm::crc32, "something else");
  auto bad = f.run(s3.call_streaming("GetObject", params));
  CHECK_THROWS_AS(f.run(bad.body.read_all()), flexible_checksum_error);
  CHECK_THROWS_AS(f.run(s3.call("GetObject", params)), flexible_checksum_error);
}

TEST_CASE("streaming: read_some into a caller's buffer, and read_all") {
  std::string const payload = awscoro::test::byte_pattern(300000);
  test_server server([&](received_request const&) { return test_response{.status = 200, .body = payload, .chunked = true, .chunk_size = 5000}; });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = object_params();
  auto got = f.run(s3.call_streaming("GetObject", params));
  CHECK_FALSE(got.body.content_length());
  std::string all;
  f.run([&]() -> asio::awaitable<void> {
    char buffer[1000];
    for (int i = 0; i < 10; ++i) {
      auto n = co_await got.body.read_some(asio::buffer(buffer));
      CHECK(n > 0);
      CHECK(n <= sizeof buffer);
      all.append(buffer, n);
    }
    all += co_await got.body.read_all();
  }());
  CHECK(all == payload);
}

TEST_CASE("streaming: an abandoned body closes its connection; a body cut short throws http_error") {
  std::string const payload = awscoro::test::byte_pattern(2 << 20);
  bool cut = false;
  test_server server([&](received_request const&) {
    if (cut) {
      test_response r;
      r.raw = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(20000, 'x');
      r.close_after_answer = true;
      return r;
    }
    return test_response{.status = 200, .body = payload};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = object_params();
  {
    auto got = f.run(s3.call_streaming("GetObject", params));
    auto first = f.run(got.body.read_some());
    CHECK(first);
  }
  auto whole = f.run(s3.call("GetObject", params));
  CHECK(whole.at("Body").as_string() == payload);
  CHECK(server.connections_accepted() == 2);

  cut = true;
  auto got = f.run(s3.call_streaming("GetObject", params));
  CHECK_THROWS_AS(f.run(got.body.read_all()), http_error);
}

TEST_CASE("streaming: errors and retries happen before the body is handed out") {
  int calls = 0;
  test_server server([&](received_request const&) {
    ++calls;
    if (calls == 1) return test_response{.status = 503, .body = "<Error><Code>SlowDown</Code><Message>slow</Message></Error>"};
    if (calls == 2) return test_response{.status = 200, .body = "data"};
    return test_response{.status = 404, .body = "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>"};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = object_params();
  auto got = f.run(s3.call_streaming("GetObject", params));
  CHECK(f.run(got.body.read_all()) == "data");
  CHECK(got.result.at("ResponseMetadata").as_object().at("RetryAttempts").as_int64() == 1);
  try {
    f.run(s3.call_streaming("GetObject", params));
    FAIL("no error");
  } catch (client_error const& e) {
    CHECK(e.code() == "NoSuchKey");
  }
  // An operation without a blob payload cannot stream.
  json::object list;
  list["Bucket"] = "bucket";
  CHECK_THROWS_AS(f.run(s3.call_streaming("ListObjectsV2", list)), config_error);
}

TEST_CASE("streaming: a listing of 3000 keys is parsed as it arrives, in small chunks") {
  std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>bucket</Name><KeyCount>3000</KeyCount>";
  for (int i = 0; i < 3000; ++i)
    body += "<Contents><Key>key-" + std::to_string(i) + "</Key><Size>" + std::to_string(i) +
            "</Size><LastModified>2024-01-02T03:04:05.000Z</LastModified></Contents>";
  body += "</ListBucketResult>";
  test_server server([&](received_request const&) {
    return test_response{.status = 200, .body = body, .chunked = true, .chunk_size = 997};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  json::object params;
  params["Bucket"] = "bucket";
  auto result = f.run(s3.call("ListObjectsV2", params));
  auto const& contents = result.at("Contents").as_array();
  REQUIRE(contents.size() == 3000);
  CHECK(contents[2999].as_object().at("Key").as_string() == "key-2999");
  CHECK(contents[2999].as_object().at("Size").as_int64() == 2999);
  CHECK(result.at("KeyCount").as_int64() == 3000);
}

TEST_CASE("streaming: a truncated body is a parse_error naming the operation, status and an excerpt") {
  test_server server([&](received_request const&) {
    return test_response{.status = 200, .headers = {{"Content-Type", "application/x-amz-json-1.0"}},
                         .body = "{\"TableNames\": [\"alpha\", \"beta\"", .chunked = true, .chunk_size = 5};
  });
  streaming_fixture f;
  auto ddb = f.make("dynamodb", server.url());
  try {
    f.run(ddb.call("ListTables"));
    FAIL("no error");
  } catch (parse_error const& e) {
    std::string what = e.what();
    INFO(what);
    CHECK(what.find("ListTables") != std::string::npos);
    CHECK(what.find("200") != std::string::npos);
    CHECK(what.find("TableNames") != std::string::npos);
  }
  // S3 treats a 200 cut short as a 500, as botocore does.
  test_server s3_server([&](received_request const&) {
    return test_response{.status = 200, .body = "<ListBucketResult><Name>bucket</Name><Contents><Key>a</Key>",
                         .chunked = true, .chunk_size = 10};
  });
  auto s3 = f.make("s3", s3_server.url());
  json::object params;
  params["Bucket"] = "bucket";
  CHECK_THROWS_AS(f.run(s3.call("ListObjectsV2", params)), client_error);
}

TEST_CASE("event streams: S3 SelectObjectContent events arrive one by one, frames split anywhere") {
  std::vector<std::string> records;
  for (int i = 0; i < 50; ++i) records.push_back("row " + std::to_string(i) + "," + awscoro::test::byte_pattern(1000 + i));
  std::string const stream = select_stream(records);
  test_server server([&](received_request const&) {
    return test_response{.status = 200, .headers = {{"Content-Type", "application/vnd.amazon.eventstream"}},
                         .body = stream, .chunked = true, .chunk_size = 333};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = select_params();
  auto got = f.run(s3.call_event_stream("SelectObjectContent", params));
  std::vector<json::object> events;
  f.run([&]() -> asio::awaitable<void> {
    while (auto event = co_await got.events.next()) events.push_back(std::move(*event));
  }());
  REQUIRE(events.size() == records.size() + 2);
  for (std::size_t i = 0; i < records.size(); ++i)
    CHECK(events[i].at("Records").as_object().at("Payload").as_string() == records[i]);
  CHECK(events[records.size()].at("Stats").as_object().at("Details").as_object().at("BytesScanned").as_int64() == 10);
  CHECK(events.back().contains("End"));
}

TEST_CASE("event streams: a flipped bit, a cut frame, an exception event and an error message") {
  std::string stream = select_stream({"a,b", "c,d"});
  std::string mode;
  test_server server([&](received_request const&) {
    std::string body = stream;
    if (mode == "flip") body[body.size() / 2] ^= 0x10;
    if (mode == "cut") body.resize(body.size() - 5);
    if (mode == "exception")
      body = event_frame("Records", "x") +
             frame({string_header(":message-type", "exception"), string_header(":exception-type", "InternalError"),
                    string_header(":content-type", "text/xml")},
                   "<InternalError><Message>boom</Message></InternalError>");
    if (mode == "error")
      body = frame({string_header(":message-type", "error"), string_header(":error-code", "Throttled"),
                    string_header(":error-message", "slow down")},
                   "");
    return test_response{.status = 200, .body = body};
  });
  streaming_fixture f;
  auto s3 = f.make("s3", server.url());
  auto params = select_params();
  auto drain = [&](event_stream& events) -> asio::awaitable<int> {
    int n = 0;
    while (co_await events.next()) ++n;
    co_return n;
  };
  mode = "flip";
  {
    auto got = f.run(s3.call_event_stream("SelectObjectContent", params));
    CHECK_THROWS_AS(f.run(drain(got.events)), parse_error);
  }
  mode = "cut";
  {
    auto got = f.run(s3.call_event_stream("SelectObjectContent", params));
    try {
      f.run(drain(got.events));
      FAIL("no error");
    } catch (parse_error const& e) {
      CHECK(std::string(e.what()).find("SelectObjectContent") != std::string::npos);
    }
  }
  mode = "exception";
  {
    auto got = f.run(s3.call_event_stream("SelectObjectContent", params));
    CHECK(f.run(got.events.next()));
    try {
      f.run(got.events.next());
      FAIL("no error");
    } catch (client_error const& e) {
      CHECK(e.code() == "InternalError");
    }
  }
  mode = "error";
  {
    auto got = f.run(s3.call_event_stream("SelectObjectContent", params));
    try {
      f.run(got.events.next());
      FAIL("no error");
    } catch (client_error const& e) {
      CHECK(e.code() == "Throttled");
      CHECK(e.message() == "slow down");
    }
  }
}

// Uploads from a body_source through the whole pipeline against the in-repo test server, which
// takes the aws-chunked body apart and recomputes each chunk signature from the primitives
// (HMAC-SHA256 over the documented string to sign), independently of the signer.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>

#include "byte_pattern.hpp"
#include "run_sync.hpp"
#include "test_server.hpp"
#include "util/checksum.hpp"
#include "util/crypto.hpp"
#include "util/encoding.hpp"

using namespace awscoro;
using awscoro::test::received_request;
using awscoro::test::test_response;
using awscoro::test::test_server;
namespace asio = boost::asio;

namespace {

constexpr char secret[] = "upload-secret";
constexpr std::string_view empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct upload_fixture {
  asio::io_context ioc;
  session sess{ioc.get_executor(), session_options{.region_name = "us-east-1", .aws_access_key_id = "AKIDUPLOAD",
                                                    .aws_secret_access_key = secret}};

  client make(std::string const& url, client_config config = {}) {
    config.retries.mode = "standard";
    config.retries.total_max_attempts = 3;
    return test::run_sync(ioc, sess.create_client("s3", {.region_name = "us-east-1", .endpoint_url = url,
                                                          .config = config}));
  }
  template <class T>
  T run(asio::awaitable<T> op) {
    return test::run_sync(ioc, std::move(op));
  }
};

std::string hmac(std::string_view key, std::string_view data) {
  auto d = detail::hmac_sha256(key, data);
  return std::string(reinterpret_cast<char const*>(d.data()), d.size());
}

// What the server would check: the body decoded from its aws-chunked framing, each chunk
// signature and the trailer signature recomputed.
struct decoded_upload {
  std::string body;
  std::size_t chunks = 0;
  std::string trailer;    // "name:value" of the checksum trailer, or ""
  std::string problem;    // the first thing that did not verify
};

decoded_upload decode_and_verify(received_request const& r, bool signed_chunks) {
  decoded_upload out;
  std::string const auth = r.header("Authorization");
  std::string const date = r.header("X-Amz-Date");
  std::string previous;
  std::string scope = date.substr(0, 8) + "/us-east-1/s3/aws4_request";
  std::string key;
  if (signed_chunks) {
    auto at = auth.find("Signature=");
    if (at == std::string::npos) return {.problem = "no seed signature"};
    previous = auth.substr(at + 10, 64);
    key = hmac(hmac(hmac(hmac(std::string("AWS4") + secret, date.substr(0, 8)), "us-east-1"), "s3"), "aws4_request");
  }
  std::string_view rest = r.body;
  for (;;) {
    auto eol = rest.find("\r\n");
    if (eol == std::string_view::npos) return out.problem = "unterminated chunk header", out;
    std::string_view header = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    auto semi = header.find(';');
    std::size_t size = std::stoul(std::string(header.substr(0, semi)), nullptr, 16);
    std::string_view data = rest.substr(0, size);
    if (signed_chunks) {
      std::string sts = "AWS4-HMAC-SHA256-PAYLOAD\n" + date + "\n" + scope + "\n" + previous + "\n" +
                        std::string(empty_sha256) + "\n" + detail::sha256_hex(data);
      std::string expected = detail::hex_encode(hmac(key, sts));
      if (semi == std::string_view::npos || header.substr(semi) != ";chunk-signature=" + expected)
        return out.problem = "chunk " + std::to_string(out.chunks) + ": bad signature", out;
      previous = expected;
    } else if (semi != std::string_view::npos) {
      return out.problem = "an unsigned chunk carries an extension", out;
    }
    ++out.chunks;
    if (size == 0) break;
    out.body.append(data);
    rest.remove_prefix(size);
    if (rest.substr(0, 2) != "\r\n") return out.problem = "chunk data not followed by CRLF", out;
    rest.remove_prefix(2);
  }
  // Trailer lines, then the blank line.
  while (!rest.empty() && rest.substr(0, 2) != "\r\n") {
    auto eol = rest.find("\r\n");
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    if (line.substr(0, 24) == "x-amz-trailer-signature:") {
      std::string sts = "AWS4-HMAC-SHA256-TRAILER\n" + date + "\n" + scope + "\n" + previous + "\n" +
                        detail::sha256_hex(out.trailer + "\n");
      if (line.substr(24) != detail::hex_encode(hmac(key, sts))) return out.problem = "bad trailer signature", out;
    } else {
      out.trailer = std::string(line);
    }
  }
  if (rest != "\r\n") out.problem = "the body does not end with a blank line";
  return out;
}

// An empty 200: a body that is not XML would read as S3's "200 with an error" and be retried.
test_response empty_ok(received_request const&) { return test_response{}; }

// A source that gives `payload` in one read and cannot start over (a callback has no rewind).
body_source one_shot_source(std::string const& payload) {
  auto given = std::make_shared<bool>(false);
  auto reader = [&payload, given](asio::mutable_buffer buffer) -> asio::awaitable<std::size_t> {
    if (*given) co_return 0;
    *given = true;
    std::memcpy(buffer.data(), payload.data(), payload.size());
    co_return payload.size();
  };
  return body_source::from_callback(reader, payload.size());
}

std::string crc32_trailer(std::string const& body) {
  return "x-amz-checksum-crc32:" + detail::checksum_base64(detail::checksum_algorithm::crc32, body);
}

}  // namespace

TEST_CASE_FIXTURE(upload_fixture, "upload over http: signed chunks and a signed checksum trailer, verified by the server") {
  test_server server(empty_ok);
  auto s3 = make(server.url());
  std::string const payload = awscoro::test::byte_pattern(300000);  // 4 full chunks and a partial one
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "signed"}};
  run(s3.call("PutObject", params, body_source::from_string(payload)));
  auto got = server.requests();
  REQUIRE(got.size() == 1);
  auto const& r = got[0];
  CHECK(r.header("X-Amz-Content-SHA256") == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
  CHECK(r.header("Content-Encoding") == "aws-chunked");
  CHECK(r.header("X-Amz-Decoded-Content-Length") == std::to_string(payload.size()));
  CHECK(r.header("X-Amz-Trailer") == "x-amz-checksum-crc32");
  CHECK(r.header("Content-Length") == std::to_string(r.body.size()));
  auto decoded = decode_and_verify(r, true);
  CHECK(decoded.problem == "");
  CHECK(decoded.chunks == 6);
  CHECK(decoded.body == payload);
  CHECK(decoded.trailer == crc32_trailer(payload));
}

TEST_CASE_FIXTURE(upload_fixture, "upload over http without a checksum: STREAMING-AWS4-HMAC-SHA256-PAYLOAD") {
  test_server server(empty_ok);
  client_config config;
  config.request_checksum_calculation = "when_required";
  auto s3 = make(server.url(), config);
  std::string const payload = awscoro::test::byte_pattern(70000);
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "plain"}};
  run(s3.call("PutObject", params, body_source::from_string(payload)));
  auto r = server.requests().at(0);
  CHECK(r.header("X-Amz-Content-SHA256") == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  CHECK(r.header("X-Amz-Trailer") == "");
  auto decoded = decode_and_verify(r, true);
  CHECK(decoded.problem == "");
  CHECK(decoded.body == payload);
  CHECK(decoded.trailer == "");
}

TEST_CASE_FIXTURE(upload_fixture, "upload of unknown size: chunked transfer with an unsigned trailer; refused signed") {
  test_server server(empty_ok);
  std::string const payload = awscoro::test::byte_pattern(500000);
  std::size_t at = 0;
  auto reader = [&](asio::mutable_buffer buffer) -> asio::awaitable<std::size_t> {
    std::size_t n = std::min<std::size_t>({buffer.size(), 7777, payload.size() - at});
    std::memcpy(buffer.data(), payload.data() + at, n);
    at += n;
    co_return n;
  };
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "unknown"}};
  {
    auto s3 = make(server.url());
    CHECK_THROWS_WITH_AS(run(s3.call("PutObject", params, body_source::from_callback(reader))),
                         doctest::Contains("signed chunks need the body's size"), config_error);
    CHECK(server.request_count() == 0);
  }
  client_config config;
  config.s3.payload_signing_enabled = false;
  auto s3 = make(server.url(), config);
  run(s3.call("PutObject", params, body_source::from_callback(reader)));
  auto r = server.requests().at(0);
  CHECK(r.header("Transfer-Encoding") == "chunked");
  CHECK(r.header("X-Amz-Content-SHA256") == "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  CHECK(r.header("X-Amz-Decoded-Content-Length") == "");
  auto decoded = decode_and_verify(r, false);
  CHECK(decoded.problem == "");
  CHECK(decoded.body == payload);
  CHECK(decoded.trailer == crc32_trailer(payload));
}

TEST_CASE_FIXTURE(upload_fixture, "upload retried after a 500: a string source is sent again, re-signed") {
  int calls = 0;
  test_server server([&](received_request const&) {
    test_response r;
    if (++calls == 1) {
      r.status = 500;
      r.body = "<Error><Code>InternalError</Code><Message>try again</Message></Error>";
    }
    return r;
  });
  auto s3 = make(server.url());
  std::string const payload = awscoro::test::byte_pattern(100000);
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "retry"}};
  auto result = run(s3.call("PutObject", params, body_source::from_string(payload)));
  CHECK(result.at("ResponseMetadata").at("RetryAttempts") == 1);
  auto got = server.requests();
  REQUIRE(got.size() == 2);
  for (auto const& r : got) {
    auto decoded = decode_and_verify(r, true);
    CHECK(decoded.problem == "");
    CHECK(decoded.body == payload);
  }
}

TEST_CASE_FIXTURE(upload_fixture, "upload retried after a 500: a callback source cannot rewind, so the call fails") {
  test_server server([&](received_request const&) {
    test_response r;
    r.status = 500;
    r.body = "<Error><Code>InternalError</Code><Message>try again</Message></Error>";
    return r;
  });
  auto s3 = make(server.url());
  std::string const payload = awscoro::test::byte_pattern(1000);
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "once"}};
  CHECK_THROWS_AS(run(s3.call("PutObject", params, one_shot_source(payload))), client_error);
  CHECK(server.request_count() == 1);
}

TEST_CASE_FIXTURE(upload_fixture, "upload from a source failing midway: a clear error, not retried, no hang") {
  test_server server(empty_ok);
  auto s3 = make(server.url());
  std::size_t given = 0;
  int failures = 0;
  auto reader = [&](asio::mutable_buffer buffer) -> asio::awaitable<std::size_t> {
    if (given >= 200000 && ++failures) throw std::runtime_error("sensor unplugged");
    std::size_t n = std::min<std::size_t>(buffer.size(), 50000);
    std::memset(buffer.data(), 'z', n);
    given += n;
    co_return n;
  };
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "broken"}};
  std::string message;
  try {
    run(s3.call("PutObject", params, body_source::from_callback(reader, 1000000)));
  } catch (serialization_error const& e) {  // the client's own failure: not a connection error
    message = e.what();
  }
  CHECK(message.find("sensor unplugged") != std::string::npos);
  CHECK(failures == 1);  // not asked again: a failing source is not retried
}

TEST_CASE_FIXTURE(upload_fixture, "a dropped connection is not retried when the body source cannot start over") {
  std::atomic<int> n{0};
  test_server server([&](received_request const&) {
    return ++n == 1 ? test_response{.close_without_answer = true} : empty_ok(received_request{});
  });
  auto s3 = make(server.url());
  std::string const payload = awscoro::test::byte_pattern(1000);
  boost::json::object params{{"Bucket", "bkt"}, {"Key", "once"}};
  try {
    run(s3.call("PutObject", params, one_shot_source(payload)));
    FAIL("expected http_error");
  } catch (http_error const& e) {
    CHECK(std::string(e.what()).find("not retried: the request body source cannot be rewound") != std::string::npos);
  }
  CHECK(server.request_count() == 1);
  // A source that can start over is sent again.
  n = 0;
  auto result = run(s3.call("PutObject", params, body_source::from_string(payload)));
  CHECK(result.at("ResponseMetadata").at("RetryAttempts").as_int64() == 1);
  CHECK(server.request_count() == 3);
}

TEST_CASE_FIXTURE(upload_fixture, "a body source for an operation without streaming input is refused") {
  test_server server(empty_ok);
  auto s3 = make(server.url());
  boost::json::object params{{"Bucket", "bkt"}};
  CHECK_THROWS_AS(run(s3.call("CreateBucket", params, body_source::from_string("x"))), config_error);
  CHECK(server.request_count() == 0);
}

#include <doctest/doctest.h>

#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "auth/aws_chunked_source.hpp"
#include "auth/chunk_signer.hpp"
#include "auth/signing_key_cache.hpp"
#include "auth/streaming_signer.hpp"
#include "auth/sigv4_signer.hpp"
#include "util/timestamp.hpp"

using namespace awscoro;
using namespace awscoro::detail;
namespace asio = boost::asio;

namespace {

// The example of the Amazon S3 API reference, "Signature Calculations for the Authorization
// Header: Transferring Payload in Multiple Chunks": PUT of 66560 bytes of 'a' in a 65536-byte
// and a 1024-byte chunk, signed at 20130524T000000Z in us-east-1.
constexpr char example_secret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char example_seed[] = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr char example_chunk1[] = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
constexpr char example_chunk2[] = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
constexpr char example_final[] = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

credentials example_credentials() {
  credentials c;
  c.access_key = "AKIAIOSFODNN7EXAMPLE";
  c.secret_key = example_secret;
  return c;
}

timestamp_us example_time() { return parse_timestamp("2013-05-24T00:00:00Z").value(); }

http_request example_request() {
  http_request r;
  r.method = "PUT";
  r.host = "s3.amazonaws.com";
  r.path = "/examplebucket/chunkObject.txt";
  r.headers.set("x-amz-storage-class", "REDUCED_REDUNDANCY");
  return r;
}

chunk_signer example_signer() {
  signing_key_cache cache;
  auto key = cache.get(example_secret, "20130524", "us-east-1", "s3");
  return chunk_signer(key, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", example_seed);
}

std::string drain(body_source source) {
  asio::io_context io;
  auto read_all = [source]() -> asio::awaitable<std::string> {
    std::string out;
    char buf[5000];
    while (std::size_t n = co_await source.read_some(asio::buffer(buf))) out.append(buf, n);
    co_return out;
  };
  auto result = asio::co_spawn(io, read_all(), asio::use_future);
  io.run();
  return result.get();
}

}  // namespace

TEST_CASE("the seed signature of AWS's chunked-upload example") {
  http_request r = example_request();
  r.headers.set("Content-Encoding", "aws-chunked");
  r.headers.set("Content-Length", "66824");
  r.headers.set("x-amz-decoded-content-length", "66560");
  sigv4_options options;
  options.s3 = true;
  options.payload_hash = streaming_signed_payload;
  sigv4_signer signer("us-east-1", "s3", options);
  sigv4_trace trace;
  REQUIRE(signer.sign(r, example_credentials(), example_time(), &trace).empty());
  CHECK(r.headers.find("Authorization")->find(std::string("Signature=") + example_seed) != std::string::npos);
  CHECK(*r.headers.find("X-Amz-Content-SHA256") == streaming_signed_payload);
}

TEST_CASE("chunk signatures chain as in AWS's example") {
  chunk_signer signer = example_signer();
  CHECK(signer.sign_chunk(std::string(65536, 'a')) == example_chunk1);
  CHECK(signer.sign_chunk(std::string(1024, 'a')) == example_chunk2);
  CHECK(signer.sign_chunk({}) == example_final);
  signer.restart();
  CHECK(signer.sign_chunk(std::string(65536, 'a')) == example_chunk1);
}

TEST_CASE("aws-chunked framing of the example body, signed") {
  aws_chunked_options options;
  options.signer.emplace(example_signer());
  CHECK(aws_chunked_size(66560, options) == 66824);  // the example's Content-Length
  body_source framed = make_aws_chunked(body_source::from_string(std::string(66560, 'a')), options);
  REQUIRE(framed.size() == std::optional<std::uint64_t>(66824));
  std::string body = drain(framed);
  CHECK(body.size() == 66824);
  std::string first = std::string("10000;chunk-signature=") + example_chunk1 + "\r\n";
  CHECK(body.compare(0, first.size(), first) == 0);
  std::string second = std::string("\r\n400;chunk-signature=") + example_chunk2 + "\r\n";
  CHECK(body.compare(first.size() + 65536, second.size(), second) == 0);
  std::string last = std::string("\r\n0;chunk-signature=") + example_final + "\r\n\r\n";
  CHECK(body.compare(body.size() - last.size(), last.size(), last) == 0);

  // Rewinding restarts the chain: the same bytes again.
  REQUIRE(framed.rewind());
  CHECK(drain(framed) == body);
}

TEST_CASE("aws-chunked framing with an unsigned trailer") {
  aws_chunked_options options;
  options.trailer = checksum_algorithm::crc32;
  body_source framed = make_aws_chunked(body_source::from_string("Hello world"), options);
  std::string body = drain(framed);
  // CRC32("Hello world") = 0x8bd69e52
  CHECK(body == "b\r\nHello world\r\n0\r\nx-amz-checksum-crc32:i9aeUg==\r\n\r\n");
  CHECK(framed.size() == std::optional<std::uint64_t>(body.size()));
}

TEST_CASE("aws-chunked framing with a signed trailer") {
  aws_chunked_options options;
  options.signer.emplace(example_signer());
  options.trailer = checksum_algorithm::crc32;
  body_source framed = make_aws_chunked(body_source::from_string("Hello world"), options);
  std::string body = drain(framed);
  chunk_signer check = example_signer();
  std::string chunk_sig = check.sign_chunk("Hello world");
  std::string final_sig = check.sign_chunk({});
  std::string trailer_sig = check.sign_trailer("x-amz-checksum-crc32:i9aeUg==\n");
  CHECK(body == "b;chunk-signature=" + chunk_sig + "\r\nHello world\r\n0;chunk-signature=" + final_sig +
                    "\r\nx-amz-checksum-crc32:i9aeUg==\r\nx-amz-trailer-signature:" + trailer_sig + "\r\n\r\n");
  CHECK(framed.size() == std::optional<std::uint64_t>(body.size()));
}

TEST_CASE("sign_streaming picks the payload hash and frames the body") {
  SUBCASE("signed, no checksum") {
    http_request r = example_request();
    r.body_stream = body_source::from_string(std::string(66560, 'a'));
    streaming_sign_params params{"us-east-1", "s3", {}, nullptr};
    REQUIRE(sign_streaming(r, example_credentials(), example_time(), params).empty());
    CHECK(*r.headers.find("X-Amz-Content-SHA256") == streaming_signed_payload);
    CHECK(*r.headers.find("Content-Encoding") == "aws-chunked");
    CHECK(*r.headers.find("X-Amz-Decoded-Content-Length") == "66560");
    CHECK(r.body_stream.size() == std::optional<std::uint64_t>(66824));
  }
  SUBCASE("unsigned trailer over https") {
    http_request r = example_request();
    r.headers.set("X-Amz-Trailer", "x-amz-checksum-crc32");
    r.body_stream = body_source::from_string("Hello world");
    streaming_sign_params params{"us-east-1", "s3", {}, nullptr};
    params.options.unsigned_payload = true;
    REQUIRE(sign_streaming(r, example_credentials(), example_time(), params).empty());
    CHECK(*r.headers.find("X-Amz-Content-SHA256") == streaming_unsigned_trailer);
    CHECK(drain(r.body_stream) == "b\r\nHello world\r\n0\r\nx-amz-checksum-crc32:i9aeUg==\r\n\r\n");
  }
  SUBCASE("signed trailer") {
    http_request r = example_request();
    r.headers.set("X-Amz-Trailer", "x-amz-checksum-crc32");
    r.body_stream = body_source::from_string("Hello world");
    streaming_sign_params params{"us-east-1", "s3", {}, nullptr};
    REQUIRE(sign_streaming(r, example_credentials(), example_time(), params).empty());
    CHECK(*r.headers.find("X-Amz-Content-SHA256") == streaming_signed_payload_trailer);
    CHECK(drain(r.body_stream).find("x-amz-trailer-signature:") != std::string::npos);
  }
}

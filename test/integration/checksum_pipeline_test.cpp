// Flexible checksums and request compression through the whole pipeline, against the in-repo
// test server on 127.0.0.1: what reaches the wire, and what a bad response checksum does.
#include <doctest/doctest.h>

#include <awscoro/awscoro.hpp>

#include <boost/asio/io_context.hpp>

#include <string>

#include <zlib.h>

#include "run_sync.hpp"
#include "test_server.hpp"

using namespace awscoro;
using awscoro::test::received_request;
using awscoro::test::test_response;
using awscoro::test::test_server;
namespace json = boost::json;

namespace {

struct checksum_fixture {
  boost::asio::io_context ioc;
  session sess{ioc.get_executor(), session_options{.region_name = "us-east-1", .aws_access_key_id = "AKIDEXAMPLE",
                                                    .aws_secret_access_key = "secret"}};
  client make(std::string const& service, std::string const& url, client_options extra = {}) {
    extra.region_name = "us-east-1";
    extra.endpoint_url = url;
    client_config config = extra.config.value_or(client_config{});
    config.s3.addressing_style = "path";
    config.retries.total_max_attempts = 1;
    extra.config = config;
    return test::run_sync(ioc, sess.create_client(service, extra));
  }
  template <class T>
  T run(boost::asio::awaitable<T> op) {
    return test::run_sync(ioc, std::move(op));
  }
};

// The inflated body of a gzip request, or "" when it is not gzip.
std::string gunzip(std::string const& compressed) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return {};
  std::string out(compressed.size() * 40 + 1024, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

// Undoes aws-chunked framing: the payload, and the trailer line after the last chunk.
std::pair<std::string, std::string> decode_aws_chunked(std::string const& framed) {
  std::string payload;
  std::size_t at = 0;
  for (;;) {
    auto eol = framed.find("\r\n", at);
    REQUIRE(eol != std::string::npos);
    std::size_t size = std::stoul(framed.substr(at, eol - at), nullptr, 16);
    at = eol + 2;
    if (size == 0) break;
    payload += framed.substr(at, size);
    at += size + 2;
  }
  auto end = framed.find("\r\n", at);
  REQUIRE(end != std::string::npos);
  CHECK(framed.substr(end) == "\r\n\r\n");
  return {payload, framed.substr(at, end - at)};
}

}  // namespace

TEST_CASE_FIXTURE(checksum_fixture, "PutObject over https sends an aws-chunked body with a trailing checksum") {
  test_server server({.tls = true}, [](received_request const&) { return test_response{}; });
  auto s3 = make("s3", server.url(), {.ca_bundle = server.write_ca_bundle()});
  std::string body(1024 * 1024 + 10, 'z');  // two chunks
  run(s3.call("PutObject", {{"Bucket", "b"}, {"Key", "k"}, {"Body", body}, {"ChecksumAlgorithm", "CRC32C"}}));
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  auto const& r = requests[0];
  CHECK(r.header("Content-Encoding") == "aws-chunked");
  CHECK(r.header("X-Amz-Trailer") == "x-amz-checksum-crc32c");
  CHECK(r.header("X-Amz-Decoded-Content-Length") == std::to_string(body.size()));
  CHECK(r.header("X-Amz-Content-SHA256") == "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  CHECK(r.header("x-amz-sdk-checksum-algorithm") == "CRC32C");
  CHECK(r.header("Content-Length") == std::to_string(r.body.size()));
  auto [payload, trailer] = decode_aws_chunked(r.body);
  CHECK(payload == body);
  CHECK(trailer == "x-amz-checksum-crc32c:AYh+YQ==");  // CRC32C of the body, as Python computes it
}

TEST_CASE_FIXTURE(checksum_fixture, "over http the checksum is a header and the payload is signed") {
  test_server server([](received_request const&) { return test_response{}; });
  auto s3 = make("s3", server.url());
  run(s3.call("PutObject", {{"Bucket", "b"}, {"Key", "k"}, {"Body", "hello"}}));
  auto r = server.requests().at(0);
  CHECK(r.body == "hello");
  CHECK(r.header("x-amz-checksum-crc32") == "NhCmhg==");
  CHECK(r.header("x-amz-sdk-checksum-algorithm") == "CRC32");
  CHECK(r.header("X-Amz-Content-SHA256") == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(r.header("Content-MD5").empty());
}

TEST_CASE_FIXTURE(checksum_fixture, "a response whose checksum does not match is a flexible_checksum_error") {
  std::string checksum = "NhCmhg==";  // CRC32 of "hello"
  test_server server([&](received_request const&) {
    return test_response{.headers = {{"x-amz-checksum-crc32", checksum}}, .body = "hellO"};
  });
  auto s3 = make("s3", server.url());
  std::string message;
  try {
    run(s3.call("GetObject", {{"Bucket", "b"}, {"Key", "k"}}));
  } catch (flexible_checksum_error const& e) {
    message = e.what();
    CHECK(e.error() == make_error_code(error::flexible_checksum));
  }
  CHECK(message == "Expected checksum NhCmhg== did not match calculated checksum: DX6GTg==");
  CHECK(server.requests().at(0).header("x-amz-checksum-mode") == "ENABLED");
  CHECK(server.request_count() == 1);  // not retried, as botocore does not

  checksum = "DX6GTg==";  // CRC32 of "hellO"
  auto ok = run(s3.call("GetObject", {{"Bucket", "b"}, {"Key", "k"}}));
  CHECK(ok.at("Body").as_string() == "hellO");

  // response_checksum_validation=when_required: no ChecksumMode, nothing validated.
  checksum = "AAAAAA==";
  client_options quiet;
  quiet.config = client_config{.response_checksum_validation = "when_required"};
  auto lenient = make("s3", server.url(), quiet);
  CHECK(run(lenient.call("GetObject", {{"Bucket", "b"}, {"Key", "k"}})).at("Body").as_string() == "hellO");
}

TEST_CASE_FIXTURE(checksum_fixture, "PutMetricData bodies over the minimum size are sent gzipped") {
  test_server server([](received_request const&) {
    return test_response{.headers = {{"Content-Type", "text/xml"}},
                         .body = "<PutMetricDataResponse><ResponseMetadata><RequestId>r</RequestId>"
                                 "</ResponseMetadata></PutMetricDataResponse>"};
  });
  auto cw = make("cloudwatch", server.url());
  json::array data;
  for (int i = 0; i < 300; ++i) data.push_back(json::object{{"MetricName", "metric-" + std::to_string(i)}, {"Value", i}});
  run(cw.call("PutMetricData", {{"Namespace", "ns"}, {"MetricData", data}}));
  auto big = server.requests().at(0);
  CHECK(big.header("Content-Encoding") == "gzip");
  std::string form = gunzip(big.body);
  // CloudWatch speaks smithy-rpc-v2-cbor first: the metric names are raw text in the CBOR.
  CHECK(form.find("metric-299") != std::string::npos);
  CHECK(form.size() >= 10240);

  json::array one{json::object{{"MetricName", "m"}, {"Value", 1}}};
  run(cw.call("PutMetricData", {{"Namespace", "ns"}, {"MetricData", one}}));
  CHECK(server.requests().at(1).header("Content-Encoding").empty());

  client_options off;
  off.config = client_config{.disable_request_compression = true};
  auto plain = make("cloudwatch", server.url(), off);
  run(plain.call("PutMetricData", {{"Namespace", "ns"}, {"MetricData", data}}));
  CHECK(server.requests().at(2).header("Content-Encoding").empty());
}

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include "client/request_checksum.hpp"
#include "model/model_registry.hpp"

using namespace awscoro;
using namespace awscoro::detail;
namespace json = boost::json;

namespace {

std::shared_ptr<service_model const> model_of(char const* service) {
  load_error err{};
  auto m = model_registry::instance().service(service, "", &err);
  REQUIRE(m);
  return m;
}

operation_model const& op_of(service_model const& m, char const* name) {
  auto const* op = m.find_operation(name);
  REQUIRE(op);
  return *op;
}

http_request request_with(std::string scheme, std::string body) {
  http_request r;
  r.scheme = std::move(scheme);
  r.body = std::move(body);
  return r;
}

struct resolved {
  std::optional<checksum_failure> failure;
  checksum_context context;
};

resolved resolve(char const* service, char const* op, char const* params, http_request const& request,
                 checksum_settings settings = {}) {
  auto m = model_of(service);
  resolved r;
  r.failure = resolve_checksum_context(*m, op_of(*m, op), json::parse(params).as_object(), request, settings,
                                       r.context);
  return r;
}

}  // namespace

TEST_CASE("PutObject over https sends the chosen checksum in an aws-chunked trailer") {
  auto request = request_with("https", "hello");
  auto r = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"SHA256"})", request);
  REQUIRE_FALSE(r.failure);
  CHECK(r.context.request_algorithm == checksum_algorithm::sha256);
  CHECK(r.context.in_trailer);
  CHECK(r.context.algorithm_header_name.empty());  // the serializer already sent the member
  CHECK(r.context.header_name().empty());
  apply_request_checksum(r.context, request);
  CHECK(*request.headers.find("Content-Encoding") == "aws-chunked");
  CHECK(*request.headers.find("X-Amz-Trailer") == "x-amz-checksum-sha256");
  CHECK(*request.headers.find("X-Amz-Decoded-Content-Length") == "5");
  CHECK(request.body == "5\r\nhello\r\n0\r\nx-amz-checksum-sha256:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=\r\n\r\n");
}

TEST_CASE("PutObject over http, or with the legacy s3 signer, sends the checksum in a header") {
  auto request = request_with("http", "hello");
  auto r = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"crc32"})", request);
  CHECK_FALSE(r.context.in_trailer);
  CHECK(r.context.header_name() == "x-amz-checksum-crc32");
  apply_request_checksum(r.context, request);
  CHECK(*request.headers.find("x-amz-checksum-crc32") == "NhCmhg==");
  CHECK(request.body == "hello");

  checksum_settings legacy;
  legacy.signature_version = "s3";
  auto https = request_with("https", "hello");
  CHECK_FALSE(resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k"})", https, legacy).context.in_trailer);
}

TEST_CASE("without a chosen algorithm, when_supported defaults to CRC32 and names it") {
  auto request = request_with("http", "hello");
  auto r = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k"})", request);
  CHECK(r.context.request_algorithm == checksum_algorithm::crc32);
  CHECK(r.context.algorithm_header_name == "x-amz-sdk-checksum-algorithm");
  apply_request_checksum(r.context, request);
  CHECK(*request.headers.find("x-amz-sdk-checksum-algorithm") == "CRC32");
  CHECK(*request.headers.find("x-amz-checksum-crc32") == "NhCmhg==");

  checksum_settings when_required;
  when_required.request_checksum_calculation = "when_required";
  CHECK_FALSE(resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k"})", request_with("http", "x"), when_required)
                  .context.request_algorithm);
  checksum_settings presign;
  presign.presign = true;
  CHECK_FALSE(
      resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k"})", request_with("http", "x"), presign).context.request_algorithm);
}

TEST_CASE("httpChecksumRequired operations get CRC32 even when_required, with no algorithm header") {
  checksum_settings when_required;
  when_required.request_checksum_calculation = "when_required";
  auto request = request_with("https", "<Tagging/>");
  auto r = resolve("s3control", "PutBucketTagging", R"({"AccountId":"123456789012","Bucket":"b","Tagging":{"TagSet":[]}})",
                   request, when_required);
  CHECK(r.context.request_algorithm == checksum_algorithm::crc32);
  CHECK_FALSE(r.context.in_trailer);
  apply_request_checksum(r.context, request);
  CHECK(request.headers.size() == 1);
  CHECK(request.headers.contains("x-amz-checksum-crc32"));
  CHECK_FALSE(request.headers.contains("Content-MD5"));
}

TEST_CASE("a checksum the caller supplied wins; Content-MD5 does not stop the flexible checksum") {
  auto request = request_with("http", "hello");
  request.headers.set("x-amz-checksum-sha1", "given");
  auto r = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"CRC32"})", request);
  CHECK_FALSE(r.context.request_algorithm);
  apply_request_checksum(r.context, request);
  CHECK(*request.headers.find("x-amz-checksum-sha1") == "given");
  CHECK_FALSE(request.headers.contains("x-amz-checksum-crc32"));

  auto md5 = request_with("http", "hello");
  md5.headers.set("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==");
  auto m = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"SHA1"})", md5);
  CHECK(m.context.request_algorithm == checksum_algorithm::sha1);
}

TEST_CASE("unknown algorithms fail like botocore") {
  auto request = request_with("https", "x");
  auto bad = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"MD5"})", request);
  REQUIRE(bad.failure);
  CHECK(bad.failure->kind == error::flexible_checksum);
  CHECK(bad.failure->message == "Unsupported checksum algorithm: md5");
  auto crt = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"XXHASH64"})", request);
  REQUIRE(crt.failure);
  CHECK(crt.failure->kind == error::missing_dependency);
  CHECK(crt.failure->message.starts_with("Missing Dependency: Using XXHASH64 requires an additional dependency"));
  auto crc64 = resolve("s3", "PutObject", R"({"Bucket":"b","Key":"k","ChecksumAlgorithm":"CRC64NVME"})", request);
  CHECK(crc64.context.request_algorithm == checksum_algorithm::crc64nvme);
}

TEST_CASE("aws-chunked framing: 1 MiB chunks, an empty body is just the trailer, encodings append") {
  CHECK(aws_chunked_with_trailer("", checksum_algorithm::crc32) == "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
  std::string big(1024 * 1024 + 3, 'a');
  std::string framed = aws_chunked_with_trailer(big, checksum_algorithm::crc32c);
  CHECK(framed.starts_with("100000\r\n"));
  CHECK(framed.find("\r\n3\r\naaa\r\n0\r\nx-amz-checksum-crc32c:") == 1024 * 1024 + 8);
  CHECK(framed.ends_with(checksum_base64(checksum_algorithm::crc32c, big) + "\r\n\r\n"));

  auto request = request_with("https", "abc");
  request.headers.set("Content-Encoding", "gzip");
  checksum_context c;
  c.request_algorithm = checksum_algorithm::crc32;
  c.in_trailer = true;
  apply_request_checksum(c, request);
  CHECK(*request.headers.find("Content-Encoding") == "gzip,aws-chunked");
}

TEST_CASE("response validation: ChecksumMode defaults to ENABLED and picks the best algorithm") {
  auto m = model_of("s3");
  auto const& get = op_of(*m, "GetObject");
  json::object params = json::parse(R"({"Bucket":"b","Key":"k"})").as_object();
  checksum_settings when_required;
  when_required.response_checksum_validation = "when_required";
  default_validation_mode(get, when_required, params);
  CHECK_FALSE(params.contains("ChecksumMode"));
  default_validation_mode(get, checksum_settings{}, params);
  CHECK(params.at("ChecksumMode") == "ENABLED");

  checksum_context c;
  REQUIRE_FALSE(resolve_checksum_context(*m, get, params, request_with("https", ""), checksum_settings{}, c));
  REQUIRE(c.response_algorithms.size() >= 4);
  CHECK(c.response_algorithms[0] == checksum_algorithm::crc64nvme);
  CHECK(c.response_algorithms[1] == checksum_algorithm::crc32c);
  CHECK(c.response_algorithms[2] == checksum_algorithm::crc32);

  http_response ok;
  ok.body = "hello";
  ok.headers.set("x-amz-checksum-crc32", "NhCmhg==");
  CHECK_FALSE(validate_response_checksum(c, ok));

  http_response bad = ok;
  bad.body = "hellO";
  auto failure = validate_response_checksum(c, bad);
  REQUIRE(failure);
  CHECK(failure->kind == error::flexible_checksum);
  CHECK(failure->message == "Expected checksum NhCmhg== did not match calculated checksum: " +
                                checksum_base64(checksum_algorithm::crc32, "hellO"));

  http_response composite = bad;  // a multipart object's checksum of checksums is skipped
  composite.headers.set("x-amz-checksum-crc32", "NhCmhg==-3");
  CHECK_FALSE(validate_response_checksum(c, composite));

  http_response preferred = bad;  // crc32c is checked first, and it is wrong
  preferred.headers.set("x-amz-checksum-crc32c", "AAAAAA==");
  preferred.headers.set("x-amz-checksum-crc32", checksum_base64(checksum_algorithm::crc32, "hellO"));
  CHECK(validate_response_checksum(c, preferred));

  checksum_context none;  // no ChecksumMode: nothing is validated
  CHECK_FALSE(validate_response_checksum(none, bad));
}

// Uploads from a body_source against moto_server on 127.0.0.1, read back with GetObject.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_fixture;
using awscoro::test::unique_name;
namespace asio = boost::asio;
namespace json = boost::json;

namespace {

std::string pattern(std::size_t n, unsigned seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + seed + i / 4093) % 251);
  return s;
}

std::string get_body(moto_fixture& f, client& s3, std::string const& bucket, std::string const& key) {
  json::object params{{"Bucket", bucket}, {"Key", key}};
  auto got = f.run(s3.call("GetObject", params));
  return std::string(got.at("Body").as_string());
}

}  // namespace

TEST_CASE_FIXTURE(moto_fixture, "S3 upload: 20 MB of unknown length, chunked with a checksum trailer") {
  client_config config;
  config.s3.payload_signing_enabled = false;  // plain http: signed chunks would need the size
  auto s3 = make("s3", config);
  std::string bucket = unique_name("upload");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  std::string const payload = pattern(20 << 20, 1);
  std::size_t at = 0;
  auto reader = [&](asio::mutable_buffer buffer) -> asio::awaitable<std::size_t> {
    std::size_t n = std::min<std::size_t>({buffer.size(), 12345, payload.size() - at});
    std::memcpy(buffer.data(), payload.data() + at, n);
    at += n;
    co_return n;
  };
  json::object params{{"Bucket", bucket}, {"Key", "big"}};
  auto put = run(s3.call("PutObject", params, body_source::from_callback(reader)));
  CHECK(put.contains("ChecksumCRC32"));
  std::string got = get_body(*this, s3, bucket, "big");
  CHECK(got.size() == payload.size());
  CHECK(got == payload);
}

TEST_CASE_FIXTURE(moto_fixture, "S3 upload: a file source, signed chunks with a signed trailer") {
  auto s3 = make("s3");
  std::string bucket = unique_name("upload");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  std::string const payload = pattern(3 << 20, 2);
  std::string path = "/tmp/" + unique_name("awscoro-upload");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f);
  std::fwrite(payload.data(), 1, payload.size(), f);
  std::fclose(f);
  json::object params{{"Bucket", bucket}, {"Key", "file"}};
  run(s3.call("PutObject", params, body_source::from_file(path)));
  std::remove(path.c_str());
  CHECK(get_body(*this, s3, bucket, "file") == payload);
}

TEST_CASE_FIXTURE(moto_fixture, "S3 upload: a string source without a checksum, signed chunks") {
  client_config config;
  config.request_checksum_calculation = "when_required";
  auto s3 = make("s3", config);
  std::string bucket = unique_name("upload");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  std::string const payload = pattern(100000, 3);
  json::object params{{"Bucket", bucket}, {"Key", "plain"}, {"ContentType", "application/x-test"}};
  run(s3.call("PutObject", params, body_source::from_string(payload)));
  json::object head{{"Bucket", bucket}, {"Key", "plain"}};
  auto got = run(s3.call("GetObject", head));
  CHECK(got.at("Body").as_string() == payload);
  CHECK(got.at("ContentType") == "application/x-test");
  CHECK_FALSE(got.contains("ContentEncoding"));  // aws-chunked is not stored as the object's encoding
}

TEST_CASE_FIXTURE(moto_fixture, "S3 upload: a source failing midway gives a clear error and no object") {
  auto s3 = make("s3");
  std::string bucket = unique_name("upload");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  std::size_t given = 0;
  auto reader = [&](asio::mutable_buffer buffer) -> asio::awaitable<std::size_t> {
    if (given >= (1 << 20)) throw std::runtime_error("camera disconnected");
    std::size_t n = std::min<std::size_t>(buffer.size(), 40000);
    std::memset(buffer.data(), 'q', n);
    given += n;
    co_return n;
  };
  json::object params{{"Bucket", bucket}, {"Key", "broken"}};
  std::string message;
  try {
    run(s3.call("PutObject", params, body_source::from_callback(reader, 4 << 20)));
  } catch (serialization_error const& e) {
    message = e.what();
  }
  CHECK(message.find("camera disconnected") != std::string::npos);
  json::object head{{"Bucket", bucket}, {"Key", "broken"}};
  CHECK_THROWS_AS(run(s3.call("HeadObject", head)), client_error);
}

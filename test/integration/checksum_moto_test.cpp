// Flexible checksums against moto_server on 127.0.0.1: moto stores the checksum a PutObject
// carries and returns it from GetObject, where awscoro validates it.
#include <doctest/doctest.h>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_fixture;
using awscoro::test::unique_name;
namespace json = boost::json;

TEST_CASE_FIXTURE(moto_fixture, "S3: PutObject with each ChecksumAlgorithm, validated on GetObject") {
  auto s3 = make("s3");
  std::string bucket = unique_name("cksum");
  run(s3.call("CreateBucket", {{"Bucket", bucket}}));
  // What Python's zlib/hashlib give for "hello, checksums": the values S3 computes.
  struct expectation {
    char const* algorithm;
    char const* member;
  };
  std::string const body = "hello, checksums";
  for (auto [algorithm, member] : {expectation{"CRC32", "ChecksumCRC32"}, expectation{"CRC32C", "ChecksumCRC32C"},
                                   expectation{"SHA1", "ChecksumSHA1"}, expectation{"SHA256", "ChecksumSHA256"}}) {
    CAPTURE(algorithm);
    std::string key = std::string("k-") + algorithm;
    auto put = run(s3.call("PutObject", {{"Bucket", bucket}, {"Key", key}, {"Body", body},
                                         {"ChecksumAlgorithm", algorithm}}));
    REQUIRE(put.contains(member));
    auto got = run(s3.call("GetObject", {{"Bucket", bucket}, {"Key", key}}));  // ChecksumMode defaults to ENABLED
    CHECK(got.at("Body").as_string() == body);
    CHECK(got.at(member) == put.at(member));
  }
  // The default: CRC32 with x-amz-sdk-checksum-algorithm, stored by moto as the object's algorithm.
  auto put = run(s3.call("PutObject", {{"Bucket", bucket}, {"Key", "default"}, {"Body", body}}));
  CHECK(put.at("ChecksumCRC32") == "kS/8zQ==");
  auto got = run(s3.call("GetObject", {{"Bucket", bucket}, {"Key", "default"}, {"ChecksumMode", "ENABLED"}}));
  CHECK(got.at("ChecksumCRC32") == "kS/8zQ==");

  // A checksum the caller gives is sent as given, not recomputed, and not doubled by a default.
  run(s3.call("PutObject", {{"Bucket", bucket}, {"Key", "own"}, {"Body", body}, {"ChecksumCRC32", "kS/8zQ=="}}));
  CHECK(run(s3.call("GetObject", {{"Bucket", bucket}, {"Key", "own"}})).at("Body").as_string() == body);
}

TEST_CASE_FIXTURE(moto_fixture, "S3: an unsupported ChecksumAlgorithm fails before sending") {
  auto s3 = make("s3");
  bool refused = false;
  try {
    run(s3.call("PutObject", {{"Bucket", "b"}, {"Key", "k"}, {"Body", "x"}, {"ChecksumAlgorithm", "XXHASH64"}}));
  } catch (missing_dependency_error const& e) {
    refused = std::string(e.what()).find("XXHASH64") != std::string::npos;
  }
  CHECK(refused);
}

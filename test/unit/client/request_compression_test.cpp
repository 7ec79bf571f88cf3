#include <doctest/doctest.h>

#include "client/request_compression.hpp"
#include "model/model_registry.hpp"
#include "util/file_io.hpp"

using namespace awscoro;
using namespace awscoro::detail;

namespace {

struct fixture {
  std::shared_ptr<service_model const> model;
  operation_model const* op = nullptr;
  fixture(char const* service, char const* name) {
    load_error err{};
    model = model_registry::instance().service(service, "", &err);
    REQUIRE(model);
    op = model->find_operation(name);
    REQUIRE(op);
  }
  bool compress(http_request& r, compression_settings s = {}) { return maybe_compress_request(*model, *op, s, r); }
};

http_request form_body(std::size_t size) {
  http_request r;
  r.body = "Action=PutMetricData&Version=2010-08-01&Namespace=";
  r.body.append(size > r.body.size() ? size - r.body.size() : 0, 'n');
  return r;
}

}  // namespace

TEST_CASE("PutMetricData bodies of at least the minimum size are gzipped") {
  fixture f("cloudwatch", "PutMetricData");
  auto big = form_body(10240);
  std::string original = big.body;
  CHECK(f.compress(big));
  CHECK(*big.headers.find("Content-Encoding") == "gzip");
  CHECK(gunzip(big.body).value() == original);
  CHECK(big.body.size() < original.size());

  auto small = form_body(10239);
  CHECK_FALSE(f.compress(small));
  CHECK_FALSE(small.headers.contains("Content-Encoding"));
}

TEST_CASE("compression settings: disabled, SigV2, a custom minimum, an existing encoding") {
  fixture f("cloudwatch", "PutMetricData");
  compression_settings off;
  off.disabled = true;
  auto a = form_body(20000);
  CHECK_FALSE(f.compress(a, off));

  compression_settings v2;
  v2.signature_version = "v2";
  CHECK_FALSE(f.compress(a, v2));

  compression_settings zero;
  zero.min_size_bytes = 0;
  http_request empty;
  CHECK(f.compress(empty, zero));  // botocore compresses even an empty body at minimum 0
  CHECK(gunzip(empty.body).value().empty());

  auto b = form_body(20000);
  b.headers.set("Content-Encoding", "identity");
  CHECK(f.compress(b));
  CHECK(*b.headers.find("Content-Encoding") == "identity,gzip");
}

TEST_CASE("operations without the trait are never compressed") {
  fixture f("sqs", "SendMessage");
  auto r = form_body(50000);
  CHECK_FALSE(f.compress(r));
}

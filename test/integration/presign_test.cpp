// Presigned URLs and POSTs used by a plain HTTP client, as a browser or curl would, against
// moto_server on 127.0.0.1.
#include <doctest/doctest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <chrono>

#include "moto_fixture.hpp"

using namespace awscoro;
using awscoro::test::moto_fixture;
using awscoro::test::unique_name;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

namespace {

struct fetched {
  unsigned status = 0;
  std::string body;
};

// One HTTP/1.1 exchange with the server a URL names; 127.0.0.1 only, 10 s at most.
asio::awaitable<fetched> fetch(std::string method, std::string url, std::string body = {},
                               std::string content_type = {}) {
  auto u = boost::urls::parse_uri(url).value();
  REQUIRE(u.host() == "127.0.0.1");
  auto ex = co_await asio::this_coro::executor;
  beast::tcp_stream stream(ex);
  stream.expires_after(std::chrono::seconds(10));
  asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(u.port_number()));
  co_await stream.async_connect(ep, asio::use_awaitable);
  std::string target(u.encoded_path());
  if (target.empty()) target = "/";
  if (u.has_query()) target += "?" + std::string(u.encoded_query());
  http::request<http::string_body> req(http::string_to_verb(method), target, 11);
  req.set(http::field::host, std::string(u.encoded_host_and_port()));
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  req.body() = std::move(body);
  req.prepare_payload();
  co_await http::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  co_await http::async_read(stream, buffer, res, asio::use_awaitable);
  fetched out;
  out.status = res.result_int();
  out.body = std::move(res.body());
  co_return out;
}

// A multipart/form-data body: the policy's fields, then the file.
std::string form_body(json::object const& fields, std::string const& boundary, std::string const& file) {
  std::string b;
  for (auto const& [k, v] : fields) {
    b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + std::string(k) + "\"\r\n\r\n";
    b += std::string(v.as_string()) + "\r\n";
  }
  b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hello.txt\"\r\n";
  b += "Content-Type: text/plain\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
  return b;
}

}  // namespace

TEST_CASE_FIXTURE(moto_fixture, "presigned PUT and GET URLs work from a plain HTTP client") {
  if (test::moto_endpoint().empty()) return;
  for (std::string version : {"", "s3v4"}) {
    CAPTURE(version);
    client_config config;
    if (!version.empty()) config.signature_version = version;
    auto s3 = make("s3", config);
    std::string bucket = unique_name("presign");
    json::object create{{"Bucket", bucket}};
    run(s3.call("CreateBucket", create));

    json::object put_params{{"Bucket", bucket}, {"Key", "dir/a b.txt"}};
    std::string put_url = run(s3.generate_presigned_url("put_object", put_params, std::chrono::seconds(300)));
    CHECK(put_url.find(version.empty() ? "Signature=" : "X-Amz-Signature=") != std::string::npos);
    auto put = run(fetch("PUT", put_url, "hello presigned"));
    CHECK(put.status == 200);

    json::object get_params{{"Bucket", bucket}, {"Key", "dir/a b.txt"}};
    std::string get_url = run(s3.generate_presigned_url("GetObject", get_params, std::chrono::seconds(300)));
    auto got = run(fetch("GET", get_url));
    CHECK(got.status == 200);
    CHECK(got.body == "hello presigned");

    // The SDK sees what the URL uploaded.
    json::object head{{"Bucket", bucket}, {"Key", "dir/a b.txt"}};
    auto meta = run(s3.call("HeadObject", head));
    CHECK(meta.at("ContentLength").to_number<int>() == 15);
  }
}

TEST_CASE_FIXTURE(moto_fixture, "a presigned POST uploads a file") {
  if (test::moto_endpoint().empty()) return;
  client_config config;
  config.signature_version = "s3v4";
  auto s3 = make("s3", config);
  std::string bucket = unique_name("presign-post");
  json::object create{{"Bucket", bucket}};
  run(s3.call("CreateBucket", create));

  json::object fields{{"Content-Type", "text/plain"}};
  json::array conditions;
  conditions.push_back(json::object{{"Content-Type", "text/plain"}});
  auto post = run(s3.generate_presigned_post(bucket, "uploads/${filename}", fields, conditions));
  auto const& f = post.at("fields").as_object();
  CHECK(f.at("key") == "uploads/${filename}");
  CHECK(f.contains("policy"));
  CHECK(f.at("x-amz-algorithm") == "AWS4-HMAC-SHA256");
  CHECK(f.at("x-amz-credential").as_string().ends_with("/us-east-1/s3/aws4_request"));
  std::string url(post.at("url").as_string());
  CHECK(url.find(bucket) != std::string::npos);

  std::string boundary = "awscoro-boundary-7f3a";
  auto res = run(fetch("POST", url, form_body(f, boundary, "posted content"),
                       "multipart/form-data; boundary=" + boundary));
  CHECK(res.status >= 200);
  CHECK(res.status < 300);

  json::object get{{"Bucket", bucket}, {"Key", "uploads/hello.txt"}};
  auto obj = run(s3.call("GetObject", get));
  CHECK(obj.at("Body") == "posted content");
}

TEST_CASE_FIXTURE(moto_fixture, "presigning checks the expiry and the client method") {
  if (test::moto_endpoint().empty()) return;
  client_config config;
  config.signature_version = "s3v4";
  auto s3 = make("s3", config);
  json::object params{{"Bucket", "b"}, {"Key", "k"}};
  CHECK_THROWS_WITH_AS(run(s3.generate_presigned_url("get_object", params, std::chrono::seconds(604801))),
                       doctest::Contains("7 days"), awscoro::error_base);
  CHECK_THROWS_AS(run(s3.generate_presigned_url("get_objekt", params)), unknown_operation_error);
  auto sqs = make("sqs");
  CHECK_THROWS_AS(run(sqs.generate_presigned_post("b", "k")), awscoro::error_base);
}

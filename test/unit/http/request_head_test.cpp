#include <doctest/doctest.h>

#include "http/request_head.hpp"

using awscoro::http_request;
using awscoro::detail::write_request_head;

namespace {

http_request make(std::string method, std::string path, std::string body = {}) {
  http_request r;
  r.method = std::move(method);
  r.scheme = "https";
  r.host = "example.com";
  r.path = std::move(path);
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("request head: request line, Host from the authority, no Content-Length on a bodiless GET") {
  auto r = make("GET", "/a%20b");
  r.query = "x=1&y=2";
  r.headers.add("X-Amz-Date", "20150830T123600Z");
  std::string out, error;
  REQUIRE(write_request_head(r, out, error));
  CHECK(out == "GET /a%20b?x=1&y=2 HTTP/1.1\r\nX-Amz-Date: 20150830T123600Z\r\nHost: example.com\r\n\r\n");
}

TEST_CASE("request head: non-default port and IPv6 literal in Host; path holding '?' gets '&'") {
  auto r = make("GET", "/p?a");
  r.query = "b=1";
  r.host = "::1";
  r.port = 8443;
  std::string out, error;
  REQUIRE(write_request_head(r, out, error));
  CHECK(out == "GET /p?a&b=1 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n");

  r.scheme = "http";
  r.host = "h";
  r.port = 80;
  r.query.clear();
  r.path.clear();
  REQUIRE(write_request_head(r, out, error));
  CHECK(out == "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST_CASE("request head: Content-Length is the body's size, replacing any given; Host kept when present") {
  auto r = make("PUT", "/k", "hello");
  r.headers.add("Host", "bucket.example.com");
  r.headers.add("Content-Length", "999");
  r.headers.add("Transfer-Encoding", "chunked");
  std::string out, error;
  REQUIRE(write_request_head(r, out, error));
  CHECK(out == "PUT /k HTTP/1.1\r\nHost: bucket.example.com\r\nContent-Length: 5\r\n\r\n");

  auto post = make("POST", "/");
  REQUIRE(write_request_head(post, out, error));
  CHECK(out == "POST / HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n");
}

TEST_CASE("request head: the buffer is reused, not appended to") {
  auto r = make("GET", "/");
  std::string out = "left over";
  std::string error;
  REQUIRE(write_request_head(r, out, error));
  CHECK(out.rfind("GET / HTTP/1.1\r\n", 0) == 0);
}

TEST_CASE("request head: fields that would split the message are refused, naming the field") {
  std::string out, error;
  auto r = make("GET", "/");
  r.headers.add("X-Bad", "a\r\nInjected: 1");
  CHECK_FALSE(write_request_head(r, out, error));
  CHECK(error.find("X-Bad") != std::string::npos);
  CHECK(error.find("Injected") == std::string::npos);

  auto n = make("GET", "/");
  n.headers.add("Bad Name", "v");
  CHECK_FALSE(write_request_head(n, out, error));

  auto m = make("GET /x", "/");
  CHECK_FALSE(write_request_head(m, out, error));

  auto p = make("GET", "/a b");
  CHECK_FALSE(write_request_head(p, out, error));

  auto h = make("GET", "/");
  h.host = "evil\r\nX: y";
  CHECK_FALSE(write_request_head(h, out, error));
}

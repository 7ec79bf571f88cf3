#include <doctest/doctest.h>

#include <string>

#include "endpoint/rule_functions.hpp"

using namespace awscoro::detail;

namespace {

struct url_case {
  char const* input;
  char const* scheme;
  char const* authority;
  char const* path;
  char const* normalized;
  bool is_ip;
};

}  // namespace

TEST_CASE("parseURL splits like Python's urlparse and normalizes the path") {
  std::pmr::monotonic_buffer_resource arena;
  url_case const cases[] = {
      {"https://[2001:db8::1]:8443/a/b", "https", "[2001:db8::1]:8443", "/a/b", "/a/b/", true},
      {"http://[fe80::1%25eth0]/", "http", "[fe80::1%25eth0]", "/", "/", true},
      {"https://[::ffff:1.2.3.4]", "https", "[::ffff:1.2.3.4]", "", "/", true},
      {"https://[v1.fe]/", "https", "[v1.fe]", "/", "/", false},
      {"https://host:65535", "https", "host:65535", "", "/", false},
      {"https://host:/p", "https", "host:", "/p", "/p/", false},
      {"HTTPS://Example.com/a/./b/../c//d", "https", "Example.com", "/a/./b/../c//d", "/a/c/d/", false},
      {"https://example.com/a b/%2F/", "https", "example.com", "/a b/%2F/", "/a%20b/%252F/", false},
      {"https://user@10.0.0.1:80", "https", "user@10.0.0.1:80", "", "/", true},
      {"https://999.999.999.999", "https", "999.999.999.999", "", "/", true},
      {"https://example.com?", "https", "example.com", "", "/", false},
      {"https://example.com#frag", "https", "example.com", "", "/", false},
      {"https://example.com/x;params", "https", "example.com", "/x", "/x/", false},
      {"https://example.com/a/..", "https", "example.com", "/a/..", "/", false},
      {"https://example.com/.", "https", "example.com", "/.", "/", false},
      {"http://192.168.1.1:1234/foo/", "http", "192.168.1.1:1234", "/foo/", "/foo/", true},
  };
  for (auto const& c : cases) {
    CAPTURE(c.input);
    auto u = parse_url(c.input, arena);
    REQUIRE(u);
    CHECK(u->scheme == c.scheme);
    CHECK(u->authority == c.authority);
    CHECK(u->path == c.path);
    CHECK(u->normalized_path == c.normalized);
    CHECK(u->is_ip == c.is_ip);
  }
}

TEST_CASE("parseURL rejects other schemes, queries, bad ports and bad brackets") {
  std::pmr::monotonic_buffer_resource arena;
  for (char const* bad : {"ftp://example.com", "acbd://example.com", "https://example.com/path?query1=foo",
                          "http://abc.com:a/foo", "https://host:65536", "https://[1.2.3.4]/", "https://[::1",
                          "https://::1]", "example.com", "https://[2001:db8::1::2]/", "://x"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_url(bad, arena));
  }
}

TEST_CASE("IPv4 and IPv6 literals follow botocore's patterns") {
  CHECK(is_ipv4_literal("192.168.0.1"));
  CHECK(is_ipv4_literal("999.999.999.999"));
  CHECK_FALSE(is_ipv4_literal("1.2.3"));
  CHECK_FALSE(is_ipv4_literal("1.2.3.4.5"));
  CHECK_FALSE(is_ipv4_literal("1.2.3.1234"));
  CHECK_FALSE(is_ipv4_literal("1.2.3.a"));
  CHECK(is_bracketed_ipv6_literal("[::]"));
  CHECK(is_bracketed_ipv6_literal("[1:2:3:4:5:6:7:8]"));
  CHECK(is_bracketed_ipv6_literal("[1:2:3:4:5:6:7::]"));
  CHECK(is_bracketed_ipv6_literal("[::2:3:4:5:6:7:8]"));
  CHECK(is_bracketed_ipv6_literal("[1:2:3:4:5:6:1.2.3.4]"));
  CHECK(is_bracketed_ipv6_literal("[fe80::1%eth0]"));
  CHECK(is_bracketed_ipv6_literal("[fe80::1%25eth0]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("[1:2:3:4:5:6:7]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("[1:2:3:4:5:6:7:8:9]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("[1:2:3:4:5:6:7::8]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("[12345::]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("[1.2.3.4::]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("[fe80::1%]"));
  CHECK_FALSE(is_bracketed_ipv6_literal("::1"));
}

TEST_CASE("aws.parseArn splits the resource on ':' and '/'") {
  std::pmr::monotonic_buffer_resource arena;
  auto a = parse_arn("arn:aws:s3:us-east-1:123:accesspoint/my:ap", arena);
  REQUIRE(a);
  CHECK(a->partition == "aws");
  CHECK(a->service == "s3");
  CHECK(a->region == "us-east-1");
  CHECK(a->account_id == "123");
  REQUIRE(a->resource_id.size() == 3);
  CHECK(a->resource_id[0] == "accesspoint");
  CHECK(a->resource_id[1] == "my");
  CHECK(a->resource_id[2] == "ap");

  auto b = parse_arn("arn:aws:s3:us-east-1:123:a::b", arena);
  REQUIRE(b);
  REQUIRE(b->resource_id.size() == 3);
  CHECK(b->resource_id[1].empty());

  auto c = parse_arn("arn:aws:s3:::bucket", arena);
  REQUIRE(c);
  CHECK(c->region.empty());
  CHECK(c->account_id.empty());
  REQUIRE(c->resource_id.size() == 1);
  CHECK(c->resource_id[0] == "bucket");

  // The resource keeps every later ':' (split stops at five).
  auto d = parse_arn("arn:aws:s3:us-east-2:012345678:outpost::", arena);
  REQUIRE(d);
  REQUIRE(d->resource_id.size() == 3);
  CHECK(d->resource_id[0] == "outpost");

  CHECK_FALSE(parse_arn("arn:aws:s3:::", arena));  // empty resource
  CHECK_FALSE(parse_arn("arn::s3:us-west-2:123456789012:resource-id", arena));
  CHECK_FALSE(parse_arn("arn:aws::us-west-2:123456789012:resource-id", arena));
  CHECK_FALSE(parse_arn("arn:aws:s3:us-west-2:123456789012", arena));
  CHECK_FALSE(parse_arn("asdf", arena));
  CHECK_FALSE(parse_arn("ARN:aws:s3:::bucket", arena));
}

TEST_CASE("isValidHostLabel, with and without subdomains") {
  CHECK(is_valid_host_label("us-east-1", false));
  CHECK(is_valid_host_label("3aws4", false));
  CHECK(is_valid_host_label(std::string(63, 'a'), false));
  CHECK_FALSE(is_valid_host_label(std::string(64, 'a'), false));
  CHECK_FALSE(is_valid_host_label("", false));
  CHECK_FALSE(is_valid_host_label("-a", false));
  CHECK_FALSE(is_valid_host_label("a-", false));
  CHECK_FALSE(is_valid_host_label("part1 part2", false));
  CHECK_FALSE(is_valid_host_label("a_b", false));
  CHECK_FALSE(is_valid_host_label("a.b", false));
  CHECK(is_valid_host_label("a.b", true));
  CHECK(is_valid_host_label("a-b.c-d", true));
  CHECK_FALSE(is_valid_host_label("a..b", true));
  CHECK_FALSE(is_valid_host_label("a.", true));
  CHECK_FALSE(is_valid_host_label(".a", true));
  CHECK_FALSE(is_valid_host_label("a.-b", true));
}

TEST_CASE("aws.isVirtualHostableS3Bucket") {
  CHECK(is_virtual_hostable_s3_bucket("bucket-name", false));
  CHECK(is_virtual_hostable_s3_bucket("abc", false));
  CHECK_FALSE(is_virtual_hostable_s3_bucket("ab", false));
  CHECK_FALSE(is_virtual_hostable_s3_bucket("BucketName", false));
  CHECK_FALSE(is_virtual_hostable_s3_bucket("bucket_name", false));
  CHECK_FALSE(is_virtual_hostable_s3_bucket("bucket.name", false));
  CHECK(is_virtual_hostable_s3_bucket("bucket.name", true));
  CHECK_FALSE(is_virtual_hostable_s3_bucket("192.168.5.4", true));
  CHECK_FALSE(is_virtual_hostable_s3_bucket("bucket-.name", true));
  CHECK_FALSE(is_virtual_hostable_s3_bucket(std::string(64, 'a'), false));
}

TEST_CASE("substring counts from either end and refuses non-ASCII") {
  CHECK(substring("abcdefg", 0, 4, false) == "abcd");
  CHECK(substring("abcdefg", 0, 4, true) == "defg");
  CHECK(substring("defg", 1, 3, false) == "ef");
  CHECK(substring("abcd", 0, 4, false) == "abcd");
  CHECK_FALSE(substring("abc", 0, 4, false));
  CHECK_FALSE(substring("abcdef", 3, 3, false));
  CHECK_FALSE(substring("abcdef", 4, 2, false));
  CHECK_FALSE(substring("abcdef\xc2\x80", 0, 4, false));
  CHECK(substring("\x7f" "abcdef", 0, 4, false) == "\x7f" "abc");
}

TEST_CASE("uriEncode leaves only unreserved characters bare") {
  std::pmr::monotonic_buffer_resource arena;
  CHECK(uri_encode("abc:defg", arena) == "abc%3Adefg");
  CHECK(uri_encode("0123456789.underscore_dash-Tilda~", arena) == "0123456789.underscore_dash-Tilda~");
  CHECK(uri_encode("/ %", arena) == "%2F%20%25");
  CHECK(uri_encode("\xf0\x9f\x98\xb9", arena) == "%F0%9F%98%B9");
  CHECK(uri_encode("", arena).empty());
}

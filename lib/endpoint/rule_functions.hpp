// The endpoint rules standard library on plain strings: parseURL, aws.parseArn,
// isValidHostLabel, aws.isVirtualHostableS3Bucket, substring, uriEncode.
//
// Behaviour follows botocore's implementation (Python's urlsplit for URLs, its IPv4/IPv6
// patterns, its host-label pattern), since botocore's results are what the endpoint tests
// expect. Results that need new text are written into `arena`; everything else is a view of
// the input.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <optional>
#include <span>
#include <string_view>

namespace awscoro::detail {

struct parsed_url {
  std::string_view scheme;     // "http" or "https", lower case
  std::string_view authority;  // host[:port], as written (userinfo included)
  std::string_view path;       // as written, "" when absent
  std::string_view normalized_path;  // dot segments and empty segments removed, percent-encoded, ends in '/'
  bool is_ip = false;          // the host is an IPv4 or a bracketed IPv6 address
};

// nullopt when `url` is not an http(s) URL, has a query, or has an invalid port or host.
std::optional<parsed_url> parse_url(std::string_view url, std::pmr::memory_resource& arena);

struct parsed_arn {
  std::string_view partition, service, region, account_id;
  std::span<std::string_view const> resource_id;  // the resource split on ':' and '/'
};

// nullopt unless `arn` is "arn:partition:service:region:account:resource" with a non-empty
// partition, service and resource.
std::optional<parsed_arn> parse_arn(std::string_view arn, std::pmr::memory_resource& arena);

// An RFC 1123 label (letters, digits, '-', 1 to 63 characters, no '-' at either end); with
// `allow_subdomains`, every '.'-separated label must be one.
bool is_valid_host_label(std::string_view value, bool allow_subdomains);

// A bucket name usable as a virtual host: a valid host label (per label with
// `allow_subdomains`), at least 3 characters, no upper case, not an IPv4 address.
bool is_virtual_hostable_s3_bucket(std::string_view value, bool allow_subdomains);

// Characters [start, stop) of an ASCII string, counted from the end when `reverse`; nullopt
// when the range does not fit or the string is not ASCII.
std::optional<std::string_view> substring(std::string_view value, std::int64_t start, std::int64_t stop, bool reverse);

// Percent-encodes every byte but A-Z a-z 0-9 - . _ ~ (upper-case hex).
std::string_view uri_encode(std::string_view value, std::pmr::memory_resource& arena);

// botocore's address patterns: four dot-separated groups of 1-3 digits (no range check); an
// RFC 3986 IPv6 address in brackets with an optional zone ("%25eth0").
bool is_ipv4_literal(std::string_view host);
bool is_bracketed_ipv6_literal(std::string_view host);

}  // namespace awscoro::detail

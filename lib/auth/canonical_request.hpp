// The pieces of a SigV4 canonical request. Each appends to a caller's buffer and keeps its
// working state in a `canonical_scratch`, so a thread that signs many requests reuses the same
// memory instead of allocating per call.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "awscoro/http_message.hpp"

namespace awscoro::detail {

struct canonical_scratch {
  struct span {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  struct query_pair {
    span key;
    span value;
  };
  struct header_ref {
    span name;  // lowercased, in `text`
    std::string_view value;
  };
  std::string text;
  std::vector<std::string_view> segments;
  std::vector<query_pair> pairs;
  std::vector<header_ref> headers;

  std::string_view view(span s) const { return std::string_view(text).substr(s.offset, s.size); }
};

// Canonical URI. With `normalize`, dot segments and empty segments are removed as botocore does
// (`//a/./b/../c/` -> `/a/c/`); with `encode`, the result is percent-encoded leaving unreserved
// characters and '/', which for an already encoded path is SigV4's double encoding.
void append_canonical_uri(std::string& out, std::string_view path, bool normalize, bool encode,
                          canonical_scratch& scratch);

// Canonical query string: each key and value percent-decoded and re-encoded so that only
// unreserved characters stay bare, pairs sorted by key and then by value, `k=` for a key with no
// value. Accepts raw bytes and %XX escapes alike.
void append_canonical_query(std::string& out, std::string_view query, canonical_scratch& scratch);

// Whether SigV4 leaves a header out of the signature (hop-by-hop headers, User-Agent, Expect,
// X-Amzn-Trace-Id), as botocore does. `lowercase_name` must already be lowercase.
bool is_unsigned_header(std::string_view lowercase_name);

// Appends "key=value" (both percent-encoded, '&' first unless `out` is empty) to a query string.
void append_query_param(std::string& out, std::string_view key, std::string_view value);

// Sets Host to the request's authority, lowercased, unless the request already has one.
void set_host_if_missing(http_request& request);

// Appends `value` without leading and trailing whitespace and with each inner run of whitespace
// (folded lines included) replaced by one space.
void append_trimmed_header_value(std::string& out, std::string_view value);

// Appends `name:value\n` for every signed header, names lowercased and sorted, repeated headers'
// values joined with ',' in their order; sets `signed_headers` to the names joined with ';'.
void append_canonical_headers(std::string& out, std::string& signed_headers, header_list const& headers,
                              canonical_scratch& scratch);

}  // namespace awscoro::detail

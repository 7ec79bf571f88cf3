// Paginators: an operation's pages as an async generator, botocore's Paginator and PageIterator.
//
//   auto pages = s3.get_paginator("ListObjectsV2").paginate(params, {.max_items = 500});
//   while (auto page = co_await pages.next()) ...;
//
// \par botocore
// botocore/paginate.py: input/output tokens (one or several, output tokens as JMESPath),
// more_results, limit_key (PageSize), result keys, non_aggregate_keys, MaxItems, StartingToken
// and resume tokens; tokens are interchangeable with botocore's.
//
// create_client reads the service's paginators-1.json off the event loop (once per process);
// can_paginate / get_paginator only compile it, on first use, and look it up afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <awscoro/error.hpp>

namespace awscoro {

namespace detail {
class page_iterator_impl;
class paginator_impl;
struct search_state;
struct paginator_access;
}  // namespace detail

// botocore's PaginationConfig. A "PaginationConfig" object inside the params is read too;
// fields set here win over it.
struct pagination_config {
  std::optional<std::int64_t> max_items;    // stop after this many items of the primary result key
  std::optional<std::int64_t> page_size;    // sent as the paginator's limit key
  std::optional<std::string> starting_token;  // a resume token from an earlier pager (or botocore)
};

// A pagination failure that is not a service error: a bad StartingToken, PageSize on an
// operation without a limit key, or a service that repeats its last token.
class pagination_error : public error_base {
 public:
  using error_base::error_base;
};

// The results of a JMESPath expression over each page, flattened one level (botocore's
// PageIterator.search): lists yield their elements, anything else (null included) itself.
class search_iterator {
 public:
  // The next value; nullopt at the end. Same errors and cancellation as page_iterator::next().
  boost::asio::awaitable<std::optional<boost::json::value>> next();

 private:
  friend struct detail::paginator_access;
  friend class page_iterator;
  std::shared_ptr<detail::search_state> state_;
};

// The pages of one pagination. Each next() sends at most one request; nothing is sent before
// the first next(). Not safe for concurrent next() calls; destroying it between pages (or
// while a next() is pending: that call keeps the state alive) is clean.
class page_iterator {
 public:
  // The next page (botocore's parsed response, truncated for MaxItems / StartingToken), or
  // nullopt when there are no more. Throws what client::call throws, and pagination_error.
  // Cancellation: as client::call (terminal, through the awaiting coroutine).
  boost::asio::awaitable<std::optional<boost::json::object>> next();

  // Reads the remaining pages and merges them as botocore's build_full_result does: result
  // keys concatenated, non_aggregate_keys from the first page, NextToken when MaxItems cut the
  // pagination short. On a fresh pager that is botocore's result.
  boost::asio::awaitable<boost::json::object> build_full_result();

  // The values of `expression` over the remaining pages. Throws pagination_error when the
  // expression does not compile.
  search_iterator search(std::string_view expression);

  // The token that resumes where MaxItems stopped; set once that page has been returned.
  std::optional<std::string> resume_token() const;
  // The non_aggregate_keys of the first page.
  boost::json::object const& non_aggregate_part() const;
  std::vector<std::string> result_keys() const;

 private:
  friend struct detail::paginator_access;
  friend class paginator;
  std::shared_ptr<detail::page_iterator_impl> impl_;
};

class paginator {
 public:
  // A pager over `params` (which may hold "PaginationConfig"). Sends nothing.
  // Throws pagination_error when PageSize is given and the operation has no limit key.
  page_iterator paginate(boost::json::object params = {}, pagination_config config = {}) const;

  std::string const& operation_name() const;
  std::vector<std::string> input_tokens() const;
  std::vector<std::string> result_keys() const;
  std::string const& limit_key() const;  // empty when the operation takes no page size

 private:
  friend struct detail::paginator_access;
  std::shared_ptr<detail::paginator_impl const> impl_;
};

}  // namespace awscoro

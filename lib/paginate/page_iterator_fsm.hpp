// botocore's PageIterator as a sans-io state machine: it says which parameters the next request
// carries, takes each response and returns the page to hand out, and keeps MaxItems, PageSize,
// StartingToken and the resume token. The caller performs the requests (page_iterator_impl).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "paginate/paginator_model.hpp"

namespace awscoro::detail {

// PaginationConfig, already checked and converted (PageSize to the limit key's type).
struct paging_params {
  std::optional<std::int64_t> max_items;
  std::optional<boost::json::value> page_size;
  std::optional<std::string> starting_token;
};

class page_iterator_fsm {
 public:
  // `spec` must outlive the state machine (callers keep its service_paginators alive).
  page_iterator_fsm(paginator_spec const& spec, boost::json::object params, paging_params paging);

  // The parameters of the next request; nullopt when pagination is over. Fails (false, with
  // `error` set) on a bad StartingToken or when the service repeated its last token.
  bool next_request(std::optional<boost::json::object>& request, std::string& error);
  // The response to the request next_request() gave; returns the page (truncated for MaxItems,
  // or for a StartingToken's first page).
  boost::json::object on_response(boost::json::object response);

  bool done() const noexcept { return done_; }
  std::optional<std::string> const& resume_token() const noexcept { return resume_token_; }
  boost::json::object const& non_aggregate_part() const noexcept { return non_aggregate_; }
  paginator_spec const& spec() const noexcept { return *spec_; }

 private:
  void handle_first_page(boost::json::object& page);
  void truncate(boost::json::object& page, std::int64_t amount);
  boost::json::object next_token_of(boost::json::object const& page) const;
  void inject(boost::json::object const& tokens);

  paginator_spec const* spec_;
  boost::json::object params_;
  paging_params paging_;
  bool started_ = false;
  bool first_ = true;
  bool done_ = false;
  std::string pending_error_;
  boost::json::object next_token_;
  std::optional<boost::json::object> previous_next_token_;
  std::int64_t total_items_ = 0;
  std::int64_t starting_truncation_ = 0;
  std::optional<std::string> resume_token_;
  boost::json::object non_aggregate_;
};

// build_full_result, page by page: result keys concatenated (lists) or added (numbers,
// strings), then the non-aggregate part merged in and NextToken set from the resume token.
class full_result_builder {
 public:
  explicit full_result_builder(paginator_spec const& spec) : spec_(&spec) {}
  void add_page(boost::json::object const& page);
  boost::json::object finish(boost::json::object const& non_aggregate, std::optional<std::string> const& resume_token);

 private:
  paginator_spec const* spec_;
  boost::json::value result_ = boost::json::object();
};

// botocore's set_value_from_jmespath for dotted paths: creates missing objects on the way.
void set_value_at(boost::json::object& target, std::string_view dotted, boost::json::value value);
// botocore's merge_dicts: nested objects merge, anything else replaces.
void merge_objects(boost::json::object& into, boost::json::object const& from);
// Python's truthiness of a JSON value (null, false, 0, "", [], {} are false).
bool truthy(boost::json::value const& v) noexcept;

}  // namespace awscoro::detail

// A service's paginators (paginators-1.json, sdk-extras merged), compiled once per process:
// every JMESPath expression compiled, every single-or-list field normalized to a list.
//
// Input: model_registry's "paginators-1" document. Output: one paginator_spec per pageable
// operation, keyed by the operation's model name (botocore's PaginatorModel).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "jmespath/expression.hpp"

namespace awscoro::detail {

// A JMESPath expression with the text it came from (set_value_at needs the text).
struct named_expression {
  std::string text;
  jmespath::expression expr;
};

struct paginator_spec {
  std::string operation;
  std::vector<std::string> input_tokens;        // request parameter names
  std::vector<named_expression> output_tokens;  // one per input token, same order
  std::optional<named_expression> more_results;
  std::vector<named_expression> result_keys;    // the first is the primary one
  std::vector<named_expression> non_aggregate_keys;
  std::string limit_key;                        // empty: PageSize is not supported
};

struct service_paginators {
  std::map<std::string, paginator_spec, std::less<>> by_operation;  // sorted: error messages list them
};

// Compiles a paginators-1 document; the error names the operation and field that is wrong.
boost::system::result<std::shared_ptr<service_paginators const>> compile_paginators(boost::json::value const& doc,
                                                                                    std::string* error_message);

// The compiled paginators of `service` at `api_version`, loaded through model_registry and
// cached for the process. A service without a paginators file has none (not an error); a
// malformed file is a model_error. Reads a small file on first use per service.
std::shared_ptr<service_paginators const> paginators_for(std::string const& service, std::string const& api_version);

}  // namespace awscoro::detail

// The end-to-end operationInputs of the endpoint tests: each runs through a whole client (params,
// validation, endpoint, serialization, signing) and the signed request is compared with the
// case's expectation.
#pragma once

#include <string>

#include <boost/json/object.hpp>

namespace awscoro::conformance {

enum class input_result { passed, failed, skipped };

// Runs one operationInput of test case `tc` of `service`; `why` says what failed or why it was
// skipped.
input_result run_operation_input(std::string const& service, boost::json::object const& tc,
                                 boost::json::object const& input, std::string& why);

}  // namespace awscoro::conformance

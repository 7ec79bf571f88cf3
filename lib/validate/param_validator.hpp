// Parameter validation: params against an operation's input shape, before any I/O.
//
// Reports every problem at once, with botocore's ParamValidator messages and paths
// (`Foo.Bar[0].Baz`): missing required members, unknown members, wrong types, strings and lists
// below their min length, numbers below their min value, tagged unions with zero or several
// members set. Like botocore it checks `min` only, never `max`, `pattern` or `enum`.
// A member given as JSON null counts as not set.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "model/service_model.hpp"

namespace awscoro::detail {

// The report, one problem per line, or empty when params are valid. Input of no_shape accepts
// only an empty object.
std::string validate_params(service_model const& model, shape_id input, boost::json::object const& params);

}  // namespace awscoro::detail

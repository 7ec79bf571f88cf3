// The operation's endpoint.hostPrefix ("{AccountId}.data."), with its labels filled in from the
// input members marked hostLabel.
#pragma once

#include <string>

#include <boost/json/fwd.hpp>

#include "serialize/serialize_context.hpp"

namespace awscoro::detail {

// Sets `out` to the expanded prefix (empty when the operation has none). Fails when a label's
// member is missing or its value is not made only of letters, digits, '-' and '.'.
bool expand_host_prefix(serialize_context& ctx, boost::json::object const& params, std::string& out);

}  // namespace awscoro::detail

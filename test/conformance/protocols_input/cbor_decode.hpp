// Decodes CBOR into JSON values so request bodies compare by meaning (conformance README: map
// order, integer and float widths and definite/indefinite lengths do not matter). Byte strings
// become strings of the same bytes; tags are dropped, keeping their content.
#pragma once

#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

namespace awscoro::test {

std::optional<boost::json::value> decode_cbor(std::string_view bytes);

}  // namespace awscoro::test

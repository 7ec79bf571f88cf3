// Internal spelling of the public HTTP message types.
#pragma once

#include <awscoro/http_message.hpp>

#include <cstdint>
#include <optional>

namespace awscoro::detail {

// The Content-Length a response declares: nullopt when it has none or it is not a decimal
// number of at most 19 digits.
std::optional<std::uint64_t> declared_content_length(header_list const& headers);

}  // namespace awscoro::detail

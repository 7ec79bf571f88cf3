// The readable name of a C++ type ("awscoro::http_error"), for messages and monitoring events
// that report what was thrown, as botocore reports an exception's class name.
#pragma once

#include <string>
#include <typeinfo>

namespace awscoro::detail {

std::string type_name(std::type_info const& type);

}  // namespace awscoro::detail

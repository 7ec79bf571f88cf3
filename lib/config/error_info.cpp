#include "config/error_info.hpp"

namespace awscoro::detail {

void throw_exception_from_error(error_info const& e, boost::source_location const&) {
  diagnostics d;
  d.message = e.message;
  throw_error(e.code, std::move(d));
}

}  // namespace awscoro::detail

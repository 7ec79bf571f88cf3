#include "util/type_name.hpp"

#include <cstdlib>
#include <memory>

#include <cxxabi.h>

namespace awscoro::detail {

std::string type_name(std::type_info const& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status),
                                                   std::free);
  return status == 0 && demangled ? std::string(demangled.get()) : std::string(type.name());
}

}  // namespace awscoro::detail

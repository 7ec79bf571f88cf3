// Fuzzes the endpoint rule set compiler with JSON documents.
#include <boost/json/parse.hpp>

#include "endpoint/rule_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(std::string_view(reinterpret_cast<char const*>(data), size), ec);
  if (ec) return 0;
  std::string err;
  auto rs = awscoro::detail::rule_set::compile(doc, &err);
  (void)rs;
  return 0;
}

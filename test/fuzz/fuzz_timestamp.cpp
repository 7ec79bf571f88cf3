// Fuzzes timestamp parsing (ISO 8601, RFC 822, epoch text) and formats whatever parses.
#include <string_view>

#include "util/timestamp.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace awscoro::detail;
  auto t = parse_timestamp(std::string_view(reinterpret_cast<char const*>(data), size));
  if (!t) return 0;
  (void)format_iso8601(*t);
  (void)format_iso8601(*t, true);
  (void)format_rfc822(*t);
  (void)format_epoch(*t);
  return 0;
}

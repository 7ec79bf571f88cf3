// Fuzzes the shape-free CBOR decoder (decode_cbor): any input either decodes to a tree no deeper
// than the parser's limit or is refused with a message.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/cbor_value.hpp"
#include "parse/parse_common.hpp"

namespace {

std::size_t depth(awscoro::detail::cbor_value const& v) {
  std::size_t deepest = 0;
  for (auto const& item : v.items) deepest = std::max(deepest, depth(item));
  for (auto const& member : v.members) deepest = std::max(deepest, depth(member.value));
  bool nests = !v.items.empty() || !v.members.empty();
  return deepest + (nests ? 1 : 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string error;
  auto v = awscoro::detail::decode_cbor(std::string_view(reinterpret_cast<char const*>(data), size), error);
  if (!v && error.empty()) __builtin_trap();  // a refusal must say why
  if (v && depth(*v) > awscoro::detail::max_parse_depth) __builtin_trap();
  return 0;
}

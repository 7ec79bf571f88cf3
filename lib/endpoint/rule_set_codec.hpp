// The compact compiled form of an endpoint rule set: its flat arrays written as binary, so a
// cached rule set loads without reading JSON. Decoding checks every length and index the
// evaluator follows without checking, and yields nothing rather than a rule set that could
// read out of range.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "endpoint/rule_set.hpp"

namespace awscoro::detail {

// Bump whenever the encoding or what `rule_set::compile` produces changes.
inline constexpr std::uint32_t rule_set_format_version = 1;

class rule_set_codec {
 public:
  static std::string encode(rule_set const& rules);
  static std::shared_ptr<rule_set const> decode(std::string_view bytes);

 private:
  static bool indexes_valid(rule_set const& rules);
};

}  // namespace awscoro::detail

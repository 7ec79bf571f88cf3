#include "client/auth_scheme_choice.hpp"

namespace awscoro::detail {

std::vector<std::string> parse_auth_scheme_preference(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string name;
    for (char c : text.substr(0, comma))
      if (c != ' ' && c != '\t') name += c;
    if (!name.empty()) out.push_back(std::move(name));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string_view auth_scheme_short_name(std::string_view scheme) {
  auto hash = scheme.rfind('#');
  return hash == std::string_view::npos ? scheme : scheme.substr(hash + 1);
}

}  // namespace awscoro::detail

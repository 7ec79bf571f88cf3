// Which of the auth schemes a model or an endpoint offers a call signs with, when the user has
// a say: the auth_scheme_preference setting (botocore's resolve_auth_scheme_preference). A
// bearer token in the environment is the other say (credentials/bearer_token_env.hpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace awscoro::detail {

// "sigv4a, sigv4" -> {"sigv4a", "sigv4"}: as botocore reads the setting, spaces and tabs inside
// items are dropped and so are empty items.
std::vector<std::string> parse_auth_scheme_preference(std::string_view text);

// "aws.auth#sigv4a" -> "sigv4a": the name a preference uses for a scheme.
std::string_view auth_scheme_short_name(std::string_view scheme);

// Calls `visit(i)` for the indices of the `count` offered schemes (as the model or endpoint lists
// them; `name_at(i)` is the i-th one's name) until it returns true: those the preference names
// first, in the preference's order, then the others in their listed order. Allocates nothing.
template <class NameAt, class Visit>
void visit_in_preferred_order(std::size_t count, NameAt name_at, std::vector<std::string> const& preference,
                              Visit visit) {
  auto preferred = [&](std::string_view name) {
    return std::find(preference.begin(), preference.end(), auth_scheme_short_name(name)) != preference.end();
  };
  for (auto const& wanted : preference)
    for (std::size_t i = 0; i < count; ++i)
      if (auth_scheme_short_name(name_at(i)) == wanted && visit(i)) return;
  for (std::size_t i = 0; i < count; ++i)
    if (!preferred(name_at(i)) && visit(i)) return;
}

}  // namespace awscoro::detail

#include "aws_environment.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace awscoro::test {

void clear_aws_environment() {
  // Names first: unsetenv changes `environ` while it is being walked otherwise.
  std::vector<std::string> names;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with("AWS_")) names.emplace_back(entry.substr(0, entry.find('=')));
  }
  for (auto const& n : names) ::unsetenv(n.c_str());
}

}  // namespace awscoro::test

// The known_failures.txt beside a conformance runner: one case per line, "<id> <reason>";
// blank lines and lines starting with '#' are ignored. A missing file lists nothing.
#pragma once

#include <map>
#include <string>

namespace awscoro::test {

// Case id -> reason ("no reason given" when the line has none).
std::map<std::string, std::string> load_known_failures(std::string const& path);

}  // namespace awscoro::test

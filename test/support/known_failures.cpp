#include "known_failures.hpp"

#include <fstream>

namespace awscoro::test {

std::map<std::string, std::string> load_known_failures(std::string const& path) {
  std::map<std::string, std::string> known;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    auto sp = line.find(' ');
    known[line.substr(0, sp)] = sp == std::string::npos ? std::string("no reason given") : line.substr(sp + 1);
  }
  return known;
}

}  // namespace awscoro::test

#include "conformance_tally.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace awscoro::test {

tally& tally::operator+=(tally const& other) noexcept {
  passed += other.passed;
  failed += other.failed;
  skipped += other.skipped;
  return *this;
}

void tally::print(std::string_view name) const {
  std::cout << name << ": " << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
}

void record_case(tally& t, std::map<std::string, std::string> const& known, std::string const& id, bool passed,
                 std::string_view why, std::string_view shown, std::string_view indent) {
  if (auto k = known.find(id); k != known.end()) {
    if (passed) {
      ++t.failed;
      std::cout << indent << "FAIL " << shown << ": listed in known_failures.txt but passes\n";
    } else {
      ++t.skipped;
      std::cout << indent << "SKIP " << shown << ": known failure: " << k->second << "\n";
    }
    return;
  }
  if (passed) {
    ++t.passed;
  } else {
    ++t.failed;
    std::cout << indent << "FAIL " << shown << ": " << why << "\n";
  }
}

std::string read_text(std::filesystem::path const& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace awscoro::test
